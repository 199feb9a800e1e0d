//! The drafts journal: unsaved edits kept in the app's data folder, so that a
//! crash or a kill never loses what the user typed.
//!
//! One JSON file per document (untitled documents get a generated key), written
//! atomically. After a crash the app lists the drafts, shows what differs from the
//! file on disk ([`diff_lines`]) and offers to restore each; a draft is removed once
//! the document is saved or the draft discarded.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::storage::{self, ContentHash};

/// Unsaved text of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    /// Stable key of the document: derived from its path, or generated for an
    /// untitled document.
    pub key: String,
    /// The document's file, `None` while untitled.
    pub path: Option<PathBuf>,
    /// Hash of the file on disk the edits started from (`None`: new file).
    pub base: Option<ContentHash>,
    /// When the draft was written (RFC 3339, from the caller's clock).
    pub written_at: String,
    pub text: String,
}

/// One line of a comparison between the file on disk and a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// A folder of drafts.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

impl Journal {
    /// A journal kept in `dir` (created when the first draft is written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The key of the document at `path` (the same path always gives the same key).
    pub fn key_for(path: &Path) -> String {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let hash = ContentHash::of(abs.to_string_lossy().as_bytes()).0;
        format!("file-{}", &hash[..24])
    }

    fn file(&self, key: &str) -> PathBuf {
        let safe: String = key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        self.dir.join(format!("{safe}.draft.json"))
    }

    /// Writes (or replaces) a draft, atomically.
    pub fn write(&self, draft: &Draft) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|source| Error::WriteFailed {
            path: self.dir.clone(),
            source,
        })?;
        let json = serde_json::to_string(draft).expect("drafts serialize");
        storage::save_atomically(&self.file(&draft.key), &json).map(|_| ())
    }

    /// Removes a draft (after a save or when the user discards it). Missing is fine.
    pub fn remove(&self, key: &str) -> Result<()> {
        let path = self.file(key);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::WriteFailed { path, source: e })
            }
            _ => Ok(()),
        }
    }

    /// Every readable draft, oldest first; unreadable or corrupt draft files are
    /// returned as errors naming them (they are never deleted automatically).
    pub fn drafts(&self) -> (Vec<Draft>, Vec<Error>) {
        let mut drafts = Vec::new();
        let mut errors = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return (drafts, errors);
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.to_string_lossy().ends_with(".draft.json") {
                continue;
            }
            match storage::read_document(&path) {
                Ok(loaded) => match serde_json::from_str::<Draft>(&loaded.text) {
                    Ok(d) => drafts.push(d),
                    Err(e) => errors.push(Error::InvalidDraft {
                        path,
                        reason: e.to_string(),
                    }),
                },
                Err(e) => errors.push(e),
            }
        }
        drafts.sort_by(|a, b| a.written_at.cmp(&b.written_at));
        (drafts, errors)
    }
}

/// Line-by-line comparison of `old` (the file on disk) and `new` (the draft).
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| {
            let text = c.value().trim_end_matches(['\n', '\r']).to_owned();
            match c.tag() {
                similar::ChangeTag::Equal => DiffLine::Same(text),
                similar::ChangeTag::Delete => DiffLine::Removed(text),
                similar::ChangeTag::Insert => DiffLine::Added(text),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(key: &str, at: &str, text: &str) -> Draft {
        Draft {
            key: key.into(),
            path: None,
            base: None,
            written_at: at.into(),
            text: text.into(),
        }
    }

    #[test]
    fn drafts_round_trip_and_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("drafts"));
        assert!(journal.drafts().0.is_empty(), "no folder yet: no drafts");
        journal
            .write(&draft("untitled-1", "2026-11-23T10:00:02Z", "# B"))
            .unwrap();
        let key = Journal::key_for(Path::new("/tmp/spec.md"));
        assert_eq!(key, Journal::key_for(Path::new("/tmp/spec.md")));
        journal
            .write(&draft(&key, "2026-11-23T10:00:01Z", "# A\r\nmid-sentence"))
            .unwrap();
        journal
            .write(&draft(
                &key,
                "2026-11-23T10:00:03Z",
                "# A\r\nmid-sentence, more",
            ))
            .unwrap();
        let (drafts, errors) = journal.drafts();
        assert!(errors.is_empty());
        let texts: Vec<&str> = drafts.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["# B", "# A\r\nmid-sentence, more"]);
        journal.remove(&key).unwrap();
        journal.remove(&key).unwrap();
        assert_eq!(journal.drafts().0.len(), 1);
    }

    #[test]
    fn corrupt_drafts_are_reported_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.draft.json"), "{ truncated").unwrap();
        let (drafts, errors) = Journal::new(dir.path()).drafts();
        assert!(drafts.is_empty());
        assert!(errors[0].to_string().contains("x.draft.json"));
        assert!(dir.path().join("x.draft.json").exists());
    }

    #[test]
    fn diff_shows_what_the_draft_changed() {
        let d = diff_lines("# T\na\nb\n", "# T\na\nc\n");
        assert_eq!(
            d,
            [
                DiffLine::Same("# T".into()),
                DiffLine::Same("a".into()),
                DiffLine::Removed("b".into()),
                DiffLine::Added("c".into())
            ]
        );
    }
}
