//! The Specwright desktop binary: all of the app lives in the library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    specwright_app::run();
}
