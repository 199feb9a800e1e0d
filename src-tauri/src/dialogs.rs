//! Native file dialogs (rfd), behind a small enum so end-to-end tests can answer
//! them without a person: debug builds started with `SPECWRIGHT_FAKE_DIALOGS=<dir>`
//! save and export into `<dir>/<suggested name>`, open the path written in `<dir>/open.txt`
//! and pick `<dir>` as a folder.

use std::path::{Path, PathBuf};

use tauri::{Manager, Runtime, WebviewWindow};

use specwright_export::Format;

/// The file in the scripted dialogs' folder whose text is the path "Open…" picks.
pub const OPEN_ANSWER: &str = "open.txt";

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

    /// Asks for a Markdown file to open, starting in `folder`.
    pub async fn pick_open<R: Runtime>(
        &self,
        window: &WebviewWindow<R>,
        folder: Option<&Path>,
    ) -> Option<PathBuf> {
        match self {
            Self::Native => native(window, folder)
                .set_title("Open a spec")
                .add_filter("Markdown", &["md", "markdown", "txt"])
                .add_filter("All files", &["*"])
                .pick_file()
                .await
                .map(|f| f.path().to_path_buf()),
            Self::Scripted(dir) => std::fs::read_to_string(dir.join(OPEN_ANSWER))
                .ok()
                .map(|p| PathBuf::from(p.trim())),
        }
    }

    /// Asks where to save, proposing `suggested` as the file name in `folder`.
    pub async fn pick_save<R: Runtime>(
        &self,
        window: &WebviewWindow<R>,
        folder: Option<&Path>,
        suggested: &str,
    ) -> Option<PathBuf> {
        match self {
            Self::Native => native(window, folder)
                .set_title("Save spec as")
                .set_file_name(suggested)
                .add_filter("Markdown", &["md", "markdown"])
                .save_file()
                .await
                .map(|f| f.path().to_path_buf()),
            Self::Scripted(dir) => Some(dir.join(suggested)),
        }
    }

    /// Asks where to write an export as `format`, proposing `suggested` in `folder`.
    pub async fn pick_export<R: Runtime>(
        &self,
        window: &WebviewWindow<R>,
        folder: Option<&Path>,
        suggested: &str,
        format: Format,
    ) -> Option<PathBuf> {
        match self {
            Self::Native => native(window, folder)
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
    pub async fn pick_folder<R: Runtime>(&self, window: &WebviewWindow<R>) -> Option<PathBuf> {
        match self {
            Self::Native => native(window, None)
                .set_title("Choose the team template folder")
                .pick_folder()
                .await
                .map(|f| f.path().to_path_buf()),
            Self::Scripted(dir) => Some(dir.clone()),
        }
    }
}

/// A native dialog over `window`, opened in `folder` when given.
fn native<R: Runtime>(window: &WebviewWindow<R>, folder: Option<&Path>) -> rfd::AsyncFileDialog {
    let dialog = rfd::AsyncFileDialog::new().set_parent(window);
    match folder {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    }
}

/// Where a file dialog starts: the current document's folder, else the folder of
/// the most recent file that still exists, else the user's Documents folder,
/// else their home folder. (Without one, GTK opens on "Recent", where a typed
/// path cannot be opened with Enter.)
pub fn start_folder<R: Runtime>(
    window: &WebviewWindow<R>,
    current: Option<&Path>,
    recent: &[PathBuf],
) -> Option<PathBuf> {
    let paths = window.path();
    let usual = [paths.document_dir().ok(), paths.home_dir().ok()];
    first_folder(current, recent, usual.into_iter().flatten())
}

fn first_folder(
    current: Option<&Path>,
    recent: &[PathBuf],
    usual: impl IntoIterator<Item = PathBuf>,
) -> Option<PathBuf> {
    let of_files = current
        .into_iter()
        .chain(recent.iter().map(PathBuf::as_path))
        .filter_map(|file| file.parent().map(Path::to_path_buf));
    of_files.chain(usual).find(|folder| folder.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialogs_start_in_the_documents_folder_or_the_nearest_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let specs = dir.path().join("specs");
        let old = dir.path().join("old");
        std::fs::create_dir_all(&specs).unwrap();
        std::fs::create_dir_all(&old).unwrap();
        let gone = dir.path().join("gone/roadmap.md");
        let home = dir.path().to_path_buf();
        let recent = [gone.clone(), old.join("a.md")];

        let current = specs.join("checkout.md");
        assert_eq!(
            first_folder(Some(&current), &recent, [home.clone()]),
            Some(specs)
        );
        assert_eq!(
            first_folder(None, &recent, [home.clone()]),
            Some(old),
            "skips a folder that is gone"
        );
        assert_eq!(
            first_folder(None, &[gone], [dir.path().join("nope"), home.clone()]),
            Some(home)
        );
        assert_eq!(first_folder(None, &[], []), None);
    }

    #[test]
    fn native_dialogs_unless_a_debug_build_is_scripted() {
        // The variable is not set in the test environment.
        if std::env::var_os(FAKE_DIALOGS_ENV).is_none() {
            assert!(matches!(Dialogs::from_env(), Dialogs::Native));
        }
    }
}
