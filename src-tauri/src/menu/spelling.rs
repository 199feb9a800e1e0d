//! View → Check Spelling: a check item that shows whether the editor's text is
//! spell checked, and turns it on or off (see [`crate::spelling`]).

use tauri::menu::{CheckMenuItem, CheckMenuItemBuilder};
use tauri::{AppHandle, Manager, Runtime};

use crate::ipc::SpellingStatus;
use crate::state::AppState;

/// The item's id.
const ID: &str = "spell-check";
const LABEL: &str = "Check Spelling";
const LABEL_NO_DICTIONARY: &str = "Check Spelling (no dictionary installed)";

/// The item, kept so that it can show what spell checking came to.
struct SpellingItem<R: Runtime>(CheckMenuItem<R>);

/// The item, ticked as the settings say until spell checking has started.
pub(super) fn item<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<CheckMenuItem<R>> {
    let wanted = app
        .try_state::<AppState>()
        .is_none_or(|state| state.settings().spell_check);
    let item = CheckMenuItemBuilder::with_id(ID, LABEL)
        .checked(wanted)
        .build(app)?;
    app.manage(SpellingItem(item.clone()));
    Ok(item)
}

/// Shows `status` on the item: ticked when on; greyed out, with the reason,
/// when no dictionary could be loaded.
pub fn show<R: Runtime>(app: &AppHandle<R>, status: SpellingStatus) {
    let Some(item) = app.try_state::<SpellingItem<R>>() else {
        return; // no menu bar (the IPC tests)
    };
    let usable = status != SpellingStatus::NoDictionary;
    let label = if usable { LABEL } else { LABEL_NO_DICTIONARY };
    let shown = item
        .0
        .set_checked(status == SpellingStatus::On)
        .and_then(|()| item.0.set_enabled(usable))
        .and_then(|()| item.0.set_text(label));
    if let Err(err) = shown {
        eprintln!("specwright: could not update View → Check Spelling: {err}");
    }
}

/// Turns spell checking on or off when `id` is the item; false if it is
/// another item. The wish is the opposite of the remembered one, not the
/// item's tick (GTK flips that on a click, and a choice still being followed
/// may have set it meanwhile); the tick then shows what came of it.
pub(super) fn choose<R: Runtime>(app: &AppHandle<R>, id: &str) -> bool {
    if id != ID {
        return false;
    }
    let Some(state) = app.try_state::<AppState>() else {
        return true;
    };
    let enabled = !state.settings().spell_check;
    crate::spelling::remember(app, |settings| settings.spell_check = enabled);
    crate::spelling::apply(app);
    true
}
