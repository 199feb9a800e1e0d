//! The IPC contract: every request and response the UI exchanges with the shell.
//!
//! TypeScript declarations are generated from these types (see `tests` below and
//! `ui/src/ipc/generated/`); change them here, then run
//! `UPDATE_IPC_TYPES=1 cargo test -p specwright-app ipc_types` to regenerate.

use serde::{Deserialize, Serialize};
use specwright_core::live::TextChange;

/// A document the shell has read from disk. The UI puts `text` into the editor;
/// the shell keeps the path and the on-disk hash.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OpenedDocument {
    pub path: String,
    /// File name shown in the title and tabs.
    pub name: String,
    pub text: String,
}

/// Where a document now lives after a save.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SavedDocument {
    pub path: String,
    pub name: String,
}

/// Ask to analyse the editor's text as of `version` (a number the editor gives
/// each text it sends).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AnalyzeRequest {
    pub version: u32,
    /// The text whole, or edits to a version the shell holds (`base`).
    pub text: TextChange,
    /// The template the document was created from; recognised from the text when absent.
    pub template_id: Option<String>,
    /// The version whose analysis the editor shows: the answer is a change to it.
    pub shown: Option<u32>,
}

/// The text of a draft to keep: whole, or the text the live analysis holds as
/// `version` (a large document need not cross over again every few seconds),
/// `length` UTF-16 units long as a check.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DraftText {
    Whole { text: String },
    Analysed { version: u32, length: u32 },
}

/// Ask to flip the task item starting on `line` (1-based) of `text`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ToggleRequest {
    pub text: String,
    pub line: u32,
}

/// Ask to start a new, untitled document from a template.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CreateRequest {
    pub template_id: String,
    pub title: String,
    pub owner: Option<String>,
}

/// A new document's first text and the template it follows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CreatedDocument {
    pub text: String,
    pub template_id: String,
    /// Suggested file name for the first save.
    pub suggested_name: String,
}

/// Save the editor text to the current path.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SaveRequest {
    pub text: String,
    /// Replace the file even though it changed on disk since it was read.
    pub overwrite: bool,
}

/// Save the editor text under a name the user picks.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SaveAsRequest {
    pub text: String,
    /// File name proposed in the dialog, e.g. `checkout-redesign.md`.
    pub suggested_name: Option<String>,
}

/// Turn the current document into a template in the user's template folder.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SaveTemplateRequest {
    pub name: String,
    pub text: String,
}

/// One template as the picker lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplateEntry {
    pub id: String,
    pub name: String,
    pub description: String,
    pub category: String,
    pub origin: specwright_core::Origin,
    pub section_count: u32,
    pub path: Option<String>,
}

/// Every template the user can start from, and what went wrong loading folders.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplateList {
    pub templates: Vec<TemplateEntry>,
    /// One entry per template file that could not be loaded.
    pub problems: Vec<crate::error::AppError>,
    pub user_folder: Option<String>,
    pub team_folder: Option<String>,
}

/// A template's body rendered as the preview would show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplatePreview {
    pub id: String,
    pub html: String,
}

/// A recently opened file on the start screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecentFile {
    pub path: String,
    pub name: String,
    /// False when the file was moved or deleted since.
    pub exists: bool,
}

/// The formats File → Export… offers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    /// PDF typeset by the app itself.
    Pdf,
    /// Markdown for sharing: guidance comments removed, unfilled parts flagged.
    Md,
    /// One self-contained HTML file.
    Html,
    /// The template-metadata JSON.
    Json,
}

/// Export the editor text; the shell asks where to write it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportRequest {
    pub text: String,
    pub format: ExportFormat,
    /// The template the document was created from; recognised from the text when absent.
    pub template_id: Option<String>,
    /// Name to derive the export's file name from while the document has no path,
    /// e.g. `checkout-redesign.md`.
    pub suggested_name: Option<String>,
    /// Mermaid diagrams the UI rendered as SVG, by the block's index among the
    /// document's Mermaid blocks (document order); `null` where none could be drawn.
    pub diagrams: Vec<Option<String>>,
    /// Markdown only: drop sections that are still unfilled instead of flagging them.
    pub drop_unfilled: bool,
}

/// Where an export was written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportedFile {
    pub path: String,
    /// File name shown in the confirmation.
    pub name: String,
}

/// A draft left behind by a session that ended without saving (a crash, a kill),
/// offered for recovery at the next start.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecoverableDraft {
    pub key: String,
    /// The document's file; `None` for a document that was never saved.
    pub path: Option<String>,
    /// File name to show ("Untitled" when there is no file).
    pub name: String,
    /// When the draft was last written (RFC 3339).
    pub written_at: String,
    pub on_disk: specwright_core::journal::OnDisk,
    /// What the draft changes compared with the file on disk now.
    pub diff: Vec<specwright_core::journal::DiffLine>,
}

/// The drafts to offer for recovery, and drafts that could not be read.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DraftList {
    pub drafts: Vec<RecoverableDraft>,
    pub problems: Vec<crate::error::AppError>,
}

/// What the window needs to know at start, in one answer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StartUp {
    /// Drafts a crash or a kill left behind, offered before anything opens.
    pub drafts: DraftList,
    /// The start screen's recent files; empty when the launch file was opened.
    pub recent: Vec<RecentFile>,
    /// The file named on the command line (by a file manager, say), if any.
    pub launch: Option<LaunchFile>,
}

/// The file named on the command line: opened at once when no draft waits to be
/// offered first, else left for the UI to open after the drafts.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LaunchFile {
    Opened {
        document: OpenedDocument,
    },
    Failed {
        path: String,
        error: crate::error::AppError,
    },
    Waiting {
        path: String,
    },
}

/// A draft put back into the editor: unsaved text, of its file or untitled.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RestoredDocument {
    pub path: Option<String>,
    pub name: String,
    /// The template the document followed when its draft was kept.
    pub template_id: Option<String>,
    pub text: String,
}

/// What the shell tells the UI without being asked (Tauri events).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ShellEvent {
    /// A native menu item was chosen.
    Menu { action: MenuAction },
    /// A file to open: dropped on the window, chosen in File → Open Recent or
    /// named by a second launch.
    OpenFile { path: String },
    /// The user tried to close the window with unsaved changes.
    CloseRequested,
    /// Another program changed the open file on disk.
    FileChanged { path: String },
    /// Another program deleted (or moved away) the open file.
    FileDeleted { path: String },
    /// Spell checking was turned on or off, or its language changed (at start,
    /// or in the View menu), with the dictionaries that could not be read (each
    /// names its file).
    Spelling {
        status: SpellingStatus,
        problems: Vec<crate::error::AppError>,
        /// The languages of the dictionaries checked with (`en_US`).
        languages: Vec<String>,
    },
}

/// Whether the editor's text is spell checked.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum SpellingStatus {
    On,
    Off,
    /// Wanted, but no dictionary of the user's languages or US English is installed.
    NoDictionary,
}

/// The user's own words (View → Personal Dictionary).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PersonalDictionary {
    /// In the order they were added.
    pub words: Vec<String>,
    /// The file they are kept in (`dictionary.txt` in the app's config folder).
    pub file: String,
}

/// The native menu's commands.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum MenuAction {
    New,
    Open,
    Save,
    SaveAs,
    SaveAsTemplate,
    Export,
    Home,
    Quit,
    Find,
    ViewEditor,
    ViewSplit,
    ViewPreview,
    ToggleChecklist,
    PersonalDictionary,
    About,
}

/// The Tauri event name every [`ShellEvent`] is sent under.
pub const SHELL_EVENT: &str = "shell";

#[cfg(test)]
mod ipc_types {
    //! Fails when `ui/src/ipc/generated/` no longer matches the Rust types.

    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use ts_rs::TS;

    use super::*;

    /// Every type the UI sends or receives; their dependencies come along.
    fn export_all(dir: &Path) {
        let config = ts_rs::Config::new().with_out_dir(dir);
        let results = [
            crate::error::AppError::export_all(&config),
            OpenedDocument::export_all(&config),
            SavedDocument::export_all(&config),
            AnalyzeRequest::export_all(&config),
            DraftText::export_all(&config),
            ToggleRequest::export_all(&config),
            CreateRequest::export_all(&config),
            CreatedDocument::export_all(&config),
            SaveRequest::export_all(&config),
            SaveAsRequest::export_all(&config),
            SaveTemplateRequest::export_all(&config),
            TemplateList::export_all(&config),
            TemplatePreview::export_all(&config),
            RecentFile::export_all(&config),
            ShellEvent::export_all(&config),
            StartUp::export_all(&config),
            RestoredDocument::export_all(&config),
            ExportRequest::export_all(&config),
            ExportedFile::export_all(&config),
            PersonalDictionary::export_all(&config),
            specwright_core::Analysis::export_all(&config),
            specwright_core::live::LiveAnalysis::export_all(&config),
        ];
        for result in results {
            result.expect("export TypeScript");
        }
    }

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "ts"))
                    .map(|p| {
                        let name = p.file_name().unwrap().to_string_lossy().into_owned();
                        (
                            name,
                            std::fs::read_to_string(&p).unwrap().replace("\r\n", "\n"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn ipc_types_match_generated_typescript() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/ipc/generated");
        let fresh = std::env::temp_dir().join(format!("specwright-ipc-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&fresh);
        export_all(&fresh);
        let expected = read_dir(&fresh);
        if std::env::var_os("UPDATE_IPC_TYPES").is_some() {
            let _ = std::fs::remove_dir_all(&committed);
            std::fs::create_dir_all(&committed).unwrap();
            for (name, text) in &expected {
                std::fs::write(committed.join(name), text).unwrap();
            }
        }
        let actual = read_dir(&committed);
        let _ = std::fs::remove_dir_all(&fresh);
        assert_eq!(
            actual.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "generated IPC types are stale; run `UPDATE_IPC_TYPES=1 cargo test -p specwright-app ipc_types`"
        );
        for (name, text) in &expected {
            assert_eq!(
                &actual[name], text,
                "{name} is stale; run `UPDATE_IPC_TYPES=1 cargo test -p specwright-app ipc_types`"
            );
        }
    }
}
