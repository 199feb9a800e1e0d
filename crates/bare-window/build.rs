//! Compiles the Tauri context (tauri.conf.json, icon) of the bare window.
fn main() {
    tauri_build::build();
}
