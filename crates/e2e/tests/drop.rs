//! Files dragged from a file manager onto the window (X11 drag and drop).

use specwright_e2e::App;

#[tokio::test]
async fn a_markdown_file_dropped_on_the_window_opens_asking_first_about_unsaved_changes() {
    let app = App::launch("drop", &[]).await;
    let dir = app.dir.path().join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    let first = dir.join("first.md");
    std::fs::write(&first, "# First dropped\n\nFrom the file manager.\n").unwrap();
    let second = dir.join("second.md");
    std::fs::write(&second, "# Second dropped\n").unwrap();
    let photo = dir.join("photo.png");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\n").unwrap();

    // On the start screen: it opens.
    assert!(app.drop_files(&[&first]).await, "the window takes the drop");
    app.wait_for_text("[data-testid=preview]", "From the file manager")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "first.md")
        .await;

    // Unsaved changes: the drop asks first; "Don't save" opens the dropped file.
    app.editor_to_end().await;
    app.type_in_editor("Not saved yet.").await;
    app.wait_for("[data-testid=dirty-marker]:not([hidden])")
        .await;
    app.drop_files(&[&photo, &second]).await;
    app.wait_for_text("[data-testid=modal]", "Save changes?")
        .await;
    app.screenshot("17-drop-asks").await;
    app.click("[data-testid=modal-discard]").await;
    app.wait_for_text("[data-testid=preview]", "Second dropped")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "second.md")
        .await;

    // A picture alone is not opened.
    app.drop_files(&[&photo]).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.wait_for_text("[data-testid=doc-name]", "second.md")
        .await;
    let dialogs = app
        .js("return document.querySelectorAll('[data-testid=modal]').length;")
        .await;
    assert_eq!(
        dialogs,
        serde_json::json!(0),
        "nothing asked about the picture"
    );
    app.quit().await;
}
