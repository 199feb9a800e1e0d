//! Reading strictly and saving atomically.
//!
//! Reading refuses folders, binary and non-UTF-8 files and files over
//! [`MAX_DOCUMENT_BYTES`], naming the file. Saving writes a temporary file in the
//! same folder, fsyncs it, keeps the original's permissions, renames it over the
//! original and fsyncs the folder: a reader sees the complete old or the complete
//! new file, never a part. [`ContentHash`] tells whether the file on disk changed
//! since it was read.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const TEMP_PREFIX: &str = ".specwright-";
const TEMP_SUFFIX: &str = ".tmp";

/// Largest document the engine opens (64 MB).
pub const MAX_DOCUMENT_BYTES: u64 = 64_000_000;

/// A hash of a file's bytes (BLAKE3, hex).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContentHash(pub String);

impl ContentHash {
    pub fn of(bytes: &[u8]) -> Self {
        ContentHash(blake3::hash(bytes).to_hex().to_string())
    }
}

/// A document read from disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoadedDocument {
    pub text: String,
    pub hash: ContentHash,
}

/// Reads a UTF-8 text document (a leading BOM is kept as part of the text, so a
/// save writes it back).
pub fn read_document(path: &Path) -> Result<LoadedDocument> {
    let meta = std::fs::metadata(path).map_err(|source| io_error(path, source))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|source| io_error(path, source))?;
    let hash = ContentHash::of(&bytes);
    let text = decode(path, bytes)?;
    Ok(LoadedDocument { text, hash })
}

/// Checks that bytes are a text document and returns them as a string.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.contains(&0) {
        return Err(Error::Binary {
            path: path.to_owned(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = bytes[..valid]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        Error::NotUtf8 {
            path: path.to_owned(),
            line,
            column: valid - line_start + 1,
        }
    })
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    if source.kind() == std::io::ErrorKind::NotFound {
        Error::NotFound {
            path: path.to_owned(),
        }
    } else {
        Error::Unreadable {
            path: path.to_owned(),
            source,
        }
    }
}

/// The hash of the file on disk now, or `None` if it does not exist.
pub fn disk_hash(path: &Path) -> Result<Option<ContentHash>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(ContentHash::of(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Unreadable {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Saves `text` to `path` atomically and returns the new content hash.
pub fn save_atomically(path: &Path, text: &str) -> Result<ContentHash> {
    save_bytes_atomically(path, text.as_bytes())
}

/// Saves `bytes` that need not be text (an exported PDF) to `path` atomically,
/// like [`save_atomically`], and returns their content hash.
pub fn save_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<ContentHash> {
    let target = resolve_symlink(path);
    let fail = |source: std::io::Error| Error::WriteFailed {
        path: path.to_owned(),
        source,
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        // Make the rename itself durable; not all platforms support fsync on a folder.
        let _ = d.sync_all();
    }
    remove_stale_temporaries(&dir);
    Ok(ContentHash::of(bytes))
}

/// Temporary files older than this were left by a save that was killed.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes temporary files of saves that were killed (power loss, SIGKILL) so
/// they do not pile up beside the user's documents. Best effort.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Saves like [`save_atomically`], but refuses with [`Error::ChangedOnDisk`] when the
/// file on disk is no longer the one read (`expected`: the hash from
/// [`read_document`], `None` for a new file that must not exist yet).
pub fn save_checked(
    path: &Path,
    text: &str,
    expected: Option<&ContentHash>,
) -> Result<ContentHash> {
    let now = disk_hash(path)?;
    if now.as_ref() != expected {
        return Err(Error::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    save_atomically(path, text)
}

/// Saves `text` as a new template `name` in `dir` (created if needed); refuses to
/// overwrite an existing template.
pub fn save_template(dir: &Path, name: &str, text: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|source| Error::WriteFailed {
        path: dir.to_owned(),
        source,
    })?;
    let slug = crate::template::slugify(name);
    let slug = if slug.is_empty() {
        "template".to_owned()
    } else {
        slug
    };
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Error::WriteFailed {
            path,
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a template with this name already exists",
            ),
        });
    }
    save_atomically(&path, text)?;
    // The manifest keeps the name the user gave; the picker shows it.
    let manifest = crate::template::Manifest {
        id: slug.clone(),
        name: name.trim().to_owned(),
        ..Default::default()
    };
    let json = serde_json::to_string_pretty(&manifest).expect("manifests serialize");
    save_atomically(&dir.join(format!("{slug}.json")), &json)?;
    Ok(path)
}

fn resolve_symlink(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_keeps_bytes_and_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let text = "\u{feff}# T\r\n\r\n- [ ] a  \r\n";
        save_atomically(&path, text).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), text.as_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn bytes_that_are_not_text_are_saved_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spec.pdf");
        std::fs::write(&path, "an older export").unwrap();
        let bytes = b"%PDF-1.7\n\x00\xff\xfe binary";
        let hash = save_bytes_atomically(&path, bytes).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert_eq!(hash, ContentHash::of(bytes));
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn stale_temporaries_of_killed_saves_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".specwright-abc.tmp");
        let fresh = dir.path().join(".specwright-def.tmp");
        std::fs::write(&stale, "half a save").unwrap();
        std::fs::write(&fresh, "a save in progress").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        save_atomically(&dir.path().join("a.md"), "x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
    }

    #[test]
    fn saved_templates_keep_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = save_template(
            dir.path(),
            "Team review spec",
            "# Spec: [Name]\n\n## Scope\n",
        )
        .unwrap();
        assert!(path.ends_with("team-review-spec.md"));
        let mut catalog = crate::Catalog::default();
        assert!(
            catalog
                .add_folder(dir.path(), crate::Origin::User)
                .is_empty()
        );
        let t = catalog.get("team-review-spec").unwrap();
        assert_eq!(t.name, "Team review spec");
        assert!(
            save_template(dir.path(), "Team review spec", "x").is_err(),
            "never overwrites"
        );
    }

    #[test]
    fn reading_refuses_binary_and_non_utf8_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("x.md");
        std::fs::write(&bin, b"PK\x03\x04\x00\x00").unwrap();
        let e = read_document(&bin).unwrap_err();
        assert!(matches!(e, Error::Binary { .. }));
        assert!(e.to_string().contains("x.md"));
        let latin = dir.path().join("latin1.md");
        std::fs::write(&latin, b"# Caf\xe9\n").unwrap();
        let e = read_document(&latin).unwrap_err();
        assert!(
            matches!(
                e,
                Error::NotUtf8 {
                    line: 1,
                    column: 6,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(matches!(
            read_document(dir.path()),
            Err(Error::IsDirectory { .. })
        ));
        assert!(matches!(
            read_document(&dir.path().join("none.md")),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn checked_save_refuses_a_file_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        let loaded = read_document(&path).unwrap();
        std::fs::write(&path, "changed elsewhere").unwrap();
        let e = save_checked(&path, "mine", Some(&loaded.hash)).unwrap_err();
        assert!(matches!(e, Error::ChangedOnDisk { .. }));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed elsewhere");
        let fresh = read_document(&path).unwrap();
        save_checked(&path, "mine", Some(&fresh.hash)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    }

    #[test]
    fn save_through_a_symlink_writes_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "a").unwrap();
        let link = dir.path().join("link.md");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, &link).unwrap();
            save_atomically(&link, "b").unwrap();
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(std::fs::read_to_string(&real).unwrap(), "b");
        }
    }
}
