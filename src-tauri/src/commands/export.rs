//! File → Export…: ask where, then export and write off the UI thread. The
//! pre-flight list in the export dialog reuses the UI's latest `analyze` result.

use std::path::Path;
use std::sync::PoisonError;

use specwright_export::{Format, format};
use specwright_pdf::ExportJob;
use tauri::{Runtime, State, WebviewWindow};

use crate::error::AppResult;
use crate::export;
use crate::ipc::{ExportRequest, ExportedFile};
use crate::state::{AppState, display_name};

/// Asks for the destination and writes the export there; `None` when cancelled.
#[tauri::command]
pub async fn export<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> AppResult<Option<ExportedFile>> {
    let document = state.file().path.clone();
    let name = document
        .as_deref()
        .map(display_name)
        .or_else(|| request.suggested_name.clone())
        .unwrap_or_default();
    let format = Format::from(request.format);
    let suggested = format::file_name(&name, format);
    let folder = super::files::dialog_folder(&window, &state);
    let Some(target) = state
        .dialogs
        .pick_export(&window, folder.as_deref(), &suggested, format)
        .await
    else {
        return Ok(None);
    };
    export::check_target(document.as_deref(), &target)?;
    let catalog = state.catalog.clone();
    let written = target.clone();
    tokio::task::spawn_blocking(move || {
        let template = (format == Format::Md)
            .then(|| {
                let catalog = catalog.read().unwrap_or_else(PoisonError::into_inner);
                export::template_for(&catalog, request.template_id.as_deref(), &request.text)
            })
            .flatten();
        let job = ExportJob {
            template: template.as_ref(),
            base_dir: document.as_deref().and_then(Path::parent),
            diagrams: export::diagrams(request.diagrams),
            drop_unfilled: request.drop_unfilled,
        };
        export::write(&request.text, format, &job, &written)
    })
    .await??;
    Ok(Some(ExportedFile {
        path: target.display().to_string(),
        name: display_name(&target),
    }))
}
