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

/// The system's folders of dictionaries, in the order they are searched.
pub const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
];

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
    dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
    dirs
}

/// The languages (`de_DE`, `en_US`) of every dictionary in `dirs`, sorted.
pub fn available(dirs: &[PathBuf]) -> Vec<String> {
    let mut languages: Vec<String> = dirs
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let language = path.file_name()?.to_str()?.strip_suffix(".aff")?;
            let usable = !language.is_empty()
                && !language.starts_with('.')
                && path.is_file()
                && path.with_extension("dic").is_file();
            usable.then(|| language.to_owned())
        })
        .collect();
    languages.sort();
    languages.dedup();
    languages
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

/// A dictionary file's text in the encoding its `.aff` names (Hunspell's own
/// names, such as `ISO8859-2` or `microsoft-cp1251`, are WHATWG labels but for
/// the prefix); without a name, UTF-8 if it is that, else ISO 8859-1
/// (Hunspell's default).
fn decode(path: &Path, bytes: Vec<u8>, encoding: Option<&str>) -> Result<String> {
    let invalid = |reason: String| Error::InvalidDictionary {
        path: path.to_owned(),
        reason,
    };
    let Some(name) = encoding else {
        return Ok(String::from_utf8(bytes).unwrap_or_else(|e| {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            text.into_owned()
        }));
    };
    let label = name.strip_prefix("MICROSOFT-").unwrap_or(name);
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        invalid(format!(
            "it is encoded as {name}, which Specwright cannot read"
        ))
    })?;
    encoding
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| {
            invalid(format!(
                "its .aff says {name}, but the file is not {name} text"
            ))
        })
}
