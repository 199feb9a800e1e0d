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
fn no_plugin_beyond_events_is_reachable_from_the_ui() {
    let shell = Shell::start();
    for command in [
        "plugin:fs|read_text_file",
        "plugin:shell|open",
        "plugin:dialog|open",
        "plugin:window|set_title",
        "plugin:webview|create_webview_window",
        "plugin:path|resolve_directory",
    ] {
        let refused = shell
            .call(command, json!({ "path": "/etc/passwd", "title": "x" }))
            .unwrap_err();
        assert!(
            refused.to_string().contains("not allowed"),
            "{command}: {refused}"
        );
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
fn only_web_and_mail_links_are_handed_to_the_browser() {
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
