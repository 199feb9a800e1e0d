//! Specwright's desktop shell: a thin Tauri layer over `specwright-core`.
//!
//! The UI (in `ui/`) owns the text being edited; this crate owns the file path and
//! its on-disk hash, settings, recent files and the template catalog, and turns
//! the text — kept in step by the editor's edits — into previews, checklists and
//! health reports via the engine.

mod commands;
mod dialogs;
mod error;
mod export;
mod instance;
mod ipc;
mod menu;
mod navigation;
mod rendering;
mod settings;
mod state;
mod watcher;
mod window_events;

use tauri::Manager;

use crate::state::AppState;

pub use error::AppError;

/// Starts the app; `main.rs` calls only this.
pub fn run() {
    rendering::choose();
    tauri::Builder::default()
        // First, so that a second launch hands its file over before anything starts.
        .plugin(tauri_plugin_single_instance::init(instance::another_launch))
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let drafts_dir = commands::recovery::drafts_dir(&app.path().app_data_dir()?);
            app.manage(AppState::new(
                &config_dir,
                &drafts_dir,
                instance::file_argument(std::env::args_os().skip(1)),
                dialogs::Dialogs::from_env(),
            ));
            app.set_menu(menu::build(app.handle())?)?;
            app.on_menu_event(|app, event| menu::forward(app, event.id().as_ref()));
            let config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == "main")
                .cloned();
            let config = config.ok_or("tauri.conf.json has no window labelled main")?;
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
                .on_navigation(navigation::allow)
                .build()?;
            Ok(())
        })
        .on_window_event(window_events::handle)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("Specwright could not start its window");
}
