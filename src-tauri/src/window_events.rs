//! Window events the UI must hear about: a close with unsaved changes (the UI asks
//! what to do) and Markdown files dropped on the window.

use std::path::Path;

use tauri::{DragDropEvent, Emitter, Manager, Runtime, Window, WindowEvent};

use crate::ipc::{SHELL_EVENT, ShellEvent};
use crate::state::AppState;

/// Handles one event of any window.
pub fn handle<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    match event {
        WindowEvent::CloseRequested { api, .. } if window.state::<AppState>().file().dirty => {
            api.prevent_close();
            let _ = window.emit(SHELL_EVENT, ShellEvent::CloseRequested);
        }
        WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) => {
            if let Some(path) = paths.iter().find(|p| is_markdown(p)) {
                let _ = window.emit(
                    SHELL_EVENT,
                    ShellEvent::OpenFile {
                        path: path.display().to_string(),
                    },
                );
            }
        }
        _ => {}
    }
}

/// Files the app opens when dropped: Markdown and plain text.
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["md", "markdown", "txt"].contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::is_markdown;

    #[test]
    fn dropped_markdown_and_text_files_open() {
        assert!(is_markdown(Path::new("/a/Spec.MD")));
        assert!(is_markdown(Path::new("notes.txt")));
        assert!(!is_markdown(Path::new("photo.png")));
        assert!(!is_markdown(Path::new("no-extension")));
    }

    use std::path::Path;
}
