//! While the user writes: the live analysis, ticking, drafts kept and offered
//! back after a crash, and changes to the file by other programs.

use std::time::Duration;

use serde_json::{Value, json};

use super::{Home, Shell};

fn analyze(shell: &Shell, version: u32, text: Value, shown: Option<u32>) -> Value {
    shell.ok(
        "analyze",
        json!({ "request": { "version": version, "text": text, "template_id": "product-spec", "shown": shown } }),
    )
}

#[test]
fn the_analysis_follows_the_editor_s_edits_and_asks_again_when_out_of_step() {
    let shell = Shell::start();
    let created = shell.new_from("product-spec", "Checkout");
    let text = created["text"].as_str().unwrap().to_owned();
    let first = analyze(&shell, 1, json!({ "kind": "whole", "text": text }), None);
    assert_eq!(first["version"], 1);
    let html = first["html"]["insert"].as_str().unwrap();
    assert!(html.contains("data-sourcepos"), "positions for scroll sync");
    let report = &first["report"];
    assert!(
        report["score"].as_f64().unwrap() < 1.0,
        "a new spec is unfilled"
    );
    assert!(!report["findings"].as_array().unwrap().is_empty());
    let words = first["word_count"].as_u64().unwrap();

    // Typing at the end is sent as an edit to version 1; the answer changes what is on show.
    let end = text.encode_utf16().count();
    let edit = json!({ "kind": "edits", "base": 1, "edits": [
        { "from": end, "to": end, "insert": "\nThree more words.\n" }
    ] });
    let second = analyze(&shell, 2, edit, Some(1));
    assert_eq!(second["version"], 2);
    assert_eq!(second["word_count"].as_u64().unwrap(), words + 3);
    assert!(second["html"]["insert"].as_str().unwrap().len() < html.len());

    // An edit to a version the shell no longer holds: the editor must send the text whole.
    let stale = json!({ "kind": "edits", "base": 1, "edits": [] });
    shell.fails(
        "analyze",
        json!({ "request": { "version": 3, "text": stale, "template_id": null, "shown": 2 } }),
        "stale-text",
    );
}

#[test]
fn ticking_a_task_changes_exactly_that_character() {
    let shell = Shell::start();
    let text = "# Plan\n\n- [ ] Write it\n- [x] Read it\n";
    let ticked = shell.ok(
        "toggle_task",
        json!({ "request": { "text": text, "line": 3 } }),
    );
    let ticked = ticked.as_str().unwrap();
    assert_eq!(ticked.len(), text.len());
    let changed: Vec<usize> = (0..text.len())
        .filter(|&i| text.as_bytes()[i] != ticked.as_bytes()[i])
        .collect();
    assert_eq!(changed, [text.find("[ ]").unwrap() + 1]);
    let message = shell.fails(
        "toggle_task",
        json!({ "request": { "text": text, "line": 1 } }),
        "no-task-on-line",
    );
    assert!(message.starts_with("line 1:"), "{message}");
}

#[test]
fn unsaved_text_is_offered_back_after_a_crash_and_goes_once_restored_and_saved() {
    let home = Home::new();
    let path = home.doc("spec.md", "# Spec\n");
    let shell = Shell::start_in(home, None);
    shell.ok("open_path", json!({ "path": path }));
    shell.ok("set_dirty", json!({ "dirty": true }));
    let typed = "# Spec\nTyped before the crash.\n";
    shell.ok(
        "journal_draft",
        json!({ "text": { "kind": "whole", "text": typed }, "templateId": null }),
    );

    let shell = Shell::start_in(shell.crash(), None);
    let start = shell.ok("start_up", Value::Null);
    let drafts = start["drafts"]["drafts"].as_array().unwrap();
    assert_eq!(drafts.len(), 1, "{start}");
    assert_eq!(drafts[0]["name"], "spec.md");
    assert_eq!(drafts[0]["on_disk"], "present");
    assert_eq!(
        drafts[0]["diff"].as_array().unwrap().last().unwrap(),
        &json!({ "kind": "added", "text": "Typed before the crash." })
    );
    let key = drafts[0]["key"].clone();
    let restored = shell.ok("restore_draft", json!({ "key": key }));
    assert_eq!(restored["text"], typed);
    assert_eq!(restored["path"], path.display().to_string());
    assert!(shell.state().file().dirty, "restored text is unsaved");

    shell.ok(
        "save",
        json!({ "request": { "text": typed, "overwrite": false } }),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), typed);
    let shell = Shell::start_in(shell.crash(), None);
    let start = shell.ok("start_up", Value::Null);
    assert_eq!(
        start["drafts"]["drafts"],
        json!([]),
        "saved: nothing to offer"
    );
    shell.fails("restore_draft", json!({ "key": key }), "draft-gone");
}

#[test]
fn another_program_s_change_to_the_open_file_is_told_to_the_ui_and_our_own_save_is_not() {
    let shell = Shell::start();
    let path = shell.home.doc("spec.md", "# Spec\n");
    shell.ok("open_path", json!({ "path": path }));
    let wait = Duration::from_secs(5);

    shell.ok(
        "save",
        json!({ "request": { "text": "# Spec\nOurs.\n", "overwrite": false } }),
    );
    // Five times the watcher's settling time: our save is not told as a change.
    let quiet = shell.next_event(Duration::from_secs(1));
    assert_eq!(quiet, None, "our own save is not another program's change");
    // Replaced the way editors do it: a temporary file renamed over it.
    let temporary = shell.home.docs().join(".spec.md.swp");
    std::fs::write(&temporary, "# Spec\nTheirs.\n").unwrap();
    std::fs::rename(&temporary, &path).unwrap();
    let event = shell.next_event(wait).expect("the change is told");
    assert_eq!(
        event,
        json!({ "type": "file-changed", "path": path.display().to_string() })
    );

    std::fs::remove_file(&path).unwrap();
    let event = shell.next_event(wait).expect("the deletion is told");
    assert_eq!(event["type"], "file-deleted");
    // The next save recreates the file instead of refusing.
    shell.ok(
        "save",
        json!({ "request": { "text": "# Spec\nBack.\n", "overwrite": false } }),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Spec\nBack.\n");
}
