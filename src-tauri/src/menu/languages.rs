//! View → Spelling Language: the user's own languages (with US English), or one
//! of the dictionaries installed, chosen by hand — a German spec written on an
//! English desktop, say. The choice is remembered (see [`crate::spelling`]).

use tauri::menu::{CheckMenuItem, CheckMenuItemBuilder, MenuItemBuilder, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// The items' ids: this and the language (nothing for the user's own languages).
const ITEM: &str = "spell-language:";
const AUTOMATIC: &str = "Your Languages and US English";

/// The submenu's items and the language of each ("" for the user's own).
struct LanguageMenu<R: Runtime>(Vec<(String, CheckMenuItem<R>)>);

/// The submenu, listing the dictionaries installed when the app started.
pub(super) fn submenu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Submenu<R>> {
    let (mut available, chosen) = app
        .try_state::<AppState>()
        .map(|state| {
            let chosen = state.settings().spell_languages.clone();
            (state.spelling.available(), chosen)
        })
        .unwrap_or_default();
    // A language chosen earlier whose dictionary is gone stays listed, ticked.
    let missing: Vec<String> = chosen
        .iter()
        .filter(|l| !available.contains(l))
        .cloned()
        .collect();
    available.extend(missing.iter().cloned());
    let mut items = Vec::new();
    let mut submenu = SubmenuBuilder::new(app, "Spelling Language");
    for language in std::iter::once("").chain(available.iter().map(String::as_str)) {
        let label = if language.is_empty() {
            AUTOMATIC.to_owned()
        } else if missing.iter().any(|m| m == language) {
            format!("{} — not installed", label(language))
        } else {
            label(language)
        };
        let item = CheckMenuItemBuilder::with_id(format!("{ITEM}{language}"), label)
            .checked(is_chosen(language, &chosen))
            .build(app)?;
        submenu = submenu.item(&item);
        if language.is_empty() {
            submenu = submenu.separator();
        }
        items.push((language.to_owned(), item));
    }
    if items.len() == 1 {
        let none = MenuItemBuilder::new("No dictionaries installed")
            .enabled(false)
            .build(app)?;
        submenu = submenu.item(&none);
    }
    app.manage(LanguageMenu(items));
    submenu.build()
}

fn is_chosen(language: &str, chosen: &[String]) -> bool {
    match chosen {
        [] => language.is_empty(),
        [one] => one == language,
        _ => false,
    }
}

/// Ticks the item of `chosen` (the user's own languages when empty) alone.
pub fn show<R: Runtime>(app: &AppHandle<R>, chosen: &[String]) {
    let Some(menu) = app.try_state::<LanguageMenu<R>>() else {
        return; // no menu bar (the IPC tests)
    };
    for (language, item) in &menu.0 {
        let tick = is_chosen(language, chosen);
        if item.is_checked().is_ok_and(|t| t == tick) {
            continue; // each change is a trip to the main thread
        }
        if let Err(err) = item.set_checked(tick) {
            eprintln!("specwright: could not update View → Spelling Language: {err}");
        }
    }
}

/// The languages whose items are ticked ("" for the user's own), for tests.
#[cfg(test)]
pub fn ticked<R: Runtime>(app: &AppHandle<R>) -> Vec<String> {
    let menu = app.state::<LanguageMenu<R>>();
    menu.0
        .iter()
        .filter(|(_, item)| item.is_checked().unwrap_or(false))
        .map(|(language, _)| language.clone())
        .collect()
}

/// Clicks the item of `language` as GTK does (it flips the tick, then the app
/// hears of it; the mock runtime has no GTK), for tests.
#[cfg(test)]
pub fn click<R: Runtime>(app: &AppHandle<R>, language: &str) {
    let menu = app.state::<LanguageMenu<R>>();
    if let Some((_, item)) = menu.0.iter().find(|(l, _)| l == language) {
        let checked = item.is_checked().unwrap_or(false);
        item.set_checked(!checked).expect("the tick");
    }
    super::forward(app, &format!("{ITEM}{language}"));
}

/// Checks spelling in the language of item `id`, if it is one of the
/// submenu's (choosing a language turns spell checking on); false if not.
pub(super) fn choose<R: Runtime>(app: &AppHandle<R>, id: &str) -> bool {
    let Some(language) = id.strip_prefix(ITEM) else {
        return false;
    };
    let chosen: Vec<String> = if language.is_empty() {
        Vec::new()
    } else {
        vec![language.to_owned()]
    };
    show(app, &chosen);
    crate::spelling::remember(app, |settings| {
        settings.spell_languages = chosen;
        settings.spell_check = true;
    });
    crate::spelling::apply(app);
    true
}

/// How a dictionary is listed: the language's name and its code
/// (`German (de_DE)`), or the code alone for a language not named here.
fn label(code: &str) -> String {
    let language = code.split(['_', '-']).next().unwrap_or(code);
    match NAMES.iter().find(|(c, _)| *c == language) {
        Some((_, name)) => format!("{name} ({code})"),
        None => code.to_owned(),
    }
}

/// English names of the languages Linux distributions ship Hunspell
/// dictionaries for most often.
const NAMES: &[(&str, &str)] = &[
    ("af", "Afrikaans"),
    ("ar", "Arabic"),
    ("bg", "Bulgarian"),
    ("ca", "Catalan"),
    ("cs", "Czech"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("eo", "Esperanto"),
    ("es", "Spanish"),
    ("et", "Estonian"),
    ("eu", "Basque"),
    ("fa", "Persian"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("ga", "Irish"),
    ("gl", "Galician"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("hr", "Croatian"),
    ("hu", "Hungarian"),
    ("id", "Indonesian"),
    ("is", "Icelandic"),
    ("it", "Italian"),
    ("ko", "Korean"),
    ("lt", "Lithuanian"),
    ("lv", "Latvian"),
    ("nb", "Norwegian Bokmål"),
    ("nl", "Dutch"),
    ("nn", "Norwegian Nynorsk"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sr", "Serbian"),
    ("sv", "Swedish"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("vi", "Vietnamese"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_are_listed_by_name_and_code() {
        assert_eq!(label("de_DE"), "German (de_DE)");
        assert_eq!(label("en_GB"), "English (en_GB)");
        assert_eq!(label("pt-BR"), "Portuguese (pt-BR)");
        assert_eq!(label("xx_YY"), "xx_YY");
    }

    #[test]
    fn one_item_is_ticked_for_a_choice() {
        let german = ["de_DE".to_owned()];
        assert!(is_chosen("", &[]) && !is_chosen("de_DE", &[]));
        assert!(is_chosen("de_DE", &german) && !is_chosen("", &german));
    }
}
