//! Preview, checklist and health of the editor's current text.

use std::sync::PoisonError;

use specwright_core::Analysis;
use tauri::State;

use crate::error::AppResult;
use crate::ipc::{AnalyzeRequest, ToggleRequest};
use crate::state::AppState;

/// Renders and validates a snapshot of the text off the UI thread.
#[tauri::command]
pub async fn analyze(state: State<'_, AppState>, request: AnalyzeRequest) -> AppResult<Analysis> {
    let catalog = state.catalog.clone();
    let analysis = tokio::task::spawn_blocking(move || {
        let catalog = catalog.read().unwrap_or_else(PoisonError::into_inner);
        let template = request
            .template_id
            .as_deref()
            .and_then(|id| catalog.get(id));
        // Without a chosen template, the one recognised in the same parse.
        specwright_core::analyze_recognising(&request.text, &catalog, template)
    })
    .await?;
    Ok(analysis)
}

/// Flips the task item on `line`; the UI applies the one-character difference.
#[tauri::command]
pub async fn toggle_task(request: ToggleRequest) -> AppResult<String> {
    let line = request.line as usize;
    let text =
        tokio::task::spawn_blocking(move || specwright_core::toggle(&request.text, line)).await??;
    Ok(text)
}
