//! Finding and reading Hunspell dictionaries (`<language>.aff` beside
//! `<language>.dic`) where Linux distributions and the user put them.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The two files of one dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryFiles {
    pub aff: PathBuf,
    pub dic: PathBuf,
}

/// The folders dictionaries are looked for in, first match first: those in
/// `DICPATH` (Hunspell's own variable), the user's (`~/.local/share/hunspell`),
/// then the system's.
pub fn system_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("DICPATH")
        .map(|paths| std::env::split_paths(&paths).collect())
        .unwrap_or_default();
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")));
    dirs.extend(data_home.map(|d| d.join("hunspell")));
    dirs.extend(
        [
            "/usr/share/hunspell",
            "/usr/share/myspell",
            "/usr/share/myspell/dicts",
            "/usr/local/share/hunspell",
        ]
        .map(PathBuf::from),
    );
    dirs
}

/// The first folder of `dirs` that holds both files of `language`'s dictionary.
pub fn find(language: &str, dirs: &[PathBuf]) -> Option<DictionaryFiles> {
    dirs.iter().find_map(|dir| {
        let files = DictionaryFiles {
            aff: dir.join(format!("{language}.aff")),
            dic: dir.join(format!("{language}.dic")),
        };
        (files.aff.is_file() && files.dic.is_file()).then_some(files)
    })
}

/// Reads and parses a dictionary.
pub(super) fn read(files: &DictionaryFiles) -> Result<spellbook::Dictionary> {
    let aff_bytes = read_bytes(&files.aff)?;
    let encoding = declared_encoding(&aff_bytes);
    let aff = decode(&files.aff, aff_bytes, encoding.as_deref())?;
    let dic = decode(&files.dic, read_bytes(&files.dic)?, encoding.as_deref())?;
    spellbook::Dictionary::new(&aff, &dic).map_err(|err| Error::InvalidDictionary {
        path: files.aff.clone(),
        reason: err.to_string(),
    })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Unreadable {
        path: path.to_owned(),
        source,
    })
}

/// The encoding an `.aff` file names on its `SET` line, upper-cased.
fn declared_encoding(aff: &[u8]) -> Option<String> {
    aff.split(|b| *b == b'\n').find_map(|line| {
        let line = line.strip_prefix(b"SET")?;
        let name = std::str::from_utf8(line).ok()?.trim();
        (!name.is_empty()).then(|| name.to_ascii_uppercase())
    })
}

/// A dictionary file's text in the encoding its `.aff` names: UTF-8 or
/// ISO 8859-1 (Hunspell's default, taken when none is named and the bytes are
/// not UTF-8). Other encodings are refused with their name.
fn decode(path: &Path, bytes: Vec<u8>, encoding: Option<&str>) -> Result<String> {
    let latin1 = |bytes: Vec<u8>| bytes.into_iter().map(char::from).collect();
    match encoding {
        Some("UTF-8" | "UTF8") => String::from_utf8(bytes).map_err(|_| Error::InvalidDictionary {
            path: path.to_owned(),
            reason: "its .aff says UTF-8, but the file is not UTF-8 text".to_owned(),
        }),
        Some("ISO8859-1" | "ISO-8859-1") => Ok(latin1(bytes)),
        None => Ok(String::from_utf8(bytes).unwrap_or_else(|e| latin1(e.into_bytes()))),
        Some(other) => Err(Error::InvalidDictionary {
            path: path.to_owned(),
            reason: format!("it is encoded as {other}, which Specwright cannot read yet"),
        }),
    }
}
