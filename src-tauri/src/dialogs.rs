//! Native file dialogs (rfd), behind a small enum so end-to-end tests can answer
//! them without a person: debug builds started with `SPECWRIGHT_FAKE_DIALOGS=<dir>`
//! save and export into `<dir>/<suggested name>`, open the path written in `<dir>/open.txt`
//! and pick `<dir>` as a folder.

use std::path::PathBuf;

use tauri::WebviewWindow;

use crate::ipc::ExportFormat;

/// Environment variable that switches debug builds to scripted dialogs.
pub const FAKE_DIALOGS_ENV: &str = "SPECWRIGHT_FAKE_DIALOGS";

/// Which dialogs the app shows.
#[derive(Debug, Clone)]
pub enum Dialogs {
    /// The platform's own dialogs.
    Native,
    /// Scripted answers for end-to-end tests (debug builds only).
    Scripted(PathBuf),
}

impl Dialogs {
    /// Native dialogs, unless a debug build was asked to script them.
    pub fn from_env() -> Self {
        match std::env::var_os(FAKE_DIALOGS_ENV) {
            Some(dir) if cfg!(debug_assertions) => Self::Scripted(PathBuf::from(dir)),
            _ => Self::Native,
        }
    }

    /// Asks for a Markdown file to open.
    pub async fn pick_open(&self, window: &WebviewWindow) -> Option<PathBuf> {
        match self {
            Self::Native => rfd::AsyncFileDialog::new()
                .set_parent(window)
                .set_title("Open a spec")
                .add_filter("Markdown", &["md", "markdown", "txt"])
                .add_filter("All files", &["*"])
                .pick_file()
                .await
                .map(|f| f.path().to_path_buf()),
            Self::Scripted(dir) => std::fs::read_to_string(dir.join("open.txt"))
                .ok()
                .map(|p| PathBuf::from(p.trim())),
        }
    }

    /// Asks where to save, proposing `suggested` as the file name.
    pub async fn pick_save(&self, window: &WebviewWindow, suggested: &str) -> Option<PathBuf> {
        match self {
            Self::Native => rfd::AsyncFileDialog::new()
                .set_parent(window)
                .set_title("Save spec as")
                .set_file_name(suggested)
                .add_filter("Markdown", &["md", "markdown"])
                .save_file()
                .await
                .map(|f| f.path().to_path_buf()),
            Self::Scripted(dir) => Some(dir.join(suggested)),
        }
    }

    /// Asks where to write an export as `format`, proposing `suggested`.
    pub async fn pick_export(
        &self,
        window: &WebviewWindow,
        suggested: &str,
        format: ExportFormat,
    ) -> Option<PathBuf> {
        match self {
            Self::Native => rfd::AsyncFileDialog::new()
                .set_parent(window)
                .set_title(format!("Export as {}", format.label()))
                .set_file_name(suggested)
                .add_filter(format.label(), format.extensions())
                .save_file()
                .await
                .map(|f| f.path().to_path_buf()),
            Self::Scripted(dir) => Some(dir.join(suggested)),
        }
    }

    /// Asks for a folder (the team template folder).
    pub async fn pick_folder(&self, window: &WebviewWindow) -> Option<PathBuf> {
        match self {
            Self::Native => rfd::AsyncFileDialog::new()
                .set_parent(window)
                .set_title("Choose the team template folder")
                .pick_folder()
                .await
                .map(|f| f.path().to_path_buf()),
            Self::Scripted(dir) => Some(dir.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_dialogs_unless_a_debug_build_is_scripted() {
        // The variable is not set in the test environment.
        if std::env::var_os(FAKE_DIALOGS_ENV).is_none() {
            assert!(matches!(Dialogs::from_env(), Dialogs::Native));
        }
    }
}
