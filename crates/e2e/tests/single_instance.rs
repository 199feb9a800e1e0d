//! One app for every launch, on the real window: a spec double-clicked in the file
//! manager while Specwright runs opens in the window already there (after asking
//! about unsaved changes), and the second launch ends instead of opening a second
//! app over the same drafts.

use specwright_e2e::App;

#[tokio::test]
async fn a_second_launch_opens_its_file_in_the_running_window() {
    let app = App::launch_with_session_bus("single-instance", &[]).await;
    app.wait_for("[data-testid=start-screen]").await;
    let first = app.app_pid().expect("the first launch runs");

    // A file given by its path relative to the second launch's folder, as a file
    // manager may pass it, and by an absolute path.
    let notes = app.dir.path().join("home/notes.md");
    std::fs::write(&notes, "# Meeting notes\n\nOpened by a second launch.\n").unwrap();
    let status = app.launch_again(&["notes.md"]);
    assert!(status.success(), "the second launch ended with {status}");
    app.wait_for_text(".cm-content", "Opened by a second launch")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "notes.md")
        .await;
    assert_eq!(app.app_pid(), Some(first), "still the one app");

    // With unsaved changes, the running window asks before opening the next file.
    app.editor_to_end().await;
    app.type_in_editor(" Edited.").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    let roadmap = app.dir.path().join("home/roadmap.md");
    std::fs::write(&roadmap, "# Roadmap\n\nNext quarter.\n").unwrap();
    assert!(app.launch_again(&[roadmap.to_str().unwrap()]).success());
    app.wait_for_text("[data-testid=modal]", "not saved yet")
        .await;
    app.screenshot("40-second-launch-asks").await;
    app.click("[data-testid=modal-cancel]").await;
    let editor = app.text(".cm-content").await;
    assert!(editor.contains("Edited."), "the edits stay: {editor}");

    // A launch with no file only brings the window forward.
    assert!(app.launch_again(&[]).success());
    assert_eq!(app.app_pid(), Some(first));
    app.quit().await;
}
