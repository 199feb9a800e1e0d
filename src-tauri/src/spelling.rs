//! Spell checking in the editor. The editor's text is marked `spellcheck`
//! (`ui/src/editor/spelling.ts`, which leaves code and links out), but WebKitGTK
//! checks nothing until its web context is told to and given dictionaries: the
//! user's languages, and US English, which most specs are written in, found by
//! Enchant among the system's Hunspell dictionaries.

use tauri::{AppHandle, Emitter, Manager, Runtime, WebviewWindow};

use crate::ipc::{SHELL_EVENT, ShellEvent, SpellingStatus};
use crate::state::AppState;

/// The language WebKitGTK checks besides the user's own.
const FALLBACK: &str = "en_US";

/// Turns spell checking on or off in the main window as `enabled` says,
/// remembering the choice when `remember`; the menu and the editor follow.
pub fn turn<R: Runtime>(app: &AppHandle<R>, enabled: bool, remember: bool) -> SpellingStatus {
    if remember && let Some(state) = app.try_state::<AppState>() {
        let mut settings = state.settings();
        settings.spell_check = enabled;
        if let Err(err) = settings.store(&state.settings_path) {
            eprintln!("specwright: could not remember the spelling choice: {err}");
        }
    }
    let loaded = app
        .get_webview_window("main")
        .is_some_and(|window| apply(&window, enabled));
    let status = match (enabled, loaded) {
        (false, _) => SpellingStatus::Off,
        (true, true) => SpellingStatus::On,
        (true, false) => SpellingStatus::NoDictionary,
    };
    crate::menu::spelling::show(app, status);
    let _ = app.emit(SHELL_EVENT, ShellEvent::Spelling { status });
    status
}

/// The dictionary names (`de_DE`, `en`) of the user's locale names
/// (`de_DE.UTF-8`, `de_DE@euro`, `C`), in order, then [`FALLBACK`].
fn wanted_languages<'a>(locale_names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    let names = locale_names.into_iter().chain([FALLBACK]);
    for name in names {
        let name = name.split(['.', '@']).next().unwrap_or_default();
        let is_language = name.len() >= 2
            && name
                .split('_')
                .next()
                .is_some_and(|l| l.bytes().all(|b| b.is_ascii_lowercase()));
        if is_language && !languages.iter().any(|l| l == name) {
            languages.push(name.to_owned());
        }
    }
    languages
}

/// Turns the window's spell checking on or off; whether a dictionary is loaded.
#[cfg(target_os = "linux")]
fn apply<R: Runtime>(window: &WebviewWindow<R>, enabled: bool) -> bool {
    use webkit2gtk::{WebContextExt, WebViewExt};

    let (sender, receiver) = std::sync::mpsc::channel();
    let asked = window.with_webview(move |webview| {
        let Some(context) = webview.inner().context() else {
            return;
        };
        context.set_spell_checking_enabled(enabled);
        if enabled {
            let locale = webkit2gtk::glib::language_names();
            let wanted = wanted_languages(locale.iter().map(|n| n.as_str()));
            let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
            context.set_spell_checking_languages(&wanted);
        }
        // WebKit keeps only the languages whose dictionary Enchant could load.
        let _ = sender.send(!context.spell_checking_languages().is_empty());
    });
    // A closure never run (no web view) drops the sender: nothing loaded.
    asked.is_ok() && receiver.recv().unwrap_or(false)
}

/// Other platforms' web views check spelling by the `spellcheck` attribute alone.
#[cfg(not(target_os = "linux"))]
fn apply<R: Runtime>(_window: &WebviewWindow<R>, _enabled: bool) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_become_dictionary_names_then_us_english() {
        let names = ["de_DE.UTF-8", "de_DE@euro", "de_DE", "de.UTF-8", "de", "C"];
        assert_eq!(wanted_languages(names), ["de_DE", "de", "en_US"]);
    }

    #[test]
    fn a_c_or_posix_locale_checks_us_english() {
        assert_eq!(wanted_languages(["C", "POSIX", ""]), ["en_US"]);
        assert_eq!(wanted_languages(["C.UTF-8"]), ["en_US"]);
    }

    #[test]
    fn us_english_is_not_asked_for_twice() {
        assert_eq!(
            wanted_languages(["en_US.UTF-8", "en_US", "en"]),
            ["en_US", "en"]
        );
    }
}
