//! End-to-end flows on the real Specwright window (see `scripts/e2e.sh`).

use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use serde_json::{Value, json};
use specwright_e2e::{App, Key};

const TEMPLATES: [&str; 5] = [
    "product-spec",
    "technical-spec",
    "spec-with-front-matter",
    "technical-spec-ts",
    "technical-spec-evidence",
];

#[tokio::test]
async fn start_screen_then_new_from_each_builtin_template() {
    let app = App::launch("templates", &[]).await;
    app.screenshot("01-start-screen").await;
    for (i, id) in TEMPLATES.iter().enumerate() {
        let title = format!("E2E {id}");
        app.new_from_template(id, &title, "Ada Lovelace").await;
        if i == 0 {
            app.click("[data-testid=toolbar-new]").await;
            app.click(&format!("[data-testid=template-{id}]")).await;
            app.wait_for("[data-testid=template-preview] > *").await;
            app.screenshot("02-template-picker").await;
            app.click("[data-testid=cancel-template]").await;
        }
        app.wait_for_text("[data-testid=preview]", &title).await;
        app.wait_for("[data-testid=checklist] .panel-summary, [data-testid=checklist] .empty")
            .await;
        app.click("[data-testid=tab-health]").await;
        app.wait_for("[data-testid=health-score]").await;
        if i == 1 {
            app.screenshot("03-health-panel").await;
        }
        app.click("[data-testid=tab-checklist]").await;
        let words = app.text("[data-testid=word-count]").await;
        assert!(words.ends_with("words"), "word count shown: {words}");
        app.screenshot(&format!("03-new-{id}")).await;
    }

    // "Save as template" adds the document to the user's templates in the picker.
    app.click("[data-testid=toolbar-save-as-template]").await;
    let name = app.wait_for("[data-testid=modal-input]").await;
    name.clear().await.unwrap();
    name.send_keys("Team review spec").await.unwrap();
    app.click("[data-testid=modal-ok]").await;
    app.wait_for_text("[data-testid=toast]", "Template saved")
        .await;
    app.click("[data-testid=toolbar-new]").await;
    app.wait_for_text("[data-testid=template-picker]", "Your templates")
        .await;
    // The picker lists it under the name the user gave.
    app.wait_for_text("[data-testid=template-picker]", "Team review spec")
        .await;
    let folder = app
        .dir
        .path()
        .join("config/app.specwright.editor/templates");
    let mut saved: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    saved.sort();
    // The template, and its manifest holding the name the user gave.
    assert_eq!(
        saved,
        ["team-review-spec.json", "team-review-spec.md"],
        "files in {}",
        folder.display()
    );
    app.screenshot("11-user-template").await;
    app.click("[data-testid=cancel-template]").await;
    app.quit().await;
}

#[tokio::test]
async fn scroll_sync_and_click_in_preview_jumps_to_the_line() {
    let app = App::launch("scroll", &[]).await;
    app.new_from_template("product-spec", "Scroll test", "Linus")
        .await;
    app.wait_for("[data-testid=preview] h2").await;

    // Editor → preview.
    app.js("const s = document.querySelector('.cm-scroller'); s.scrollTop = 3000; s.dispatchEvent(new Event('scroll')); return true;")
        .await;
    app.wait_until(
        "the preview follows the editor",
        "return document.querySelector('.preview-scroll').scrollTop > 500;",
        vec![],
    )
    .await;
    app.screenshot("10-scroll-sync").await;

    // Preview → editor.
    app.js("const s = document.querySelector('.cm-scroller'); s.scrollTop = 0; s.dispatchEvent(new Event('scroll')); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.js("const p = document.querySelector('.preview-scroll'); p.scrollTop = 0; p.scrollTop = 2500; p.dispatchEvent(new Event('scroll')); return true;")
        .await;
    app.wait_until(
        "the editor follows the preview",
        "return document.querySelector('.cm-scroller').scrollTop > 500;",
        vec![],
    )
    .await;

    // Clicking a heading in the preview puts the editor's cursor on its line.
    let heading = app
        .js("const h = [...document.querySelectorAll('[data-testid=preview] h2')][3]; h.setAttribute('data-e2e-heading', '1'); return h.textContent;")
        .await;
    let heading = heading.as_str().unwrap().to_owned();
    app.click("[data-e2e-heading='1']").await;
    app.wait_until(
        "the editor's cursor line is the clicked heading",
        "const l = document.querySelector('.cm-activeLine'); return !!l && l.textContent.includes(arguments[0]);",
        vec![json!(heading)],
    )
    .await;

    // Lines added at the top move every block down: a click still finds its line.
    let line_of_heading = "return +document.querySelector('.cm-activeLineGutter').textContent;";
    let before = app.js(line_of_heading).await.as_i64().unwrap();
    app.chord(&[Key::Control], char::from(Key::Home)).await;
    app.type_in_editor("\n\n\n").await;
    // Clicked until the preview has caught up with the three Enters.
    app.wait_until(
        "a click puts the cursor on the heading, three lines further down",
        "document.querySelector('[data-e2e-heading=\"1\"]').click(); const l = document.querySelector('.cm-activeLine'); return !!l && l.textContent.includes(arguments[0]) && +document.querySelector('.cm-activeLineGutter').textContent === arguments[1];",
        vec![json!(heading), json!(before + 3)],
    )
    .await;
    app.quit().await;
}

#[tokio::test]
async fn typing_updates_preview_checklist_and_ticking_changes_one_character() {
    let app = App::launch("typing", &[]).await;
    app.new_from_template("product-spec", "Typing test", "Grace")
        .await;
    app.editor_to_end().await;
    app.type_in_editor("\n\n## E2E checks\n\n- [ ] first e2e task\nsecond e2e task")
        .await;
    app.wait_for_text("[data-testid=preview]", "second e2e task")
        .await;
    app.wait_for_text("[data-testid=checklist]", "first e2e task")
        .await;
    app.wait_for_text("[data-testid=checklist]", "E2E checks")
        .await;
    app.wait_for("[data-testid=dirty-marker]").await;
    app.screenshot("04-typed").await;

    // Save (scripted dialog writes dialogs/typing-test.md), then tick and save again.
    app.shortcut('s').await;
    let path = app.dialogs().join("typing-test.md");
    wait_file_contains(&path, "- [ ] first e2e task").await;
    let before = std::fs::read_to_string(&path).unwrap();

    let panel_box = "[data-testid=checklist] input[aria-label='first e2e task']";
    let scroll_before = app
        .js("return document.querySelector('.cm-scroller').scrollTop;")
        .await;
    app.click(panel_box).await;
    app.wait_until(
        "the preview shows the first task ticked",
        "return [...document.querySelectorAll('[data-testid=preview] li')].some(li => li.textContent.includes('first e2e task') && li.querySelector('input').checked);",
        vec![],
    )
    .await;
    let scroll_after = app
        .js("return document.querySelector('.cm-scroller').scrollTop;")
        .await;
    assert_eq!(
        scroll_before, scroll_after,
        "ticking must not scroll the editor"
    );

    // Tick the second one in the preview.
    app.click_preview_task("second e2e task").await;
    app.wait_until(
        "the panel shows the second task ticked",
        "const b = document.querySelector(\"[data-testid=checklist] input[aria-label='second e2e task']\"); return !!b && b.checked;",
        vec![],
    )
    .await;
    app.screenshot("05-ticked").await;
    app.shortcut('s').await;
    wait_file_contains(&path, "- [x] second e2e task").await;
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        before.len(),
        after.len(),
        "ticking changes characters in place"
    );
    let differing: Vec<usize> = before
        .bytes()
        .zip(after.bytes())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        differing.len(),
        2,
        "exactly two characters changed: {differing:?}"
    );
    assert!(after.contains("- [x] first e2e task") && after.contains("- [x] second e2e task"));
    app.quit().await;
}

#[tokio::test]
async fn fixing_what_the_health_panel_shows() {
    let app = App::launch("health-fix", &[]).await;
    app.new_from_template("product-spec", "Health Fix", "Ada")
        .await;

    // A finding's marker in the editor's gutter tells what is wrong when pointed
    // at, in a tooltip of the page's own (the editor's pane would cut it off).
    app.wait_for(".cm-lint-marker").await;
    app.js("document.querySelector('.cm-lint-marker').scrollIntoView({ block: 'center' }); return true;")
        .await;
    const IN_VIEW: &str = "const m = [...document.querySelectorAll('.cm-lint-marker')].map(e => e.getBoundingClientRect()).find(b => b.top > 50 && b.bottom < innerHeight - 50); return m ? [m.left + m.width / 2, m.top + m.height / 2] : null;";
    app.wait_until(
        "a finding's marker is in view",
        &format!("return ({{ f() {{ {IN_VIEW} }} }}).f() !== null;"),
        vec![],
    )
    .await;
    let at = app.js(IN_VIEW).await;
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    let hover = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x: x + 40.0,
            y,
        })
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(150)),
            x,
            y,
        })
        .pause(Duration::from_millis(600));
    app.client.perform_actions(hover).await.unwrap();
    app.wait_until(
        "a tooltip shows the finding",
        "const t = document.querySelector('.cm-tooltip .cm-diagnostic'); return !!t && t.textContent.length > 0;",
        vec![],
    )
    .await;
    let placed = app
        .js("const t = document.querySelector('.cm-tooltip'); const b = t.getBoundingClientRect(); \
             return { inPane: !!t.closest('.editor-pane'), left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: innerWidth, height: innerHeight, text: t.textContent };")
        .await;
    let num = |k: &str| placed[k].as_f64().unwrap();
    assert!(
        placed["inPane"] == false
            && num("left") >= 0.0
            && num("right") <= num("width")
            && num("top") >= 0.0
            && num("bottom") <= num("height"),
        "the tooltip is in the page's own layer and inside the window: {placed}"
    );
    app.screenshot("03b-finding-tooltip").await;
    let away = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
        duration: None,
        x: 700.0,
        y: 400.0,
    });
    app.client.perform_actions(away).await.unwrap();
    app.click("[data-testid=tab-health]").await;
    app.wait_for_text(
        "[data-testid=health]",
        "User can filter results by date range",
    )
    .await;
    let before = health(&app).await;

    // The finding for AC-1's placeholder jumps to its line…
    const AC1: &str = "[data-testid=finding][data-rule=placeholder] .link-like";
    app.js(&format!("[...document.querySelectorAll('{AC1}')].find(b => b.textContent.includes('filter results by date')).click(); return true;"))
        .await;
    app.wait_until(
        "the cursor is on the finding's line",
        "const l = document.querySelector('.cm-activeLine'); return !!l && l.textContent.includes('filter results by date');",
        vec![],
    )
    .await;
    // …where the user writes the criterion over the line.
    let select_line: String = std::iter::repeat_n(
        format!(
            "{}{}{}",
            char::from(Key::Shift),
            char::from(Key::End),
            char::from(Key::Shift)
        ),
        4,
    )
    .collect();
    app.wait_for(".cm-content")
        .await
        .send_keys(&select_line)
        .await
        .unwrap();
    app.type_in_editor("- [ ] **AC-1**: Shoppers can filter their orders by date range")
        .await;

    // The finding is gone, fewer are listed, the score did not drop, and the
    // checklist shows the criterion.
    app.wait_until(
        "the AC-1 finding is gone",
        "return ![...document.querySelectorAll(arguments[0])].some(b => b.textContent.includes('filter results by date'));",
        vec![json!(AC1)],
    )
    .await;
    let after = health(&app).await;
    assert!(after.findings < before.findings, "{before:?} → {after:?}");
    assert!(after.score >= before.score, "{before:?} → {after:?}");
    app.click("[data-testid=tab-checklist]").await;
    app.wait_for_text(
        "[data-testid=checklist]",
        "Shoppers can filter their orders",
    )
    .await;
    app.screenshot("05b-health-fixed").await;
    app.quit().await;
}

#[derive(Debug)]
struct Health {
    findings: u64,
    score: u64,
}

/// The health panel's finding count and score (percent).
async fn health(app: &App) -> Health {
    let v = app
        .js("return [document.querySelectorAll('[data-testid=finding]').length, parseInt(document.querySelector('[data-testid=health-score]').textContent)];")
        .await;
    Health {
        findings: v[0].as_u64().unwrap(),
        score: v[1].as_u64().unwrap(),
    }
}

#[tokio::test]
async fn save_reopen_and_unsaved_changes_prompt() {
    let app = App::launch("files", &[]).await;
    let doc = app.dir.path().join("existing.md");
    std::fs::write(&doc, "# Existing spec\r\n\r\n- [ ] keep CRLF\r\n").unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "Existing spec")
        .await;
    app.wait_for_text("[data-testid=doc-name]", "existing.md")
        .await;

    // Open then save with no edit keeps every byte (CRLF included).
    app.shortcut('s').await;
    app.wait_for_text("[data-testid=toast]", "Saved existing.md")
        .await;
    assert_eq!(
        std::fs::read(&doc).unwrap(),
        b"# Existing spec\r\n\r\n- [ ] keep CRLF\r\n"
    );

    app.editor_to_end().await;
    app.type_in_editor("More text").await;
    app.wait_for("[data-testid=dirty-marker]").await;

    // Opening over unsaved changes asks first; Cancel keeps the document.
    app.click("[data-testid=toolbar-open]").await;
    app.wait_for_text("[data-testid=modal]", "Save changes?")
        .await;
    app.screenshot("06-unsaved-prompt").await;
    app.click("[data-testid=modal-cancel]").await;
    app.wait_for("[data-testid=dirty-marker]").await;

    // Another program changes the file while there are local edits: the app
    // notices and asks; keeping mine leaves the file on disk as it is.
    std::fs::write(&doc, "# Changed elsewhere\n").unwrap();
    app.wait_for_text("[data-testid=disk-changed-dialog]", "existing.md")
        .await;
    app.screenshot("07-changed-on-disk").await;
    app.click("[data-testid=disk-keep-mine]").await;
    app.wait_for("[data-testid=dirty-marker]").await;
    assert_eq!(
        std::fs::read_to_string(&doc).unwrap(),
        "# Changed elsewhere\n"
    );

    // "Don't save" discards and opens the other file.
    let other = app.dir.path().join("other.md");
    std::fs::write(&other, "# Other spec\n").unwrap();
    app.answer_open_with(&other);
    app.click("[data-testid=toolbar-open]").await;
    app.click("[data-testid=modal-discard]").await;
    app.wait_for_text("[data-testid=preview]", "Other spec")
        .await;

    // Reopen from the recent files on the start screen.
    app.click("[data-testid=toolbar-home]").await;
    app.wait_for_text("[data-testid=recent-list]", "existing.md")
        .await;
    app.screenshot("08-recent-files").await;
    app.click(&format!(
        "[data-testid=recent-list] [data-path='{}']",
        doc.display()
    ))
    .await;
    app.wait_for_text("[data-testid=preview]", "Changed elsewhere")
        .await;
    app.quit().await;
}

#[tokio::test]
async fn file_given_on_the_command_line_opens() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("launched.md");
    std::fs::write(&doc, "# Launched from the file manager\n\n- [ ] a\n").unwrap();
    let app = App::launch("launch", &[doc.to_str().unwrap()]).await;
    app.wait_for_text("[data-testid=preview]", "Launched from the file manager")
        .await;
    app.quit().await;
}

/// A web link in the preview opens in the desktop's browser (here a stand-in
/// `xdg-open` that writes down what it was given), never in the app's window, and
/// the browser does not get the painting switches Specwright set for itself on a
/// machine without a GPU (a WebKit browser would paint without its GPU).
#[tokio::test]
async fn a_web_link_opens_in_the_browser_without_the_apps_painting_switches() {
    let fake = tempfile::tempdir().unwrap();
    let opened = fake.path().join("opened.txt");
    let launcher = fake.path().join("xdg-open");
    std::fs::write(
        &launcher,
        format!(
            "#!/bin/sh\n{{ echo \"url=$1\"; env; }} > '{}.tmp' && mv '{0}.tmp' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(
        &launcher,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        fake.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let env: &'static [(&'static str, &'static str)] =
        Box::leak(Box::new([("PATH", &*Box::leak(path.into_boxed_str()))]));

    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("links.md");
    std::fs::write(
        &doc,
        "# Links\n\nSee [the design](https://example.com/design?x=1) for more.\n",
    )
    .unwrap();
    let app = App::launch_with_env("browser-link", &[doc.to_str().unwrap()], env).await;
    app.wait_for_text("[data-testid=preview]", "the design")
        .await;
    app.click("[data-testid=preview] a[href^='https://example.com']")
        .await;
    specwright_e2e::wait_until_true("the browser to be asked", || opened.exists()).await;
    let given = std::fs::read_to_string(&opened).unwrap();
    assert!(
        given.starts_with("url=https://example.com/design?x=1\n"),
        "{given}"
    );
    // Specwright paints on the CPU where there is no GPU render node (src-tauri/src/rendering.rs).
    let gpu = std::fs::read_dir("/dev/dri").is_ok_and(|d| {
        d.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    if !gpu && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        assert!(
            !given.contains("WEBKIT_DISABLE_COMPOSITING_MODE"),
            "{given}"
        );
        assert!(
            !given.contains("WEBKIT_SKIA_ENABLE_CPU_RENDERING"),
            "{given}"
        );
    }
    let location = app.js("return location.href;").await;
    assert!(
        matches!(&location, Value::String(s) if s.starts_with("tauri://") || s.contains("tauri.localhost")),
        "{location}"
    );
    app.quit().await;
}

const HOSTILE: &str = r##"# Hostile document

<script>window.__pwned = "script";</script>

<img src="x" onerror="window.__pwned = 'onerror'">

[click me](javascript:window.__pwned='link')

[data link](data:text/html,<script>parent.__pwned='data'</script>)

<svg><script>window.__pwned = "svg"</script><circle onload="window.__pwned='svg-onload'" r="5"/></svg>

<iframe src="javascript:parent.__pwned='iframe'"></iframe>

![remote](https://tracker.example.com/pixel.png)

<a href="#" onclick="window.__pwned='onclick'">handler link</a>

```mermaid
graph TD
  A[Start] --> B["<img src=x onerror=window.__pwned='mermaid'>"]
  click A call alert()
```

- [ ] still a normal task
"##;

#[tokio::test]
async fn hostile_document_runs_nothing() {
    let app = App::launch("hostile", &[]).await;
    let doc = app.dir.path().join("hostile.md");
    std::fs::write(&doc, HOSTILE).unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "still a normal task")
        .await;
    app.wait_for(".mermaid-diagram svg, .mermaid-error").await;

    // Click everything clickable in the preview.
    app.js("document.querySelectorAll('[data-testid=preview] a, [data-testid=preview] img').forEach(el => el.click()); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.screenshot("09-hostile").await;

    assert_eq!(
        app.js("return typeof window.__pwned;").await,
        json!("undefined")
    );
    let dangerous = app
        .js("const p = document.querySelector('[data-testid=preview]'); return p.querySelectorAll('script, iframe, [onerror], [onclick], [onload], a[href^=javascript], a[href^=data]').length;")
        .await;
    assert_eq!(dangerous, json!(0));
    let location = app.js("return location.href;").await;
    assert!(
        matches!(&location, Value::String(s) if s.starts_with("tauri://") || s.contains("tauri.localhost")),
        "{location}"
    );

    // Every export of it is inert too, and exporting runs nothing in the window.
    let html = std::fs::read_to_string(app.export_as("html", "hostile.html").await).unwrap();
    let lower = html.to_ascii_lowercase();
    for needle in ["<script", "<iframe", "<object", "<embed"] {
        assert!(!lower.contains(needle), "the HTML export holds {needle:?}");
    }
    // Inside tags (the Mermaid source shown as text may spell them, escaped).
    for tag in lower
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
    {
        for needle in [
            " onerror=",
            " onclick=",
            " onload=",
            "javascript:",
            "src=\"http",
            "url(http",
            "data:text/html",
        ] {
            assert!(!tag.contains(needle), "the HTML export has <{tag}>");
        }
    }
    assert!(html.contains("still a normal task"));
    let pdf = app.export_as("pdf", "hostile.pdf").await;
    let pdf_bytes = std::fs::read(&pdf).unwrap();
    assert!(pdf_bytes.starts_with(b"%PDF"));
    for needle in [
        &b"/JavaScript"[..],
        b"/JS ",
        b"/Launch",
        b"/URI (javascript",
    ] {
        assert!(
            !pdf_bytes.windows(needle.len()).any(|w| w == needle),
            "the PDF holds {}",
            String::from_utf8_lossy(needle)
        );
    }
    // The shared Markdown is the author's text (raw HTML stays text for the
    // reader's renderer to treat); what matters is that writing it ran nothing.
    let md = std::fs::read_to_string(app.export_as("md", "hostile.shared.md").await).unwrap();
    assert!(md.contains("still a normal task"));
    assert_eq!(
        app.js("return typeof window.__pwned;").await,
        json!("undefined"),
        "nothing ran while exporting"
    );
    app.quit().await;
}

async fn wait_file_contains(path: &std::path::Path, needle: &str) {
    let deadline = std::time::Instant::now() + specwright_e2e::TIMEOUT;
    loop {
        if std::fs::read_to_string(path).is_ok_and(|t| t.contains(needle)) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} never contained {needle:?}",
            path.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
