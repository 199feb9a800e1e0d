//! Spell checking: which of the editor's words are misspelt, corrections for
//! one, and words the user adds to their dictionary (see [`crate::spelling`]).

use tauri::{AppHandle, Manager, Runtime};

use crate::error::{AppError, AppResult};
use crate::ipc::PersonalDictionary;
use crate::spelling::SpellingState;
use crate::state::AppState;

/// Most words asked about at once: the editor asks about what is on screen.
const MOST_WORDS: usize = 20_000;

/// Loads the dictionaries if the user wants spelling checked, once the window
/// shows its first page: start-up does not wait for them. The outcome reaches
/// the UI as [`crate::ipc::ShellEvent::Spelling`].
#[tauri::command]
pub fn start_spell_checking<R: Runtime>(app: AppHandle<R>) {
    crate::spelling::apply(&app);
}

/// The words among `words` that are misspelt; none while spell checking is off.
#[tauri::command]
pub async fn misspelt_words<R: Runtime>(
    app: AppHandle<R>,
    words: Vec<String>,
) -> AppResult<Vec<String>> {
    if words.len() > MOST_WORDS {
        return Err(AppError::new(
            "too-many-words",
            format!("Spell checking takes up to {MOST_WORDS} words at a time."),
        ));
    }
    let misspelt = tokio::task::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let speller = state.spelling.speller();
        speller.as_ref().map_or_else(Vec::new, |speller| {
            speller
                .misspelt(&words)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    })
    .await?;
    Ok(misspelt)
}

/// Corrections for `word`, likeliest first (none while spell checking is off).
#[tauri::command]
pub async fn spelling_suggestions<R: Runtime>(
    app: AppHandle<R>,
    word: String,
) -> AppResult<Vec<String>> {
    let suggestions = tokio::task::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let speller = state.spelling.speller();
        speller
            .as_ref()
            .map(|s| s.suggest(&word))
            .unwrap_or_default()
    })
    .await?;
    Ok(suggestions)
}

/// Adds `word` to the user's dictionary, kept for later sessions.
#[tauri::command]
pub async fn learn_word<R: Runtime>(app: AppHandle<R>, word: String) -> AppResult<()> {
    blocking(app, move |spelling| Ok(spelling.learn(&word)?)).await
}

/// Takes `word` out of the user's dictionary again ("Add to Dictionary"
/// undone, or removed in the Personal Dictionary dialog).
#[tauri::command]
pub async fn unlearn_word<R: Runtime>(app: AppHandle<R>, word: String) -> AppResult<()> {
    blocking(app, move |spelling| Ok(spelling.unlearn(&word)?)).await
}

/// The user's own words and the file they are kept in (View → Personal Dictionary).
#[tauri::command]
pub async fn personal_dictionary<R: Runtime>(app: AppHandle<R>) -> AppResult<PersonalDictionary> {
    blocking(app, |spelling| {
        Ok(PersonalDictionary {
            words: spelling.learnt()?,
            file: spelling.personal_file().display().to_string(),
        })
    })
    .await
}

/// Runs `work` on the spell checking state off the async runtime: changing the
/// user's words writes a file, and may wait for dictionaries being loaded.
async fn blocking<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    work: impl FnOnce(&SpellingState) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(move || work(&app.state::<AppState>().spelling)).await?
}
