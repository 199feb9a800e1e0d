//! What lives outside the page WebDriver drives — the native menu bar, its
//! shortcuts and GTK's file dialogs — driven with the keyboard as a person would,
//! through X11: F10 opens the File menu, the arrow keys move, Return chooses; in
//! a file dialog Ctrl+L takes a typed path.

use serde_json::json;
use specwright_e2e::App;
use specwright_e2e::window::keysym::{A, CONTROL, DOWN, E, F10, L, LEFT, RETURN, RIGHT, SHIFT};

#[tokio::test]
async fn menu_items_and_shortcuts_reach_the_app() {
    let app = App::launch("menu", &[]).await;
    app.wait_for("[data-testid=start-screen]").await;

    // Help → About Specwright (F10 opens File; Left wraps round to Help).
    app.press_native_keys(&[&[F10], &[LEFT], &[DOWN], &[RETURN]])
        .await;
    app.wait_for_text("[data-testid=modal]", "About Specwright")
        .await;
    app.click("[data-testid=modal-ok]").await;

    // File → Open… (the second item) with the scripted file dialog.
    let doc = app.dir.path().join("menu.md");
    std::fs::write(&doc, "# Opened from the menu\n\n- [ ] a task\n").unwrap();
    app.answer_open_with(&doc);
    app.press_native_keys(&[&[F10], &[DOWN], &[DOWN], &[RETURN]])
        .await;
    app.wait_for_text("[data-testid=preview]", "Opened from the menu")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "menu.md").await;

    // File → Open Recent (the third item) lists the files opened, latest first:
    // open another, then choose the second entry to come back to menu.md.
    let other = app.dir.path().join("other.md");
    std::fs::write(&other, "# The other one\n").unwrap();
    app.answer_open_with(&other);
    app.press_native_keys(&[&[F10], &[DOWN], &[DOWN], &[RETURN]])
        .await;
    app.wait_for_text("[data-testid=doc-name]", "other.md")
        .await;
    app.press_native_keys(&[
        &[F10],
        &[DOWN],
        &[DOWN],
        &[DOWN],
        &[RIGHT],
        &[DOWN],
        &[RETURN],
    ])
    .await;
    app.wait_for_text("[data-testid=preview]", "Opened from the menu")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "menu.md").await;

    // Ctrl+Shift+E reaches both the menu's accelerator and the page: one dialog.
    app.press_native_keys(&[&[CONTROL, SHIFT, E]]).await;
    app.wait_for("[data-testid=export-dialog]").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let dialogs = app
        .js("return document.querySelectorAll('[data-testid=export-dialog]').length;")
        .await;
    assert_eq!(dialogs, json!(1), "one export dialog");
    app.screenshot("60-menu-export").await;
    app.quit().await;
}

#[tokio::test]
async fn gtk_file_dialogs_open_and_save() {
    let app = App::launch_with_native_dialogs("native-dialogs").await;
    let doc = app.dir.path().join("native.md");
    std::fs::write(&doc, "# Picked in GTK's dialog\n\nFirst line.\n").unwrap();

    // Open…: GTK's file chooser, starting in the home folder; Ctrl+L, the path.
    app.click("[data-testid=open-file]").await;
    app.answer_native_dialog(L, &doc).await;
    app.wait_for_text("[data-testid=preview]", "Picked in GTK")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "native.md")
        .await;

    // Save As…: the name field holds the suggested name; type a path instead.
    app.editor_to_end().await;
    app.type_in_editor("Typed before saving a copy.").await;
    app.chord(
        &[specwright_e2e::Key::Control, specwright_e2e::Key::Shift],
        's',
    )
    .await;
    let copy = app.dir.path().join("copy.md");
    app.answer_native_dialog(A, &copy).await;
    app.wait_for_text("[data-testid=toast]", "Saved copy.md")
        .await;
    let saved = std::fs::read_to_string(&copy).unwrap();
    assert!(saved.contains("Typed before saving a copy."), "{saved}");
    assert_eq!(
        std::fs::read_to_string(&doc).unwrap(),
        "# Picked in GTK's dialog\n\nFirst line.\n",
        "the original is untouched"
    );
    app.wait_for_text("[data-testid=doc-name]", "copy.md").await;

    // Export…: the dialog proposes copy.html in the document's folder.
    app.open_export_dialog().await;
    app.click("[data-testid=export-format-html]").await;
    app.click("[data-testid=export-confirm]").await;
    app.accept_native_dialog().await;
    app.wait_for_text("[data-testid=toast]", "Exported to copy.html")
        .await;
    let page = app.dir.path().join("copy.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Typed before saving a copy."));
    app.quit().await;
}
