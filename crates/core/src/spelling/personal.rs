//! The user's own words ("Add to Dictionary"): a UTF-8 text file of one word a
//! line, the format Hunspell's personal dictionaries use (a `/` and what follows
//! it is read past, `#` starts a comment). A word is added by appending it to
//! the file as it is on disk, saved atomically: lines this app does not read,
//! and words another program added meanwhile, are kept.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::storage;

/// The user's words and the file they are kept in.
pub struct PersonalWords {
    path: PathBuf,
    words: Vec<String>,
    /// False when the file exists but could not be read: it is then never
    /// written over, so nothing the user kept there is lost.
    writable: bool,
}

impl PersonalWords {
    /// The words in `path` (none if it does not exist yet), and the problem
    /// if it could not be read.
    pub fn load(path: &Path) -> (Self, Option<Error>) {
        let mut personal = Self {
            path: path.to_owned(),
            words: Vec::new(),
            writable: true,
        };
        match storage::read_document(path) {
            Ok(loaded) => {
                let words = loaded
                    .text
                    .lines()
                    .filter(|line| !line.trim_start().starts_with('#'))
                    .filter_map(|line| line.split('/').next())
                    .map(str::trim)
                    .filter(|w| check_word(w).is_ok());
                // A word on several lines (`kubelet`, `kubelet/M`) is one word.
                for word in words {
                    if !personal.contains(word) {
                        personal.words.push(word.to_owned());
                    }
                }
                (personal, None)
            }
            Err(Error::NotFound { .. }) => (personal, None),
            Err(err) => {
                personal.writable = false;
                (personal, Some(err))
            }
        }
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    /// Adds `word` (refused if it cannot be a word) and saves the file; false
    /// if it was there already.
    pub fn learn(&mut self, word: &str) -> Result<bool> {
        check_word(word)?;
        if self.contains(word) {
            return Ok(false);
        }
        self.add(word)?;
        Ok(true)
    }

    /// Takes `word` out and saves the file; false if it was not there.
    pub fn unlearn(&mut self, word: &str) -> Result<bool> {
        if !self.contains(word) {
            return Ok(false);
        }
        self.remove(word)?;
        Ok(true)
    }

    /// Adds `word` and saves the file.
    fn add(&mut self, word: &str) -> Result<()> {
        let mut text = self.on_disk()?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(word);
        text.push('\n');
        self.save(&text)?;
        self.words.push(word.to_owned());
        Ok(())
    }

    /// Takes `word` out, with every line of the file that holds it (with or
    /// without flags), and saves the file; the other lines stay as they are.
    fn remove(&mut self, word: &str) -> Result<()> {
        let text: String = self
            .on_disk()?
            .split_inclusive('\n')
            .filter(|line| line.split('/').next().map(str::trim) != Some(word))
            .collect();
        self.save(&text)?;
        self.words.retain(|w| w != word);
        Ok(())
    }

    /// Why the file could not be read, if it could not.
    pub fn readable(&self) -> Result<()> {
        if self.writable {
            return Ok(());
        }
        Err(Error::InvalidDictionary {
            path: self.path.clone(),
            reason: "it could not be read, so it is not written over; fix or remove it".to_owned(),
        })
    }

    /// The file's text as it is now (none if there is no file yet).
    fn on_disk(&self) -> Result<String> {
        self.readable()?;
        match storage::read_document(&self.path) {
            Ok(loaded) => Ok(loaded.text),
            Err(Error::NotFound { .. }) => Ok(String::new()),
            Err(err) => Err(err),
        }
    }

    fn save(&self, text: &str) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::WriteFailed {
                path: self.path.clone(),
                source,
            })?;
        }
        storage::save_atomically(&self.path, text)?;
        Ok(())
    }
}

/// Refuses what cannot be a word of a personal dictionary.
fn check_word(word: &str) -> Result<()> {
    let refuse = |reason| {
        Err(Error::NotAWord {
            word: word.to_owned(),
            reason,
        })
    };
    if word.is_empty() {
        return refuse("it is empty");
    }
    if word.chars().count() > super::LONGEST_WORD {
        return refuse("it is too long to be a word");
    }
    if word.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("a word has no spaces or line breaks");
    }
    if word.contains('/') {
        return refuse("a word has no slash");
    }
    Ok(())
}
