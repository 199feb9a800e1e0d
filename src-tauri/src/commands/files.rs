//! Open, save and save-as. The shell keeps the path and the hash read from disk;
//! saving checks that hash so a newer file on disk is never silently overwritten.

use std::path::{Path, PathBuf};

use specwright_core::{ContentHash, storage};
use tauri::{Manager, Runtime, State, WebviewWindow};

use crate::commands::recovery;
use crate::dialogs;
use crate::error::{AppError, AppResult};
use crate::ipc::{
    DraftList, LaunchFile, OpenedDocument, RecentFile, SaveAsRequest, SaveRequest, SavedDocument,
    StartUp,
};
use crate::state::{AppState, display_name, window_title};

/// Shows the open dialog and reads the chosen file; `None` when cancelled.
#[tauri::command]
pub async fn open_dialog<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<OpenedDocument>> {
    let folder = dialog_folder(&window, &state);
    match state.dialogs.pick_open(&window, folder.as_deref()).await {
        Some(path) => open(&window, &state, &path).map(Some),
        None => Ok(None),
    }
}

/// Reads a file the UI already knows (recent file, dropped file, command line).
#[tauri::command]
pub async fn open_path<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<OpenedDocument> {
    open(&window, &state, Path::new(&path))
}

/// Saves to the current path, refusing if the file changed on disk unless `overwrite`.
#[tauri::command]
pub async fn save<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    request: SaveRequest,
) -> AppResult<SavedDocument> {
    let (path, expected) = {
        let file = state.file();
        let path = file.path.clone().ok_or_else(|| {
            AppError::new(
                "no-path",
                "This document has not been saved yet; choose where to save it.",
            )
        })?;
        (path, file.hash.clone())
    };
    let expected = if request.overwrite { None } else { expected };
    expect_own_write(&state, &request.text);
    let hash = storage::save_checked(&path, &request.text, expected.as_ref())?;
    saved(&window, &state, path, hash)
}

/// Asks where to save, then writes there; `None` when cancelled.
#[tauri::command]
pub async fn save_as<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    request: SaveAsRequest,
) -> AppResult<Option<SavedDocument>> {
    let current = state.file().path.clone();
    let suggested = request
        .suggested_name
        .or_else(|| current.as_deref().map(display_name))
        .unwrap_or_else(|| "untitled.md".to_owned());
    let folder = dialog_folder(&window, &state);
    let Some(path) = state
        .dialogs
        .pick_save(&window, folder.as_deref(), &suggested)
        .await
    else {
        return Ok(None);
    };
    expect_own_write(&state, &request.text);
    let hash = storage::save_atomically(&path, &request.text)?;
    saved(&window, &state, path, hash).map(Some)
}

/// Where the file dialogs start (see [`dialogs::start_folder`]).
pub fn dialog_folder<R: Runtime>(window: &WebviewWindow<R>, state: &AppState) -> Option<PathBuf> {
    let current = state.file().path.clone();
    let recent = state.settings().recent.clone();
    dialogs::start_folder(window, current.as_deref(), &recent)
}

/// Recently opened files, most recent first.
#[tauri::command]
pub fn recent_files(state: State<'_, AppState>) -> Vec<RecentFile> {
    recent(&state)
}

/// What the window needs at start: drafts to offer, recent files, and the file
/// named on the command line (once) — opened here already when no draft is to
/// be offered first, which saves the window a round trip before it shows it.
#[tauri::command]
pub async fn start_up<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> AppResult<StartUp> {
    // Drafts that cannot be listed are a problem to show, not a reason to start empty.
    let drafts = recovery::leftover_drafts(&state)
        .await
        .unwrap_or_else(|error| DraftList {
            drafts: Vec::new(),
            problems: vec![error],
        });
    let drafts_first = !drafts.drafts.is_empty();
    let launch = state
        .take_launch_file()
        .map(|path| launch_file(&window, &state, &path, drafts_first));
    // The start screen is not shown when the file opened: no recent files to check.
    let opened = matches!(launch, Some(LaunchFile::Opened { .. }));
    Ok(StartUp {
        drafts,
        recent: if opened { Vec::new() } else { recent(&state) },
        launch,
    })
}

/// The command line's file: opened now, unless drafts are to be offered first.
fn launch_file<R: Runtime>(
    window: &WebviewWindow<R>,
    state: &AppState,
    path: &Path,
    drafts_first: bool,
) -> LaunchFile {
    let shown = path.display().to_string();
    if drafts_first {
        return LaunchFile::Waiting { path: shown };
    }
    match open(window, state, path) {
        Ok(document) => LaunchFile::Opened { document },
        Err(error) => LaunchFile::Failed { path: shown, error },
    }
}

fn recent(state: &AppState) -> Vec<RecentFile> {
    state
        .settings()
        .recent
        .iter()
        .map(|path| RecentFile {
            path: path.display().to_string(),
            name: display_name(path),
            exists: path.is_file(),
        })
        .collect()
}

fn open<R: Runtime>(
    window: &WebviewWindow<R>,
    state: &AppState,
    path: &Path,
) -> AppResult<OpenedDocument> {
    let loaded = storage::read_document(path)?;
    take_on(window, state, path, loaded.hash)?;
    Ok(OpenedDocument {
        path: path.display().to_string(),
        name: display_name(path),
        text: loaded.text,
    })
}

/// Makes `path` (on disk with `hash`) the current file: watched, in the title and
/// first among the recent files (the start screen's and File → Open Recent).
fn take_on<R: Runtime>(
    window: &WebviewWindow<R>,
    state: &AppState,
    path: &Path,
    hash: specwright_core::ContentHash,
) -> AppResult<()> {
    state.adopt(path, hash);
    crate::menu::recent::show(window.app_handle());
    state.watcher.watch(window.app_handle(), path);
    window.set_title(&window_title(Some(path), false))?;
    Ok(())
}

fn saved<R: Runtime>(
    window: &WebviewWindow<R>,
    state: &AppState,
    path: PathBuf,
    hash: specwright_core::ContentHash,
) -> AppResult<SavedDocument> {
    take_on(window, state, &path, hash)?;
    Ok(SavedDocument {
        path: path.display().to_string(),
        name: display_name(&path),
    })
}

/// Tells the watcher that the file about to appear with `text` is our own save.
fn expect_own_write(state: &AppState, text: &str) {
    state.file().own_write = Some(ContentHash::of(text.as_bytes()));
}
