//! Templates, new documents, open, save, save as, recent files and exports.

use serde_json::{Value, json};

use super::{Home, Shell};

fn text_of(answer: &Value) -> &str {
    answer["text"].as_str().expect("a text")
}

#[test]
fn every_built_in_template_is_listed_previewed_and_filled_in() {
    let shell = Shell::start();
    let list = shell.ok("list_templates", Value::Null);
    let templates = list["templates"].as_array().unwrap();
    let built_in: Vec<&Value> = templates
        .iter()
        .filter(|t| t["origin"] == "builtin")
        .collect();
    assert_eq!(built_in.len(), 5, "{list}");
    assert_eq!(list["problems"], json!([]));
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    for template in built_in {
        let id = template["id"].as_str().unwrap();
        assert!(!template["name"].as_str().unwrap().is_empty(), "{id}");
        assert!(template["section_count"].as_u64().unwrap() > 0, "{id}");

        let preview = shell.ok("template_preview", json!({ "id": id }));
        assert!(preview["html"].as_str().unwrap().contains("<h"), "{id}");

        let created = shell.new_from(id, "Checkout Redesign");
        assert_eq!(created["template_id"], id);
        assert_eq!(created["suggested_name"], "checkout-redesign.md");
        let text = text_of(&created);
        assert!(text.contains("Checkout Redesign"), "{id}: title filled");
        assert!(text.contains(&today), "{id}: dates filled");
    }
    shell.fails(
        "create_document",
        json!({ "request": { "template_id": "nope", "title": "x", "owner": null } }),
        "unknown-template",
    );
}

#[test]
fn a_new_document_is_saved_as_then_saved_reopened_and_remembered() {
    let shell = Shell::start();
    let created = shell.new_from("product-spec", "Checkout Redesign");
    let first = format!("{}\nA first sentence.\n", text_of(&created));
    let saved = shell.ok(
        "save_as",
        json!({ "request": { "text": first, "suggested_name": created["suggested_name"] } }),
    );
    let path = shell.home.dialogs().join("checkout-redesign.md");
    assert_eq!(saved["name"], "checkout-redesign.md");
    assert_eq!(saved["path"], path.display().to_string());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);

    let second = first.replace("A first sentence.", "A second sentence.");
    shell.ok(
        "save",
        json!({ "request": { "text": second, "overwrite": false } }),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), second);

    let reopened = shell.ok("open_path", json!({ "path": path }));
    assert_eq!(text_of(&reopened), second);
    let recent = shell.ok("recent_files", Value::Null);
    assert_eq!(recent[0]["path"], path.display().to_string());
    assert_eq!(recent[0]["exists"], true);

    // The next start offers it on the start screen, from the settings on disk.
    let home = shell.crash();
    let again = Shell::start_in(home, None);
    let start = again.ok("start_up", Value::Null);
    assert_eq!(start["recent"][0]["name"], "checkout-redesign.md");
    assert_eq!(start["launch"], Value::Null);
}

#[test]
fn a_save_never_silently_replaces_a_file_another_program_changed() {
    let shell = Shell::start();
    let path = shell.home.doc("spec.md", "# Spec\n");
    shell.home.answer_open(&path);
    let opened = shell.ok("open_dialog", Value::Null);
    assert_eq!(text_of(&opened), "# Spec\n");

    std::fs::write(&path, "# Spec\nTheirs.\n").unwrap();
    let message = shell.fails(
        "save",
        json!({ "request": { "text": "# Spec\nMine.\n", "overwrite": false } }),
        "changed-on-disk",
    );
    assert!(message.contains("spec.md"), "{message}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Spec\nTheirs.\n");

    let diff = shell.ok("compare_with_disk", json!({ "text": "# Spec\nMine.\n" }));
    assert_eq!(
        diff,
        json!([
            { "kind": "same", "text": "# Spec" },
            { "kind": "removed", "text": "Theirs." },
            { "kind": "added", "text": "Mine." },
        ])
    );
    // "Keep mine": the version on disk now is the one the next save replaces.
    shell.ok("keep_mine", Value::Null);
    shell.ok(
        "save",
        json!({ "request": { "text": "# Spec\nMine.\n", "overwrite": false } }),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Spec\nMine.\n");
}

#[test]
fn unreadable_files_are_refused_with_a_message_naming_the_file() {
    let shell = Shell::start();
    let latin1 = shell.home.doc("latin1.md", b"# Caf\xe9\n");
    let message = shell.fails("open_path", json!({ "path": latin1 }), "not-utf8");
    assert!(message.contains("latin1.md"), "{message}");
    let error = shell
        .call("open_path", json!({ "path": latin1 }))
        .unwrap_err();
    assert_eq!(
        error["file"],
        latin1.display().to_string(),
        "the file, apart"
    );

    let binary = shell.home.doc("photo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    shell.fails("open_path", json!({ "path": binary }), "binary");

    let gone = shell.home.docs().join("gone.md");
    let message = shell.fails("open_path", json!({ "path": gone }), "not-found");
    assert!(message.contains("gone.md"), "{message}");

    shell.fails(
        "open_path",
        json!({ "path": shell.home.docs() }),
        "is-directory",
    );
    // Nothing was adopted: there is still no file to save to.
    shell.fails(
        "save",
        json!({ "request": { "text": "x", "overwrite": false } }),
        "no-path",
    );
}

#[test]
fn the_file_named_on_the_command_line_is_opened_at_start() {
    let home = Home::new();
    let path = home.doc("launch.md", "# Launched\n");
    let shell = Shell::start_in(home, Some(path.clone()));
    let start = shell.ok("start_up", Value::Null);
    assert_eq!(start["launch"]["kind"], "opened", "{start}");
    assert_eq!(start["launch"]["document"]["text"], "# Launched\n");
    assert_eq!(start["recent"], json!([]), "the start screen is not shown");
    // Once: a reload of the window does not open it again.
    assert_eq!(shell.ok("start_up", Value::Null)["launch"], Value::Null);
}

#[test]
fn a_document_is_exported_and_saved_as_a_template() {
    let shell = Shell::start();
    let created = shell.new_from("product-spec", "Checkout Redesign");
    let text = text_of(&created).to_owned();
    let exported = shell.ok(
        "export",
        json!({ "request": {
            "text": text, "format": "html", "template_id": "product-spec",
            "suggested_name": "checkout-redesign.md", "diagrams": [], "drop_unfilled": false,
        } }),
    );
    assert_eq!(exported["name"], "checkout-redesign.html");
    let html =
        std::fs::read_to_string(shell.home.dialogs().join("checkout-redesign.html")).unwrap();
    assert!(html.contains("Checkout Redesign"));

    let saved = shell.ok(
        "save_as_template",
        json!({ "request": { "name": "Team spec", "text": text } }),
    );
    assert!(std::path::Path::new(saved.as_str().unwrap()).is_file());
    let list = shell.ok("list_templates", Value::Null);
    let user: Vec<&Value> = list["templates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["origin"] == "user")
        .collect();
    assert_eq!(user.len(), 1, "{list}");
}

#[test]
fn the_window_s_drop_handler_hands_the_ui_a_dropped_markdown_file_to_open() {
    let shell = Shell::start();
    let spec = shell.home.doc("dropped.md", "# Dropped\n");
    let photo = shell.home.doc("photo.png", b"\x89PNG");
    let drop = |paths: Vec<std::path::PathBuf>| {
        let event = tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop {
            paths,
            position: tauri::PhysicalPosition::new(10.0, 10.0),
        });
        crate::window_events::handle(&shell.window.as_ref().window(), &event);
    };
    drop(vec![photo.clone(), spec.clone()]);
    let wait = std::time::Duration::from_secs(5);
    assert_eq!(
        shell.next_event(wait),
        Some(json!({ "type": "open-file", "path": spec.display().to_string() })),
        "the Markdown file among those dropped"
    );
    drop(vec![photo]);
    let quiet = std::time::Duration::from_millis(300);
    assert_eq!(shell.next_event(quiet), None, "a picture is not opened");
}

#[test]
fn file_open_recent_lists_the_recent_files_and_opens_the_one_chosen() {
    let shell = Shell::start();
    let handle = shell.app.handle();
    let menu = crate::menu::build(handle).expect("the menu bar");
    let submenu = |menu: &tauri::menu::Menu<tauri::test::MockRuntime>| {
        let file = menu.items().unwrap().remove(0);
        let file = file.as_submenu().expect("File").clone();
        let recent = file.items().unwrap().remove(2);
        let recent = recent.as_submenu().expect("File → Open Recent").clone();
        assert_eq!(recent.text().unwrap(), "Open Recent");
        recent
            .items()
            .unwrap()
            .iter()
            .map(|item| {
                let item = item.as_menuitem().expect("a plain item");
                (
                    item.id().0.clone(),
                    item.text().unwrap(),
                    item.is_enabled().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let none = submenu(&menu);
    assert_eq!(none.len(), 1, "{none:?}");
    assert_eq!((none[0].1.as_str(), none[0].2), ("No Recent Files", false));

    let first = shell.home.doc("first.md", "# First\n");
    let second = shell.home.doc("second & more.md", "# Second\n");
    shell.ok("open_path", json!({ "path": first }));
    shell.ok("open_path", json!({ "path": second }));
    let folder = second.parent().unwrap().display().to_string();
    let items = submenu(&menu);
    let labels: Vec<&str> = items.iter().map(|(_, text, _)| text.as_str()).collect();
    assert_eq!(
        labels,
        [
            format!("second && more.md — {folder}"),
            format!("first.md — {folder}")
        ]
    );

    // Choosing the second item asks the UI to open first.md (it asks about unsaved changes).
    let wait = std::time::Duration::from_secs(5);
    crate::menu::forward(handle, &items[1].0);
    assert_eq!(
        shell.next_event(wait),
        Some(json!({ "type": "open-file", "path": first.display().to_string() }))
    );
    // A click opens the file its item shows, even if the list changed since.
    let elsewhere = shell.home.doc("elsewhere.md", "# Elsewhere\n");
    shell.state().settings().remember(&elsewhere);
    crate::menu::forward(handle, &items[0].0);
    assert_eq!(
        shell.next_event(wait),
        Some(json!({ "type": "open-file", "path": second.display().to_string() }))
    );
}
