//! Nothing typed is lost: the UI sends the text of a document with unsaved
//! changes here a second after the last keystroke, and the shell keeps it as a
//! draft in the app's data folder (`specwright_core::journal`). A save, a discard
//! or a close removes it; drafts still there at the next start were left by a
//! crash or a kill and are offered back.

use specwright_core::journal::{Draft, Leftover};
use specwright_core::live::{LiveDocument, utf16_len};
use specwright_core::storage;
use tauri::{Manager, Runtime, State, WebviewWindow};

use crate::error::{AppError, AppResult};
use crate::ipc::{DraftList, DraftText, RecoverableDraft, RestoredDocument};
use crate::state::{AppState, display_name, window_title};

/// Keeps `text` as the current document's draft, if it has unsaved changes. A
/// version the live analysis no longer holds fails with `stale-text`: the editor
/// then sends the text whole.
#[tauri::command]
pub async fn journal_draft(
    state: State<'_, AppState>,
    text: DraftText,
    template_id: Option<String>,
) -> AppResult<()> {
    let live = state.live.clone();
    let text = tokio::task::spawn_blocking(move || live.run(move |live| draft_text(live, text))?)
        .await??;
    let draft = {
        let mut file = state.file();
        if !file.dirty {
            return Ok(());
        }
        let key = file.draft_key();
        if file.journaled_key.as_deref() != Some(key.as_str()) {
            // A draft an earlier session left for this file ("Decide later"):
            // keep it on offer rather than write over it.
            let stamp = chrono::Local::now().format("earlier-%Y%m%d%H%M%S");
            state.journal.set_aside(&key, &stamp.to_string())?;
        }
        Draft {
            key,
            path: file.path.clone(),
            base: file.hash.clone(),
            written_at: chrono::Local::now().to_rfc3339(),
            template_id,
            text,
        }
    };
    // Written without holding the lock: a large document's draft takes a while,
    // and the window's close handler and `set_dirty` need the lock meanwhile.
    let key = draft.key.clone();
    let journal = state.journal.clone();
    tokio::task::spawn_blocking(move || journal.write(&draft)).await??;
    let mut file = state.file();
    if file.dirty && file.draft_key() == key {
        file.journaled_key = Some(key);
    } else if file.journaled_key.as_deref() != Some(key.as_str()) {
        // Saved, discarded or replaced while the draft was written: nothing of it
        // is unsaved any more.
        state.journal.remove(&key)?;
    }
    Ok(())
}

/// The text `text` names: itself, or the live analysis's copy when it is still
/// the version (and length) the editor named.
fn draft_text(live: &LiveDocument<'_>, text: DraftText) -> AppResult<String> {
    match text {
        DraftText::Whole { text } => Ok(text),
        DraftText::Analysed { version, length } => live
            .text_of(version)
            .filter(|text| utf16_len(text) == length as usize)
            .map(str::to_owned)
            .ok_or_else(|| {
                AppError::new(
                    "stale-text",
                    "the draft's text is no longer the one the shell holds",
                )
            }),
    }
}

/// Drafts left behind by an earlier session, each compared with its file now.
pub async fn leftover_drafts(state: &AppState) -> AppResult<DraftList> {
    let journal = state.journal.clone();
    let (leftovers, errors) = tokio::task::spawn_blocking(move || journal.leftovers()).await?;
    Ok(DraftList {
        drafts: leftovers.into_iter().map(recoverable).collect(),
        problems: errors.into_iter().map(AppError::from).collect(),
    })
}

/// Puts a draft into the editor as the current, unsaved document.
#[tauri::command]
pub async fn restore_draft<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    key: String,
) -> AppResult<RestoredDocument> {
    let draft = state.journal.get(&key).map_err(|_| {
        AppError::new(
            "draft-gone",
            "This unsaved draft is no longer there; it may have been restored or discarded already.",
        )
    })?;
    // Saving compares with the file as it is now, the version the user just saw
    // the comparison with (`None`: missing, so a save recreates it).
    let hash = match &draft.path {
        Some(path) => storage::disk_hash(path)?,
        None => None,
    };
    {
        let mut file = state.file();
        state.forget_draft(&mut file);
        file.untitled_key = draft.path.is_none().then(|| draft.key.clone());
        file.path = draft.path.clone();
        file.hash = hash;
        file.dirty = true;
        file.journaled_key = Some(draft.key.clone());
        file.own_write = None;
    }
    match &draft.path {
        Some(path) => state.watcher.watch(window.app_handle(), path),
        None => state.watcher.stop(),
    }
    window.set_title(&window_title(draft.path.as_deref(), true))?;
    Ok(RestoredDocument {
        path: draft.path.as_ref().map(|p| p.display().to_string()),
        name: draft
            .path
            .as_deref()
            .map_or_else(|| "Untitled".to_owned(), display_name),
        template_id: draft.template_id,
        text: draft.text,
    })
}

/// Deletes a draft the user chose not to restore.
#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, key: String) -> AppResult<()> {
    state.journal.remove(&key)?;
    Ok(())
}

fn recoverable(leftover: Leftover) -> RecoverableDraft {
    let Leftover {
        draft,
        on_disk,
        diff,
    } = leftover;
    RecoverableDraft {
        name: draft
            .path
            .as_deref()
            .map_or_else(|| "Untitled".to_owned(), display_name),
        path: draft.path.map(|p| p.display().to_string()),
        key: draft.key,
        written_at: draft.written_at,
        on_disk,
        diff,
    }
}

/// The drafts folder inside the app's data folder.
pub fn drafts_dir(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("drafts")
}

#[cfg(test)]
mod tests {
    use specwright_core::journal::{DiffLine, Journal, OnDisk};
    use specwright_core::live::{LiveEngine, TextChange};

    use super::*;

    #[test]
    fn a_draft_of_a_file_is_offered_with_its_name_and_diff() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("checkout.md");
        std::fs::write(&doc, "# Checkout\n").unwrap();
        let journal = Journal::new(drafts_dir(dir.path()));
        journal
            .write(&Draft {
                key: Journal::key_for(&doc),
                path: Some(doc.clone()),
                base: None,
                written_at: "2026-11-23T10:00:00+01:00".into(),
                template_id: None,
                text: "# Checkout\nA sentence typed before the crash.\n".into(),
            })
            .unwrap();
        let (leftovers, _) = journal.leftovers();
        let offered: Vec<RecoverableDraft> = leftovers.into_iter().map(recoverable).collect();
        assert_eq!(offered.len(), 1);
        assert_eq!(offered[0].name, "checkout.md");
        assert_eq!(offered[0].on_disk, OnDisk::Present);
        assert_eq!(
            offered[0].diff.last(),
            Some(&DiffLine::Added(
                "A sentence typed before the crash.".into()
            ))
        );
    }

    #[test]
    fn a_draft_named_by_version_is_the_live_copy_if_it_is_still_that_text() {
        let live = LiveEngine::default();
        let text = TextChange::Whole {
            text: "a\r\n😀\r\n".into(),
        };
        live.run(move |live| live.update(7, text)).unwrap().unwrap();
        let named = |text| live.run(move |live| draft_text(live, text)).unwrap();
        let analysed = |version, length| named(DraftText::Analysed { version, length });
        assert_eq!(analysed(7, 7).unwrap(), "a\r\n😀\r\n");
        assert_eq!(analysed(6, 7).unwrap_err().kind, "stale-text");
        assert_eq!(analysed(7, 8).unwrap_err().kind, "stale-text");
        let whole = DraftText::Whole { text: "x".into() };
        assert_eq!(named(whole).unwrap(), "x");
    }
}
