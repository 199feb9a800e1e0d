//! What the capabilities let through, and links the shell refuses to open.

use serde_json::{Value, json};

use super::{Shell, invoke};

#[test]
fn only_the_main_window_may_call_the_app_s_commands() {
    let shell = Shell::start();
    assert!(shell.call("recent_files", Value::Null).is_ok());
    let other = shell.other_window("intruder");
    let refused = invoke(&other, "recent_files", Value::Null).unwrap_err();
    assert!(
        refused.to_string().contains("not allowed"),
        "a window no capability names is refused: {refused}"
    );
}

#[test]
fn of_tauri_s_own_commands_the_ui_may_only_listen_to_events() {
    let shell = Shell::start();
    // Each is built in, and granted by `core:default`, which the capability does not use.
    for command in [
        "plugin:event|emit",
        "plugin:app|version",
        "plugin:window|set_title",
        "plugin:webview|create_webview_window",
        "plugin:path|resolve_directory",
        "plugin:menu|new",
    ] {
        let refused = shell
            .call(command, json!({ "event": "shell", "title": "x" }))
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("not allowed") && !refused.contains("not found"),
            "{command}: {refused}"
        );
    }
    // No plugin that reads files, runs programs or opens dialogs is installed.
    for command in [
        "plugin:fs|read_text_file",
        "plugin:shell|open",
        "plugin:dialog|open",
    ] {
        let refused = shell.call(command, json!({})).unwrap_err().to_string();
        assert!(refused.contains("Plugin not found"), "{command}: {refused}");
    }
    assert!(
        shell
            .call(
                "plugin:event|listen",
                json!({ "event": "shell", "target": { "kind": "Any" }, "handler": 5 })
            )
            .is_ok(),
        "the UI listens to shell events"
    );
}

#[test]
fn links_other_than_web_and_mail_are_never_handed_to_the_system() {
    let shell = Shell::start();
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "tauri://localhost/index.html",
        "/usr/bin/xterm",
    ] {
        let message = shell.fails("open_external", json!({ "url": url }), "unsafe-link");
        assert!(message.contains(url), "{message}");
    }
}
