//! Thin Tauri commands: each extracts state, calls the engine, converts the error.
//! One file per area; the list of handlers is in [`handler`].

pub mod analysis;
pub mod disk;
pub mod export;
pub mod files;
pub mod recovery;
pub mod spelling;
pub mod templates;
pub mod window;

/// The invoke handler with every command the UI may call (see `build.rs`).
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        analysis::analyze,
        analysis::toggle_task,
        templates::list_templates,
        templates::template_preview,
        templates::create_document,
        templates::save_as_template,
        templates::choose_team_folder,
        files::open_dialog,
        files::open_path,
        files::save,
        files::save_as,
        files::recent_files,
        files::start_up,
        export::export,
        recovery::journal_draft,
        recovery::restore_draft,
        recovery::discard_draft,
        disk::reload_from_disk,
        disk::keep_mine,
        disk::compare_with_disk,
        window::set_dirty,
        window::close_window,
        window::open_external,
        spelling::start_spell_checking,
        spelling::misspelt_words,
        spelling::spelling_suggestions,
        spelling::learn_word,
        spelling::unlearn_word,
        spelling::personal_dictionary,
    ]
}
