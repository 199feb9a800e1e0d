//! Spell checking. The shell holds the speller (the user's dictionaries and
//! their own words, `specwright_core::spelling`); the editor finds the words of
//! its prose, asks which are misspelt and underlines them
//! (`ui/src/editor/spelling/marks.ts`). Dictionaries are Hunspell's: those in the
//! app's config folder (`hunspell/`), then the user's and the system's, for the
//! user's languages and US English.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use specwright_core::spelling::{
    Speller, available, find, learn_into, personal_words, system_dirs, unlearn_from,
};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::AppError;
use crate::ipc::{SHELL_EVENT, ShellEvent, SpellingStatus};
use crate::settings::Settings;
use crate::state::AppState;

/// The language checked besides the user's own.
const FALLBACK: &str = "en_US";

/// The speller while spell checking is on, and where its files are.
pub struct SpellingState {
    speller: RwLock<Option<Speller>>,
    /// Held while spell checking is turned on or off, so that quick changes of
    /// mind are followed one after the other and the last one is what shows,
    /// and while the user's words change.
    turning: Mutex<()>,
    /// The user's own words ("Add to Dictionary").
    personal: PathBuf,
    /// Folders searched for dictionaries, first match first.
    dirs: Vec<PathBuf>,
    /// The languages checked unless the user chose some, most wanted first
    /// (`de_DE`, `de`, `en_US`): their own and US English.
    languages: Vec<String>,
    /// The languages the speller was loaded for (only changed while `turning`
    /// is held).
    loaded_for: Mutex<Vec<String>>,
}

impl SpellingState {
    /// Spell checking with the user's words kept in `config_dir`, off until turned on.
    pub fn new(config_dir: &Path) -> Self {
        let mut dirs = vec![config_dir.join("hunspell")];
        dirs.extend(system_dirs());
        let languages = wanted_languages(locale_names().iter().map(String::as_str));
        Self::searching(config_dir, dirs, languages)
    }

    /// Spell checking in `languages` with dictionaries looked for in `dirs` only.
    pub fn searching(config_dir: &Path, dirs: Vec<PathBuf>, languages: Vec<String>) -> Self {
        Self {
            speller: RwLock::default(),
            turning: Mutex::default(),
            personal: config_dir.join("dictionary.txt"),
            dirs,
            languages,
            loaded_for: Mutex::default(),
        }
    }

    /// The speller, `None` while spell checking is off.
    pub fn speller(&self) -> RwLockReadGuard<'_, Option<Speller>> {
        self.speller.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The speller, to add a word to it or to replace it.
    pub fn speller_mut(&self) -> RwLockWriteGuard<'_, Option<Speller>> {
        self.speller.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The file of the user's own words.
    pub fn personal_file(&self) -> &Path {
        &self.personal
    }

    /// The user's own words: the speller's while spell checking is on, else
    /// those in their file.
    pub fn learnt(&self) -> specwright_core::Result<Vec<String>> {
        match self.speller().as_ref() {
            Some(speller) => Ok(speller.learnt()?.to_vec()),
            None => personal_words(&self.personal),
        }
    }

    /// Adds `word` to the user's words ([`Speller::learn`], or straight to
    /// their file while spell checking is off).
    pub fn learn(&self, word: &str) -> specwright_core::Result<()> {
        self.change_words(word, Speller::learn, learn_into)
    }

    /// Takes `word` out of the user's words ([`Speller::unlearn`], or out of
    /// their file while spell checking is off).
    pub fn unlearn(&self, word: &str) -> specwright_core::Result<()> {
        self.change_words(word, Speller::unlearn, unlearn_from)
    }

    /// Changes the user's words with `word`: through the speller if one is
    /// loaded, else in their file; never while dictionaries are being loaded
    /// (turning checking on, another language), since a speller read from the
    /// file meanwhile would miss the change.
    fn change_words(
        &self,
        word: &str,
        with_speller: fn(&mut Speller, &str) -> specwright_core::Result<()>,
        in_file: fn(&Path, &str) -> specwright_core::Result<()>,
    ) -> specwright_core::Result<()> {
        let _turning = self.turning.lock().unwrap_or_else(PoisonError::into_inner);
        match self.speller_mut().as_mut() {
            Some(speller) => with_speller(speller, word),
            None => in_file(&self.personal, word),
        }
    }

    /// The languages of the dictionaries on offer (View → Spelling Language).
    pub fn available(&self) -> Vec<String> {
        available(&self.dirs)
    }

    /// Loads the dictionaries of `chosen` (none: the user's own languages) if
    /// `enabled` and they are not loaded yet (outside the lock: checking goes on
    /// meanwhile), drops them if not; what spell checking comes to, and the
    /// dictionaries that could not be read.
    fn follow(&self, enabled: bool, chosen: &[String]) -> (SpellingStatus, Vec<AppError>) {
        let status = |speller: &Speller| {
            if speller.has_dictionary() {
                SpellingStatus::On
            } else {
                SpellingStatus::NoDictionary
            }
        };
        if !enabled {
            *self.speller_mut() = None;
            return (SpellingStatus::Off, Vec::new());
        }
        // A language chosen whose dictionary is gone: the user's own, and why.
        let mut problems = Vec::new();
        let installed = chosen.iter().any(|l| find(l, &self.dirs).is_some());
        let wanted = if chosen.is_empty() || !installed {
            if !chosen.is_empty() {
                problems.push(AppError::new(
                    "dictionary-missing",
                    format!(
                        "The {} dictionary chosen in View → Spelling Language is not installed any more: spelling is checked in your own languages instead.",
                        chosen.join(", ")
                    ),
                ));
            }
            &self.languages[..]
        } else {
            chosen
        };
        let mut loaded_for = self
            .loaded_for
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(speller) = self.speller().as_ref()
            && *loaded_for == wanted
        {
            return (status(speller), problems);
        }
        // The user's words are not changed meanwhile (`change_words` waits for `turning`).
        let (speller, unread) = Speller::load(wanted, &self.dirs, &self.personal);
        let shown = status(&speller);
        *self.speller_mut() = Some(speller);
        *loaded_for = wanted.to_vec();
        problems.extend(unread.into_iter().map(AppError::from));
        (shown, problems)
    }
}

/// Remembers how the user wants spelling checked (View → Check Spelling and
/// Spelling Language), as `change` sets it.
pub fn remember<R: Runtime>(app: &AppHandle<R>, change: impl FnOnce(&mut Settings)) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    let mut settings = state.settings();
    change(&mut settings);
    if let Err(err) = settings.store(&state.settings_path) {
        eprintln!("specwright: could not remember the spelling choice: {err}");
    }
}

/// Turns spell checking on or off as the settings say; the menu and the editor
/// follow once the dictionaries are loaded. That takes ≈ 40 ms for US English,
/// so it is done off the calling thread; the settings are read there, so when
/// the user changes their mind quickly the last choice wins.
pub fn apply<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let Some(state) = app.try_state::<AppState>() else {
            return;
        };
        let _turning = state
            .spelling
            .turning
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (enabled, chosen) = {
            let settings = state.settings();
            (settings.spell_check, settings.spell_languages.clone())
        };
        let (status, problems) = state.spelling.follow(enabled, &chosen);
        for problem in &problems {
            eprintln!("specwright: spell checking: {problem}");
        }
        let languages = state
            .spelling
            .speller()
            .as_ref()
            .map(|s| s.languages().into_iter().map(str::to_owned).collect())
            .unwrap_or_default();
        crate::menu::spelling::show(&app, status);
        crate::menu::languages::show(&app, &chosen);
        let _ = app.emit(
            SHELL_EVENT,
            ShellEvent::Spelling {
                status,
                problems,
                languages,
            },
        );
    });
}

/// The user's locale names, most wanted first, as GLib finds them: the
/// `LANGUAGE` list, then the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set.
fn locale_names() -> Vec<String> {
    let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
    let locale = var("LC_ALL")
        .or_else(|| var("LC_MESSAGES"))
        .or_else(|| var("LANG"));
    let mut names: Vec<String> = Vec::new();
    if locale.as_deref().is_some_and(|l| l != "C" && l != "POSIX")
        && let Some(list) = var("LANGUAGE")
    {
        names.extend(list.split(':').map(str::to_owned));
    }
    names.extend(locale);
    names
}

/// The dictionary names (`de_DE`, then `de`) of the user's locale names
/// (`de_DE.UTF-8`, `de_DE@euro`, `C`), in order, then [`FALLBACK`].
fn wanted_languages<'a>(locale_names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    let names = locale_names.into_iter().chain([FALLBACK]);
    for name in names {
        let name = name.split(['.', '@']).next().unwrap_or_default();
        let language = name.split('_').next().unwrap_or_default();
        let is_language = language.len() >= 2 && language.bytes().all(|b| b.is_ascii_lowercase());
        if !is_language {
            continue;
        }
        for wanted in [name, language] {
            if !languages.iter().any(|l| l == wanted) {
                languages.push(wanted.to_owned());
            }
        }
    }
    languages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_become_dictionary_names_then_us_english() {
        let names = ["de_DE.UTF-8", "de_DE@euro", "de_DE", "de.UTF-8", "de", "C"];
        assert_eq!(wanted_languages(names), ["de_DE", "de", "en_US", "en"]);
    }

    #[test]
    fn a_c_or_posix_locale_checks_us_english() {
        assert_eq!(wanted_languages(["C", "POSIX", ""]), ["en_US", "en"]);
        assert_eq!(wanted_languages(["C.UTF-8"]), ["en_US", "en"]);
    }

    #[test]
    fn us_english_is_not_asked_for_twice() {
        assert_eq!(
            wanted_languages(["en_GB.UTF-8", "en_US", "en"]),
            ["en_GB", "en", "en_US"]
        );
    }
}
