//! The window itself: title with the unsaved marker, closing, external links.

use tauri::{Runtime, State, WebviewWindow};

use crate::error::{AppError, AppResult};
use crate::state::{AppState, window_title};

/// The editor reports whether its text differs from the saved file.
#[tauri::command]
pub fn set_dirty<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    dirty: bool,
) -> AppResult<()> {
    let path = {
        let mut file = state.file();
        file.dirty = dirty;
        if !dirty {
            // Back to the text on disk (saved, or undone to it): no draft to keep.
            state.forget_draft(&mut file);
        }
        file.path.clone()
    };
    window.set_title(&window_title(path.as_deref(), dirty))?;
    Ok(())
}

/// Closes the window after the UI has dealt with unsaved changes.
#[tauri::command]
pub fn close_window<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> AppResult<()> {
    {
        let mut file = state.file();
        file.dirty = false;
        state.forget_draft(&mut file);
    }
    window.destroy()?;
    Ok(())
}

/// Opens a web or mail link in the system's browser; anything else is refused.
#[tauri::command]
pub fn open_external(url: String) -> AppResult<()> {
    if !crate::navigation::is_external_link(&url) {
        return Err(AppError::new(
            "unsafe-link",
            format!("Specwright only opens web and mail links, not “{url}”."),
        ));
    }
    crate::browser::open(&url).map_err(|err| {
        AppError::new(
            "open-link",
            format!("Could not open {url} in the browser: {err}"),
        )
    })
}
