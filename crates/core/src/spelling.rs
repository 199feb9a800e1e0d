//! Spell checking: words checked against the system's Hunspell dictionaries
//! (read by `spellbook`) and the user's own words. The editor finds the words of
//! its prose and asks about them; this module only judges words and offers
//! corrections, so it knows nothing of Markdown.

mod dictionaries;
mod personal;

use std::path::{Path, PathBuf};

pub use dictionaries::{SYSTEM_DIRS, available, find, system_dirs};

use personal::PersonalWords;

use crate::error::{Error, Result};

/// Words longer than this (in characters) are not judged: no dictionary word is
/// that long, and a run of letters that is (a hash, a pasted blob) is not prose.
const LONGEST_WORD: usize = 60;

/// How many corrections are offered for a word at most.
const MOST_SUGGESTIONS: usize = 7;

/// The user's own words kept in the file `personal`, read without loading a
/// dictionary (spell checking is off).
pub fn personal_words(personal: &Path) -> Result<Vec<String>> {
    Ok(opened(personal)?.words().to_vec())
}

/// Adds `word` to the user's words kept in the file `personal`, with no
/// dictionary loaded (spell checking is off): the speller loaded later takes it.
pub fn learn_into(personal: &Path, word: &str) -> Result<()> {
    opened(personal)?.learn(word).map(drop)
}

/// Takes `word` out of the user's words kept in the file `personal`, with no
/// dictionary loaded (spell checking is off).
pub fn unlearn_from(personal: &Path, word: &str) -> Result<()> {
    opened(personal)?.unlearn(word).map(drop)
}

/// The user's words in `personal`, or why they could not be read.
fn opened(personal: &Path) -> Result<PersonalWords> {
    match PersonalWords::load(personal) {
        (_, Some(problem)) => Err(problem),
        (words, None) => Ok(words),
    }
}

/// A dictionary that loaded, the language it is for (`en_US`) and its files.
struct Loaded {
    language: String,
    files: dictionaries::DictionaryFiles,
    dictionary: spellbook::Dictionary,
}

/// The user's dictionaries and their own words. A word is spelt right when any
/// dictionary or the user's list accepts it.
pub struct Speller {
    dictionaries: Vec<Loaded>,
    personal: PersonalWords,
}

impl Speller {
    /// Loads the first dictionary found in `dirs` for each of `languages`, in
    /// that order, and the user's words from the file `personal`. Dictionaries
    /// that cannot be read are left out and returned as problems.
    pub fn load(languages: &[String], dirs: &[PathBuf], personal: &Path) -> (Self, Vec<Error>) {
        let mut problems = Vec::new();
        let mut dictionaries = Vec::new();
        for language in languages {
            let Some(files) = find(language, dirs) else {
                continue;
            };
            match dictionaries::read(&files) {
                Ok(dictionary) => dictionaries.push(Loaded {
                    language: language.clone(),
                    files,
                    dictionary,
                }),
                Err(err) => problems.push(err),
            }
        }
        let (personal, problem) = PersonalWords::load(personal);
        problems.extend(problem);
        let mut speller = Self {
            dictionaries,
            personal,
        };
        speller.add_personal_words();
        (speller, problems)
    }

    /// The languages of the dictionaries that loaded, in the order asked for.
    pub fn languages(&self) -> Vec<&str> {
        self.dictionaries
            .iter()
            .map(|d| d.language.as_str())
            .collect()
    }

    /// Whether any dictionary loaded (without one, nothing is checked).
    pub fn has_dictionary(&self) -> bool {
        !self.dictionaries.is_empty()
    }

    /// Whether `word` is spelt right. Words no dictionary could hold (empty,
    /// overlong) count as right: they are not for a speller to judge.
    pub fn check(&self, word: &str) -> bool {
        if word.is_empty() || word.chars().count() > LONGEST_WORD || !self.has_dictionary() {
            return true;
        }
        self.dictionaries.iter().any(|d| d.dictionary.check(word)) || self.personal.contains(word)
    }

    /// The words among `words` that are misspelt, in their order.
    pub fn misspelt<'a>(&self, words: &'a [String]) -> Vec<&'a str> {
        words
            .iter()
            .map(String::as_str)
            .filter(|w| !self.check(w))
            .collect()
    }

    /// Corrections for `word`, likeliest first, from each dictionary in turn.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        if word.chars().count() > LONGEST_WORD {
            return found;
        }
        let mut some = Vec::new();
        for loaded in &self.dictionaries {
            loaded.dictionary.suggest(word, &mut some);
            for suggestion in some.drain(..) {
                if !found.contains(&suggestion) {
                    found.push(suggestion);
                }
            }
        }
        found.truncate(MOST_SUGGESTIONS);
        found
    }

    /// Adds `word` to the user's words, kept in their file for next time.
    pub fn learn(&mut self, word: &str) -> Result<()> {
        if self.personal.learn(word)? {
            self.add_to_dictionaries(word);
        }
        Ok(())
    }

    /// The user's own words, in the order they were added, or why their file
    /// could not be read.
    pub fn learnt(&self) -> Result<&[String]> {
        self.personal.readable()?;
        Ok(self.personal.words())
    }

    /// Takes `word` out of the user's words (and their file): "Add to
    /// Dictionary" undone. The dictionaries are read again, since one cannot
    /// be told to forget a word without forbidding it.
    pub fn unlearn(&mut self, word: &str) -> Result<()> {
        if !self.personal.unlearn(word)? {
            return Ok(());
        }
        for loaded in &mut self.dictionaries {
            loaded.dictionary = dictionaries::read(&loaded.files)?;
        }
        self.add_personal_words();
        Ok(())
    }

    /// Makes the dictionaries take every one of the user's words.
    fn add_personal_words(&mut self) {
        for word in self.personal.words().to_vec() {
            self.add_to_dictionaries(&word);
        }
    }

    /// Makes the dictionaries take `word` as they take their own words, so a
    /// capitalised form is right too and corrections may offer it.
    fn add_to_dictionaries(&mut self, word: &str) {
        for loaded in &mut self.dictionaries {
            // The word has no `/` (checked), so it is read as a bare word.
            let _ = loaded.dictionary.add(word);
        }
    }
}

#[cfg(test)]
mod tests;
