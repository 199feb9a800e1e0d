//! Nothing is ever lost, on the real window: unsaved text survives a SIGKILL and
//! is offered back at the next start; a file changed or deleted on disk by another
//! program is noticed at once and never silently overwritten.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use specwright_e2e::{App, TIMEOUT, wait_until_true};

const SENTENCE: &str = "A sentence typed just before the crash.";

#[tokio::test]
async fn a_killed_app_offers_the_unsaved_text_back() {
    let app = App::launch("recovery", &[]).await;
    let doc = app.dir.path().join("roadmap.md");
    std::fs::write(&doc, "# Roadmap\n\nFirst line on disk.\n").unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "First line on disk")
        .await;
    app.editor_to_end().await;
    app.type_in_editor(SENTENCE).await;
    app.wait_for("[data-testid=dirty-marker]").await;
    // The draft is written about a second after the last keystroke.
    let typed = Instant::now();
    wait_until_true("a draft holds the sentence", || {
        app.draft_files()
            .iter()
            .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains(SENTENCE)))
    })
    .await;
    eprintln!(
        "draft written {:?} after the last keystroke",
        typed.elapsed()
    );

    kill(&app).await;
    assert_eq!(
        std::fs::read_to_string(&doc).unwrap(),
        "# Roadmap\n\nFirst line on disk.\n",
        "the file itself was never touched"
    );

    let app = app.relaunch(&[]).await;
    app.wait_for_text("[data-testid=recovery-dialog]", "roadmap.md")
        .await;
    app.wait_for_text("[data-testid=recovery-diff]", &format!("+ {SENTENCE}"))
        .await;
    app.wait_for_text("[data-testid=recovery-diff]", "  First line on disk.")
        .await;
    app.wait_for("[data-testid=recovery-dialog] [data-testid=recovery-diff]")
        .await;
    shot(&app, "30-recovery-dialog").await;
    app.click("[data-testid=recovery-restore]").await;
    app.wait_for_text(".cm-content", SENTENCE).await;
    app.wait_for_text("[data-testid=doc-name]", "roadmap.md")
        .await;
    app.wait_for("[data-testid=dirty-marker]").await;
    shot(&app, "30-restored").await;

    // Saving writes the restored text to the file and removes the draft.
    app.shortcut('s').await;
    wait_file_contains(&doc, SENTENCE).await;
    wait_until_true("the draft is removed after the save", || {
        app.draft_files().is_empty()
    })
    .await;
    app.quit().await;
}

#[tokio::test]
async fn an_untitled_spec_comes_back_with_its_template() {
    let app = App::launch("recovery-untitled", &[]).await;
    app.new_from_template("product-spec", "Crash Test Spec", "Ada Lovelace")
        .await;
    app.editor_to_end().await;
    app.type_in_editor(SENTENCE).await;
    app.wait_for("[data-testid=dirty-marker]").await;
    wait_until_true("a draft naming its template", || {
        app.draft_files().iter().any(|f| {
            std::fs::read_to_string(f).is_ok_and(|t| {
                t.contains(SENTENCE) && t.contains(r#""template_id":"product-spec""#)
            })
        })
    })
    .await;
    kill(&app).await;

    let app = app.relaunch(&[]).await;
    app.wait_for_text("[data-testid=recovery-dialog]", "Untitled")
        .await;
    app.click("[data-testid=recovery-restore]").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    app.editor_to_end().await;
    app.wait_for_text(".cm-content", SENTENCE).await;
    app.click("[data-testid=tab-health]").await;
    app.wait_for_text("[data-testid=health]", "template: product-spec")
        .await;
    shot(&app, "31-restored-untitled").await;
    app.quit().await;
}

/// A file opened from the file manager while a crash's draft waits: the draft is
/// offered first, then the file opens.
#[tokio::test]
async fn a_file_named_at_start_opens_after_the_drafts_are_offered() {
    let app = App::launch("recovery-then-file", &[]).await;
    app.new_from_template("product-spec", "Left Behind", "Ada Lovelace")
        .await;
    app.editor_to_end().await;
    app.type_in_editor(SENTENCE).await;
    wait_until_true("a draft of the untitled spec", || {
        app.draft_files()
            .iter()
            .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains(SENTENCE)))
    })
    .await;
    kill(&app).await;

    let notes = app.dir.path().join("notes.md");
    std::fs::write(&notes, "# Meeting notes\n\nOpened from the file manager.\n").unwrap();
    let app = app.relaunch(&[notes.to_str().unwrap()]).await;
    app.wait_for_text("[data-testid=recovery-dialog]", "Untitled")
        .await;
    // The editor is made with the first text it shows: none yet, or not this file.
    let editor = app
        .js("return document.querySelector('.cm-content')?.textContent ?? '';")
        .await;
    let editor = editor.as_str().unwrap_or_default();
    assert!(
        !editor.contains("Meeting notes"),
        "the file waits for the question about the draft: {editor}"
    );
    app.click("[data-testid=recovery-later]").await;
    app.wait_for_text(".cm-content", "Opened from the file manager")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "notes.md")
        .await;
    app.wait_for_text("[data-testid=preview]", "Meeting notes")
        .await;
    assert_eq!(app.draft_files().len(), 1, "the draft is kept for later");
    app.quit().await;
}

#[tokio::test]
async fn changes_on_disk_reload_or_ask_and_are_never_overwritten_silently() {
    let app = App::launch("disk-changes", &[]).await;
    let doc = app.dir.path().join("shared.md");
    let body: String = (1..=200)
        .map(|i| format!("Line {i} of the spec.\n\n"))
        .collect();
    std::fs::write(&doc, format!("# Shared spec\n\n{body}")).unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "Line 200 of the spec")
        .await;
    app.js("const s = document.querySelector('.cm-scroller'); s.scrollTop = 1500; s.dispatchEvent(new Event('scroll')); return true;")
        .await;
    // Scroll sync and CodeMirror's measuring may still move it; wait until it rests.
    let scrolled = settled_top_line(&app).await;
    assert!(scrolled > 20, "scrolled down to line {scrolled}");

    // No local edits: another program replaces the file (by rename, as editors
    // do) and the editor shows the new text, as saved, where it was scrolled.
    let started = Instant::now();
    replace_by_rename(&doc, &format!("# Shared spec, edited elsewhere\n\n{body}"));
    app.wait_for_text("[data-testid=preview]", "edited elsewhere")
        .await;
    let seen_after = started.elapsed();
    eprintln!("reloaded {seen_after:?} after the change on disk");
    assert!(
        seen_after < Duration::from_secs(2),
        "reloaded within about a second, took {seen_after:?}"
    );
    no_dirty_marker(&app).await;
    let after = settled_top_line(&app).await;
    assert!(
        after.abs_diff(scrolled) <= 1,
        "the editor stays where it was scrolled: “Line {scrolled}” at the top before, “Line {after}” after"
    );
    shot(&app, "30-reloaded").await;

    // Our own save is not mistaken for another program's.
    app.editor_to_end().await;
    app.type_in_editor("Saved by us.").await;
    app.shortcut('s').await;
    wait_file_contains(&doc, "Saved by us.").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        app.js("return document.querySelectorAll('[data-testid=disk-changed-dialog], [data-testid=modal]').length;")
            .await,
        json!(0),
        "no prompt after our own save"
    );

    // Local edits and a change on disk: ask; compare; take theirs.
    app.type_in_editor(" My local edit.").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    std::fs::write(&doc, "# Shared spec\n\nTheir version.\n").unwrap();
    app.wait_for_text("[data-testid=disk-changed-dialog]", "shared.md")
        .await;
    app.click("[data-testid=disk-compare]").await;
    app.wait_for_text("[data-testid=disk-diff]", "- Their version.")
        .await;
    app.wait_for_text("[data-testid=disk-diff]", "My local edit.")
        .await;
    app.wait_for("[data-testid=disk-diff]").await;
    shot(&app, "30-disk-changed-compare").await;
    app.click("[data-testid=disk-take-theirs]").await;
    app.wait_for_text("[data-testid=preview]", "Their version.")
        .await;
    no_dirty_marker(&app).await;
    let preview = app.text("[data-testid=preview]").await;
    assert!(!preview.contains("My local edit."), "{preview}");

    // Keep mine: the next save replaces the file without another question.
    app.editor_to_end().await;
    app.type_in_editor("Mine wins.").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    std::fs::write(&doc, "# Shared spec\n\nTheir second version.\n").unwrap();
    app.click("[data-testid=disk-keep-mine]").await;
    app.shortcut('s').await;
    wait_file_contains(&doc, "Mine wins.").await;
    no_dirty_marker(&app).await;

    // Deleted: the user is told, the text stays (unsaved) and a save recreates it.
    std::fs::remove_file(&doc).unwrap();
    app.wait_for_text("[data-testid=modal]", "was deleted")
        .await;
    shot(&app, "30-deleted").await;
    app.click("[data-testid=modal-ok]").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    app.shortcut('s').await;
    wait_file_contains(&doc, "Mine wins.").await;
    app.quit().await;
}

/// Kills the app with SIGKILL, as a crash would, and waits until it is gone.
async fn kill(app: &App) {
    let pid = app.app_pid().expect("the app is running");
    // SAFETY: kill(2) on a process id this test's own app has.
    assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGKILL) }, 0);
    let deadline = Instant::now() + TIMEOUT;
    while app.app_pid().is_some() {
        assert!(Instant::now() < deadline, "the killed app is gone");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A screenshot once the window has painted what the test just saw in the DOM.
async fn shot(app: &App, name: &str) {
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot(name).await;
}

/// Writes `text` beside `path` and renames it over, as most editors save.
fn replace_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp-other-editor");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// The number N of the first “Line N of the spec.” at the top of the editor, once
/// it has not changed for half a second (what the user sees, not pixels:
/// CodeMirror corrects its estimated line heights as it measures them).
async fn settled_top_line(app: &App) -> u64 {
    let read = || async {
        let text = app
            .js("const s = document.querySelector('.cm-scroller'); const top = s.getBoundingClientRect().top; const line = [...document.querySelectorAll('.cm-line')].find(l => l.getBoundingClientRect().top >= top - 1 && l.textContent.startsWith('Line ')); return line ? line.textContent : '';")
            .await;
        text.as_str()
            .and_then(|t| t.strip_prefix("Line "))
            .and_then(|t| t.split(' ').next())
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let mut last = read().await;
    let deadline = Instant::now() + TIMEOUT;
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = read().await;
        if (now == last && now > 0) || Instant::now() > deadline {
            return now;
        }
        last = now;
    }
}

async fn no_dirty_marker(app: &App) {
    app.wait_until(
        "the document is not marked unsaved",
        "return document.querySelector('[data-testid=dirty-marker]').hidden;",
        vec![],
    )
    .await;
}

async fn wait_file_contains(path: &Path, needle: &str) {
    wait_until_true(&format!("{} contains {needle:?}", path.display()), || {
        std::fs::read_to_string(path).is_ok_and(|t| t.contains(needle))
    })
    .await;
}
