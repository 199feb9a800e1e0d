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
    /// The template the document follows, when the editor knows it (a new
    /// document from a template), so a restored draft is checked against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
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

/// Where the file of a draft left behind stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum OnDisk {
    /// The draft is of a document that was never saved.
    Untitled,
    /// The file exists; the diff compares with its text now.
    Present,
    /// The file was deleted or moved since.
    Missing,
    /// The file exists but cannot be read as text now.
    Unreadable,
}

/// A draft left behind by a session that ended without saving (a crash, a kill),
/// compared with its file on disk now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    pub draft: Draft,
    pub on_disk: OnDisk,
    /// From the file on disk (empty when untitled, missing or unreadable) to the draft.
    pub diff: Vec<DiffLine>,
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

    /// The draft kept under `key`.
    pub fn get(&self, key: &str) -> Result<Draft> {
        read_draft(&self.file(key))
    }

    /// Keeps the draft under `key`, if there is one, under a new key (`key` and
    /// `suffix`), so a new draft under `key` does not replace it: a draft an
    /// earlier session left for a file the user now edits again stays on offer.
    pub fn set_aside(&self, key: &str, suffix: &str) -> Result<()> {
        if !self.file(key).is_file() {
            return Ok(());
        }
        let mut draft = self.get(key)?;
        draft.key = format!("{key}-{suffix}");
        self.write(&draft)?;
        self.remove(key)
    }

    /// The drafts to offer for recovery, oldest first, each compared with its file
    /// on disk now. A draft whose text is already the file's holds nothing unsaved
    /// (the app was killed between a save and the draft's removal) and is removed.
    pub fn leftovers(&self) -> (Vec<Leftover>, Vec<Error>) {
        let (drafts, errors) = self.drafts();
        let mut leftovers = Vec::new();
        for draft in drafts {
            let (on_disk, disk_text) = match &draft.path {
                None => (OnDisk::Untitled, String::new()),
                Some(path) => match storage::read_document(path) {
                    Ok(loaded) => (OnDisk::Present, loaded.text),
                    Err(Error::NotFound { .. }) => (OnDisk::Missing, String::new()),
                    Err(_) => (OnDisk::Unreadable, String::new()),
                },
            };
            if on_disk == OnDisk::Present && disk_text == draft.text {
                let _ = self.remove(&draft.key);
                continue;
            }
            let diff = diff_lines(&disk_text, &draft.text);
            leftovers.push(Leftover {
                draft,
                on_disk,
                diff,
            });
        }
        (leftovers, errors)
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
            match read_draft(&path) {
                Ok(d) => drafts.push(d),
                Err(e) => errors.push(e),
            }
        }
        drafts.sort_by(|a, b| a.written_at.cmp(&b.written_at));
        (drafts, errors)
    }
}

/// Reads a draft file. No size limit: a draft of a document near the largest
/// that opens is larger still once escaped as JSON, and must come back.
fn read_draft(path: &Path) -> Result<Draft> {
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_owned(),
        },
        _ => Error::Unreadable {
            path: path.to_owned(),
            source,
        },
    })?;
    serde_json::from_slice(&bytes).map_err(|e| Error::InvalidDraft {
        path: path.to_owned(),
        reason: e.to_string(),
    })
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
            template_id: None,
            text: text.into(),
        }
    }

    #[test]
    fn a_draft_set_aside_is_still_offered_under_its_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        journal
            .write(&draft("file-abc", "1", "left by a crash"))
            .unwrap();
        journal.set_aside("file-abc", "earlier-1").unwrap();
        journal.write(&draft("file-abc", "2", "typed now")).unwrap();
        let (drafts, errors) = journal.drafts();
        assert!(errors.is_empty());
        let keys: Vec<(&str, &str)> = drafts
            .iter()
            .map(|d| (d.key.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("file-abc-earlier-1", "left by a crash"),
                ("file-abc", "typed now")
            ]
        );
        assert_eq!(
            journal.get("file-abc-earlier-1").unwrap().text,
            "left by a crash"
        );
        // Nothing to set aside is fine.
        journal.set_aside("file-none", "x").unwrap();
    }

    #[test]
    fn a_draft_larger_than_the_largest_document_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        // Quotes double in JSON: a text just over half the limit makes a draft
        // file over the limit for opening documents.
        let len = storage::MAX_DOCUMENT_BYTES as usize / 2 + 1024;
        let text = "\"".repeat(len);
        journal.write(&draft("big", "1", &text)).unwrap();
        let size = std::fs::metadata(dir.path().join("big.draft.json"))
            .unwrap()
            .len();
        assert!(size > storage::MAX_DOCUMENT_BYTES, "{size}");
        assert_eq!(journal.get("big").unwrap().text.len(), len);
        assert_eq!(journal.drafts().0.len(), 1);
    }

    #[test]
    fn a_draft_keeps_its_template_and_older_drafts_without_one_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let with_template = Draft {
            template_id: Some("product-spec".into()),
            ..draft("untitled-1", "1", "# New")
        };
        journal.write(&with_template).unwrap();
        assert_eq!(journal.get("untitled-1").unwrap(), with_template);

        // A draft written before drafts named their template.
        std::fs::write(
            dir.path().join("untitled-2.draft.json"),
            r##"{"key":"untitled-2","path":null,"base":null,"written_at":"2","text":"# Old"}"##,
        )
        .unwrap();
        let old = journal.get("untitled-2").unwrap();
        assert_eq!((old.template_id, old.text.as_str()), (None, "# Old"));
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
    fn leftovers_compare_with_the_file_on_disk_now() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("drafts"));
        let edited = dir.path().join("edited.md");
        let saved = dir.path().join("saved.md");
        let gone = dir.path().join("gone.md");
        std::fs::write(&edited, "# Spec\nold line\n").unwrap();
        std::fs::write(&saved, "# Saved\n").unwrap();
        let file_draft = |path: &Path, at: &str, text: &str| Draft {
            key: Journal::key_for(path),
            path: Some(path.to_owned()),
            ..draft("", at, text)
        };
        journal
            .write(&file_draft(&edited, "1", "# Spec\nnew line\n"))
            .unwrap();
        journal
            .write(&file_draft(&saved, "2", "# Saved\n"))
            .unwrap();
        journal.write(&file_draft(&gone, "3", "# Gone\n")).unwrap();
        journal.write(&draft("untitled-7", "4", "# New")).unwrap();

        let (leftovers, errors) = journal.leftovers();
        assert!(errors.is_empty());
        let states: Vec<OnDisk> = leftovers.iter().map(|l| l.on_disk).collect();
        assert_eq!(
            states,
            [OnDisk::Present, OnDisk::Missing, OnDisk::Untitled],
            "the draft identical to its file is not offered"
        );
        assert_eq!(
            leftovers[0].diff,
            [
                DiffLine::Same("# Spec".into()),
                DiffLine::Removed("old line".into()),
                DiffLine::Added("new line".into())
            ]
        );
        assert_eq!(leftovers[2].diff, [DiffLine::Added("# New".into())]);
        assert!(
            journal.get(&Journal::key_for(&saved)).is_err(),
            "a draft holding nothing unsaved is removed"
        );
        assert_eq!(journal.get("untitled-7").unwrap().text, "# New");
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
