//! A bare Tauri 2 window showing a static page: the baseline for the desktop
//! benchmark (start time and memory) in `scripts/bench-window`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the bare window");
}
