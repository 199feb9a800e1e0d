//! Closing the window as a window manager does (the title bar's ×): unsaved
//! changes are asked about first, a clean document closes at once.

use specwright_e2e::{App, wait_until_true};

/// Opens `name` holding `text` from the app's scratch folder; returns its path.
async fn open_document(app: &App, name: &str, text: &str) -> std::path::PathBuf {
    let doc = app.dir.path().join(name);
    std::fs::write(&doc, text).unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=doc-name]", name).await;
    doc
}

#[tokio::test]
async fn close_with_unsaved_changes_asks_cancel_keeps_and_dont_save_quits() {
    let app = App::launch("close-unsaved", &[]).await;
    let doc = open_document(&app, "closing.md", "# Closing spec\n").await;
    app.editor_to_end().await;
    app.type_in_editor("Not saved yet").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    app.wait_for_text("[data-testid=preview]", "Not saved yet")
        .await;

    app.request_close().await;
    app.wait_for_text("[data-testid=modal]", "Save changes?")
        .await;
    app.screenshot("40-close-prompt").await;

    // Cancel: the window stays, with the text and the unsaved state as they were.
    app.click("[data-testid=modal-cancel]").await;
    app.wait_until(
        "the prompt is gone",
        "return !document.querySelector('[data-testid=modal]');",
        vec![],
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(app.app_pid().is_some(), "Cancel must keep the app running");
    app.wait_for_text(".cm-content", "Not saved yet").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    app.screenshot("41-close-cancelled").await;

    // Don't save: the app exits and the file keeps what was saved.
    app.request_close().await;
    app.wait_for_text("[data-testid=modal]", "Save changes?")
        .await;
    app.click_to_exit("[data-testid=modal-discard]").await;
    app.wait_exited().await;
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), "# Closing spec\n");
    app.quit().await;
}

#[tokio::test]
async fn dont_save_then_cancelling_the_picker_keeps_the_edits_guarded() {
    let app = App::launch("discard-cancelled", &[]).await;
    open_document(&app, "kept.md", "# Kept spec\n").await;
    app.editor_to_end().await;
    app.type_in_editor("Still wanted").await;
    app.wait_for("[data-testid=dirty-marker]").await;

    // New… → "Don't save" → the template picker → Cancel: nothing replaced the
    // text, so it is still there, still unsaved, and still kept as a draft.
    app.click("[data-testid=toolbar-new]").await;
    app.wait_for_text("[data-testid=modal]", "Save changes?")
        .await;
    app.click("[data-testid=modal-discard]").await;
    app.wait_for("[data-testid=template-picker]").await;
    app.click("[data-testid=cancel-template]").await;
    app.wait_for_text(".cm-content", "Still wanted").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    wait_until_true("the draft still holds the text", || {
        app.draft_files()
            .iter()
            .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("Still wanted")))
    })
    .await;

    // Closing still asks.
    app.request_close().await;
    app.wait_for_text("[data-testid=modal]", "Save changes?")
        .await;
    app.click("[data-testid=modal-cancel]").await;
    app.quit().await;
}

#[tokio::test]
async fn close_without_changes_quits_without_asking() {
    let app = App::launch("close-clean", &[]).await;
    open_document(&app, "clean.md", "# Clean spec\n").await;
    app.wait_for_text("[data-testid=preview]", "Clean spec")
        .await;
    assert_eq!(
        app.js("return document.querySelector('[data-testid=dirty-marker]').hidden;")
            .await,
        serde_json::json!(true),
        "a document just opened has no unsaved changes"
    );
    // With a prompt the app would wait for an answer, and never exit.
    app.request_close().await;
    app.wait_exited().await;
    app.quit().await;
}

#[tokio::test]
async fn close_with_unsaved_changes_and_save_writes_the_file_then_quits() {
    let app = App::launch("close-save", &[]).await;
    let doc = open_document(&app, "kept.md", "# Kept spec\n").await;
    app.editor_to_end().await;
    app.type_in_editor("Saved on close").await;
    app.wait_for("[data-testid=dirty-marker]").await;

    app.request_close().await;
    app.wait_for_text("[data-testid=modal]", "Save changes?")
        .await;
    app.click_to_exit("[data-testid=modal-save]").await;
    app.wait_exited().await;
    assert_eq!(
        std::fs::read_to_string(&doc).unwrap(),
        "# Kept spec\nSaved on close"
    );
    app.quit().await;
}
