//! Spell checking. The shell holds the speller (the user's dictionaries and
//! their own words, `specwright_core::spelling`); the editor finds the words of
//! its prose, asks which are misspelt and underlines them
//! (`ui/src/editor/spelling.ts`). Dictionaries are Hunspell's: those in the
//! app's config folder (`hunspell/`), then the user's and the system's, for the
//! user's languages and US English.

use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use specwright_core::spelling::{Speller, system_dirs};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::ipc::{SHELL_EVENT, ShellEvent, SpellingStatus};
use crate::state::AppState;

/// The language checked besides the user's own.
const FALLBACK: &str = "en_US";

/// The speller while spell checking is on, and where its files are.
pub struct SpellingState {
    speller: RwLock<Option<Speller>>,
    /// The user's own words ("Add to Dictionary").
    personal: PathBuf,
    /// Folders searched for dictionaries, first match first.
    dirs: Vec<PathBuf>,
}

impl SpellingState {
    /// Spell checking with the user's words kept in `config_dir`, off until turned on.
    pub fn new(config_dir: &Path) -> Self {
        let mut dirs = vec![config_dir.join("hunspell")];
        dirs.extend(system_dirs());
        Self::searching(config_dir, dirs)
    }

    /// Spell checking with dictionaries looked for in `dirs` only.
    pub fn searching(config_dir: &Path, dirs: Vec<PathBuf>) -> Self {
        Self {
            speller: RwLock::default(),
            personal: config_dir.join("dictionary.txt"),
            dirs,
        }
    }

    /// The speller, `None` while spell checking is off.
    pub fn speller(&self) -> RwLockReadGuard<'_, Option<Speller>> {
        self.speller.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn speller_mut(&self) -> RwLockWriteGuard<'_, Option<Speller>> {
        self.speller.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Loads the dictionaries if `enabled` and they are not loaded yet, drops
    /// them if not; what spell checking comes to.
    fn follow(&self, enabled: bool) -> SpellingStatus {
        let mut speller = self.speller_mut();
        if !enabled {
            *speller = None;
            return SpellingStatus::Off;
        }
        let loaded = speller.get_or_insert_with(|| {
            let languages = wanted_languages(locale_names().iter().map(String::as_str));
            let (speller, problems) = Speller::load(&languages, &self.dirs, &self.personal);
            for problem in problems {
                eprintln!("specwright: spell checking: {problem}");
            }
            speller
        });
        if loaded.has_dictionary() {
            SpellingStatus::On
        } else {
            SpellingStatus::NoDictionary
        }
    }
}

/// Remembers whether the user wants spelling checked (View → Check Spelling).
pub fn remember<R: Runtime>(app: &AppHandle<R>, enabled: bool) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    let mut settings = state.settings();
    settings.spell_check = enabled;
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
        let enabled = state.settings().spell_check;
        let status = state.spelling.follow(enabled);
        crate::menu::spelling::show(&app, status);
        let _ = app.emit(SHELL_EVENT, ShellEvent::Spelling { status });
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
