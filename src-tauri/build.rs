//! Compiles the Tauri context (config, capabilities, icons) for the app.
//!
//! The config lives at the repository root while capabilities live under
//! `src-tauri/capabilities`, so the glob is given explicitly. Every app command is
//! listed here so capabilities can grant each one by name (`allow-<command>`).

/// Every `#[tauri::command]` the UI may call; keep in sync with `commands::handler`.
const COMMANDS: &[&str] = &[
    "analyze",
    "toggle_task",
    "list_templates",
    "template_preview",
    "create_document",
    "save_as_template",
    "choose_team_folder",
    "open_dialog",
    "open_path",
    "save",
    "save_as",
    "recent_files",
    "start_up",
    "export",
    "journal_draft",
    "restore_draft",
    "discard_draft",
    "reload_from_disk",
    "keep_mine",
    "compare_with_disk",
    "set_dirty",
    "close_window",
    "open_external",
    "start_spell_checking",
    "misspelt_words",
    "spelling_suggestions",
    "learn_word",
    "unlearn_word",
    "personal_dictionary",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
