//! Specwright's desktop shell: a thin Tauri layer over `specwright-core`.
//!
//! The UI (in `ui/`) owns the text being edited; this crate owns the file path and
//! its on-disk hash, settings, recent files and the template catalog, and turns
//! the text — kept in step by the editor's edits — into previews, checklists and
//! health reports via the engine.

mod browser;
mod commands;
mod dialogs;
mod error;
mod export;
mod instance;
mod ipc;
#[cfg(test)]
mod ipc_tests;
mod menu;
mod navigation;
mod rendering;
mod settings;
mod spelling;
mod state;
mod watcher;
mod window_events;

use std::error::Error;

use tauri::{AppHandle, Builder, Manager, Runtime, WebviewWindow};

use crate::state::AppState;

pub use error::AppError;

/// Starts the app; `main.rs` calls only this.
pub fn run() {
    rendering::choose();
    let builder = Builder::default()
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
            main_window(app.handle())?;
            Ok(())
        });
    with_commands(builder)
        .run(context())
        .expect("Specwright could not start its window");
}

/// What the app and its IPC tests (on Tauri's mock runtime) have in common: the
/// commands the UI calls and the window events the shell handles.
fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .on_window_event(window_events::handle)
        .invoke_handler(commands::handler())
}

/// The window `tauri.conf.json` describes, labelled `main` as the capabilities
/// expect, kept to the app's own pages (see [`navigation`]).
fn main_window<R: Runtime>(app: &AppHandle<R>) -> Result<WebviewWindow<R>, Box<dyn Error>> {
    let config = app.config().app.windows.iter().find(|w| w.label == "main");
    let config = config
        .ok_or("tauri.conf.json has no window labelled main")?
        .clone();
    let window = tauri::WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(navigation::allow)
        .build()?;
    Ok(window)
}

/// `tauri.conf.json`, the capabilities and the embedded UI, compiled in once.
fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}
