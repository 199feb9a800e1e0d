//! Typed errors of the engine. Every error that concerns a file names it, so the
//! CLI and the app can tell the user which file and what went wrong.

use std::path::PathBuf;

/// Everything the engine can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: file not found", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8 and try again", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: looks like a binary file, not Markdown text", path.display())]
    Binary { path: PathBuf },
    #[error("{}: is a folder, not a file", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: too large to open ({}; Specwright opens files of up to {})", path.display(), megabytes(*size), megabytes(*limit))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: cannot save: {}", path.display(), write_cause(source))]
    WriteFailed {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the file was changed on disk by another program since it was opened", path.display())]
    ChangedOnDisk { path: PathBuf },
    #[error("line {line}: there is no task item (`- [ ]`) on this line")]
    NoTaskOnLine { line: usize },
    #[error(
        "unknown template `{id}` (run `specwright templates` to list them, or give a path to a Markdown file)"
    )]
    UnknownTemplate { id: String },
    #[error("{}: not a usable template: {reason}", path.display())]
    InvalidTemplate { path: PathBuf, reason: String },
    #[error("{}: not a readable draft: {reason}", path.display())]
    InvalidDraft { path: PathBuf, reason: String },
    #[error("{}: not a usable spelling dictionary: {reason}", path.display())]
    InvalidDictionary { path: PathBuf, reason: String },
    #[error("“{word}” cannot be added to the dictionary: {reason}")]
    NotAWord { word: String, reason: &'static str },
}

impl Error {
    /// The file the error is about, if it is about one (the message names it too).
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::NotFound { path }
            | Error::Unreadable { path, .. }
            | Error::NotUtf8 { path, .. }
            | Error::Binary { path }
            | Error::IsDirectory { path }
            | Error::TooLarge { path, .. }
            | Error::WriteFailed { path, .. }
            | Error::ChangedOnDisk { path }
            | Error::InvalidTemplate { path, .. }
            | Error::InvalidDraft { path, .. }
            | Error::InvalidDictionary { path, .. } => Some(path),
            Error::NoTaskOnLine { .. } | Error::UnknownTemplate { .. } | Error::NotAWord { .. } => {
                None
            }
        }
    }

    /// A stable, machine-readable kind, sent to the UI next to the message.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not-found",
            Error::Unreadable { .. } => "unreadable",
            Error::NotUtf8 { .. } => "not-utf8",
            Error::Binary { .. } => "binary",
            Error::IsDirectory { .. } => "is-directory",
            Error::TooLarge { .. } => "too-large",
            Error::WriteFailed { .. } => "write-failed",
            Error::ChangedOnDisk { .. } => "changed-on-disk",
            Error::NoTaskOnLine { .. } => "no-task-on-line",
            Error::UnknownTemplate { .. } => "unknown-template",
            Error::InvalidTemplate { .. } => "invalid-template",
            Error::InvalidDraft { .. } => "invalid-draft",
            Error::InvalidDictionary { .. } => "invalid-dictionary",
            Error::NotAWord { .. } => "not-a-word",
        }
    }
}

/// Why a write failed, in the words of a person who can fix it for the two
/// causes they can (a full disk, a read-only folder); the system's own message
/// otherwise.
fn write_cause(source: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match source.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "the folder is read-only or you may not write there".to_owned()
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "the disk is full".to_owned(),
        _ => source.to_string(),
    }
}

/// A file size as a file manager shows it, in (decimal) megabytes, rounded up:
/// a file just over the limit must not read as the limit.
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.div_ceil(100_000);
    match (tenths / 10, tenths % 10) {
        (whole, _) if whole >= 100 => format!("{} MB", bytes.div_ceil(1_000_000)),
        (whole, 0) => format!("{whole} MB"),
        (whole, tenth) => format!("{whole}.{tenth} MB"),
    }
}

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_writes_name_the_file_and_the_cause() {
        let failed = |source| Error::WriteFailed {
            path: "/specs/checkout.md".into(),
            source,
        };
        let read_only =
            failed(std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem)).to_string();
        assert!(
            read_only.starts_with("/specs/checkout.md: cannot save"),
            "{read_only}"
        );
        assert!(read_only.contains("read-only"), "{read_only}");
        let full = failed(std::io::Error::from(std::io::ErrorKind::StorageFull)).to_string();
        assert_eq!(full, "/specs/checkout.md: cannot save: the disk is full");
        let other = failed(std::io::Error::other("boom")).to_string();
        assert_eq!(other, "/specs/checkout.md: cannot save: boom");
    }

    #[test]
    fn a_file_too_large_is_told_in_megabytes() {
        let error = Error::TooLarge {
            path: "/specs/log.md".into(),
            size: 104_857_600,
            limit: 64_000_000,
        };
        assert_eq!(
            error.to_string(),
            "/specs/log.md: too large to open (105 MB; Specwright opens files of up to 64 MB)"
        );
        assert_eq!(megabytes(64_000_001), "64.1 MB");
        assert_eq!(megabytes(99_950_000), "100 MB");
        assert_eq!(megabytes(12_300_000), "12.3 MB");
    }
}
