//! Preview, checklist and health of the editor's current text.

use std::sync::PoisonError;

use specwright_core::live::LiveAnalysis;
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::ipc::{AnalyzeRequest, ToggleRequest};
use crate::state::AppState;

/// Brings the shell's copy of the text up to date and analyses it off the UI
/// thread; answers with what changed since the analysis the editor shows. Edits
/// to a version the shell no longer holds fail with `stale-text`: the editor then
/// sends the whole text.
#[tauri::command]
pub async fn analyze(
    state: State<'_, AppState>,
    request: AnalyzeRequest,
) -> AppResult<LiveAnalysis> {
    let catalog = state.catalog.clone();
    let live = state.live.clone();
    tokio::task::spawn_blocking(move || {
        live.run(move |live| {
            live.update(request.version, request.text)
                .map_err(|stale| AppError::new("stale-text", stale.to_string()))?;
            let catalog = catalog.read().unwrap_or_else(PoisonError::into_inner);
            let template = request
                .template_id
                .as_deref()
                .and_then(|id| catalog.get(id));
            // Without a chosen template, the one recognised in the same parse.
            Ok(live.analyze(request.shown, |parsed, preview| {
                specwright_core::analyze_recognising_parsed(parsed, &catalog, template, preview)
            }))
        })?
    })
    .await?
}

/// Flips the task item on `line`; the UI applies the one-character difference.
#[tauri::command]
pub async fn toggle_task(request: ToggleRequest) -> AppResult<String> {
    let line = request.line as usize;
    let text =
        tokio::task::spawn_blocking(move || specwright_core::toggle(&request.text, line)).await??;
    Ok(text)
}
