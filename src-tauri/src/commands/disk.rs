//! Answers to a change on disk (see `watcher`): take the other program's version,
//! keep ours (the next save replaces the file knowingly), or compare the two.

use specwright_core::journal::{DiffLine, diff_lines};
use specwright_core::storage;
use tauri::{Runtime, State, WebviewWindow};

use crate::error::{AppError, AppResult};
use crate::ipc::OpenedDocument;
use crate::state::{AppState, display_name, window_title};

/// Reads the current file again ("Take theirs", or a reload with no local edits);
/// the editor's unsaved changes and their draft are dropped.
#[tauri::command]
pub async fn reload_from_disk<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> AppResult<OpenedDocument> {
    let path = current_path(&state)?;
    let loaded = storage::read_document(&path)?;
    {
        let mut file = state.file();
        state.forget_draft(&mut file);
        file.hash = Some(loaded.hash);
        file.dirty = false;
    }
    window.set_title(&window_title(Some(&path), false))?;
    Ok(OpenedDocument {
        path: path.display().to_string(),
        name: display_name(&path),
        text: loaded.text,
    })
}

/// "Keep mine": the version on disk now is the one the next save may replace.
#[tauri::command]
pub async fn keep_mine(state: State<'_, AppState>) -> AppResult<()> {
    let path = current_path(&state)?;
    let now = storage::disk_hash(&path)?;
    state.file().hash = now;
    Ok(())
}

/// What the editor's `text` changes compared with the file on disk now.
#[tauri::command]
pub async fn compare_with_disk(
    state: State<'_, AppState>,
    text: String,
) -> AppResult<Vec<DiffLine>> {
    let path = current_path(&state)?;
    let disk = match storage::read_document(&path) {
        Ok(loaded) => loaded.text,
        Err(specwright_core::Error::NotFound { .. }) => String::new(),
        Err(err) => return Err(err.into()),
    };
    tokio::task::spawn_blocking(move || diff_lines(&disk, &text))
        .await
        .map_err(AppError::from)
}

fn current_path(state: &AppState) -> AppResult<std::path::PathBuf> {
    state
        .file()
        .path
        .clone()
        .ok_or_else(|| AppError::new("no-path", "This document has no file on disk."))
}
