//! What the shell owns: the current file's path and on-disk hash, whether the
//! editor reports unsaved changes, settings and the template catalog. The text
//! itself is owned by the editor in the UI; the shell keeps only a copy for the
//! live analysis, brought up to date with the editor's edits.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use specwright_core::journal::Journal;
use specwright_core::live::LiveEngine;
use specwright_core::{Catalog, ContentHash, Origin};

use crate::dialogs::Dialogs;
use crate::error::AppError;
use crate::settings::Settings;
use crate::spelling::SpellingState;
use crate::watcher::DiskWatcher;

/// The file behind the editor, if it has been saved or opened.
#[derive(Debug, Default)]
pub struct CurrentFile {
    pub path: Option<PathBuf>,
    /// Hash of the bytes on disk when last read or written.
    pub hash: Option<ContentHash>,
    /// The editor's text differs from what was last saved or opened.
    pub dirty: bool,
    /// Key of this document's draft while it is untitled (made up on first use).
    pub untitled_key: Option<String>,
    /// The draft this session wrote (or restored) for this document, removed once
    /// the document is saved, discarded or replaced.
    pub journaled_key: Option<String>,
    /// Hash of the text this app is writing to the file, so the watcher does not
    /// mistake our own save for another program's.
    pub own_write: Option<ContentHash>,
}

impl CurrentFile {
    /// The key this document's draft is kept under.
    pub fn draft_key(&mut self) -> String {
        match &self.path {
            Some(path) => Journal::key_for(path),
            None => self
                .untitled_key
                .get_or_insert_with(|| {
                    let now = chrono::Utc::now().format("%Y%m%d%H%M%S%f");
                    format!("untitled-{now}-{}", std::process::id())
                })
                .clone(),
        }
    }
}

/// Shared state managed by Tauri.
pub struct AppState {
    pub file: Mutex<CurrentFile>,
    pub settings: Mutex<Settings>,
    pub settings_path: PathBuf,
    /// The per-user template folder under the OS config directory.
    pub user_templates: PathBuf,
    pub catalog: Arc<RwLock<Catalog>>,
    pub catalog_problems: Mutex<Vec<AppError>>,
    pub dialogs: Dialogs,
    /// A file named on the command line, handed to the UI once it is ready.
    launch_file: Mutex<Option<PathBuf>>,
    /// Unsaved edits kept in the app's data folder (see `commands::recovery`).
    pub journal: Journal,
    /// Watches the current file for changes by other programs.
    pub watcher: DiskWatcher,
    /// The engine's copy of the editor's text, kept in step by edits, its parsed
    /// tree and the analysis the editor shows, on a thread of their own (see
    /// `specwright_core::live`). A cache: the editor still owns the text (drafts
    /// are written from this copy when the editor says it is the text now, see
    /// `commands::recovery`).
    pub live: Arc<LiveEngine>,
    /// The dictionaries and the user's own words while spell checking is on.
    pub spelling: SpellingState,
}

impl AppState {
    /// Loads settings and templates from `config_dir`; drafts live in `drafts_dir`.
    pub fn new(
        config_dir: &Path,
        drafts_dir: &Path,
        launch_file: Option<PathBuf>,
        dialogs: Dialogs,
    ) -> Self {
        let settings_path = config_dir.join("settings.json");
        let settings = Settings::load(&settings_path);
        let user_templates = config_dir.join("templates");
        let (catalog, problems) = load_catalog(&user_templates, settings.team_folder.as_deref());
        Self {
            file: Mutex::new(CurrentFile::default()),
            settings: Mutex::new(settings),
            settings_path,
            user_templates,
            catalog: Arc::new(RwLock::new(catalog)),
            catalog_problems: Mutex::new(problems),
            dialogs,
            launch_file: Mutex::new(launch_file),
            journal: Journal::new(drafts_dir),
            watcher: DiskWatcher::default(),
            live: Arc::default(),
            spelling: SpellingState::new(config_dir),
        }
    }

    pub fn file(&self) -> MutexGuard<'_, CurrentFile> {
        self.file.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn settings(&self) -> MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The file named on the command line, the first time it is asked for.
    pub fn take_launch_file(&self) -> Option<PathBuf> {
        self.launch_file
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Records `path` as the current file with its on-disk `hash`, and as recent.
    pub fn adopt(&self, path: &Path, hash: ContentHash) {
        {
            let mut file = self.file();
            self.forget_draft(&mut file);
            file.path = Some(path.to_path_buf());
            file.hash = Some(hash);
            file.dirty = false;
            file.untitled_key = None;
        }
        let mut settings = self.settings();
        settings.remember(path);
        if let Err(err) = settings.store(&self.settings_path) {
            eprintln!("specwright: could not remember recent files: {err}");
        }
    }

    /// Forgets the current file (a new, untitled document).
    pub fn detach(&self) {
        let mut file = self.file();
        self.forget_draft(&mut file);
        *file = CurrentFile::default();
        self.watcher.stop();
    }

    /// Removes the draft this session kept for the document in the editor: its
    /// edits were saved or discarded, or it is being replaced.
    pub fn forget_draft(&self, file: &mut CurrentFile) {
        if let Some(key) = file.journaled_key.take()
            && let Err(err) = self.journal.remove(&key)
        {
            eprintln!("specwright: could not remove a draft: {err}");
        }
    }

    /// Re-reads every template folder (after a save-as-template or a new team folder).
    pub fn reload_templates(&self) {
        let team = self.settings().team_folder.clone();
        let (catalog, problems) = load_catalog(&self.user_templates, team.as_deref());
        *self.catalog.write().unwrap_or_else(PoisonError::into_inner) = catalog;
        *self
            .catalog_problems
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = problems;
    }
}

/// The built-in templates plus the user's and the team's folders.
fn load_catalog(user: &Path, team: Option<&Path>) -> (Catalog, Vec<AppError>) {
    let mut catalog = Catalog::builtin();
    let mut problems = Vec::new();
    if user.is_dir() {
        problems.extend(
            catalog
                .add_folder(user, Origin::User)
                .into_iter()
                .map(AppError::from),
        );
    }
    if let Some(team) = team {
        problems.extend(
            catalog
                .add_folder(team, Origin::Team)
                .into_iter()
                .map(AppError::from),
        );
    }
    (catalog, problems)
}

/// The window title: file name, a dot when there are unsaved changes.
pub fn window_title(path: Option<&Path>, dirty: bool) -> String {
    let name = path.map_or_else(|| "Untitled".to_owned(), display_name);
    let marker = if dirty { "● " } else { "" };
    format!("{marker}{name} — Specwright")
}

/// The file name of `path` for people.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_marks_unsaved_changes() {
        assert_eq!(window_title(None, false), "Untitled — Specwright");
        assert_eq!(
            window_title(Some(Path::new("/a/spec.md")), true),
            "● spec.md — Specwright"
        );
    }
}
