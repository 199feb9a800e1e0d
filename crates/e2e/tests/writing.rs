//! The editor's tools in the real window: undo and redo, search and replace, the
//! outline, the view switches, the checklist panel's toggle and the split's divider.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use serde_json::json;
use specwright_e2e::{App, Key};

const SPEC: &str = "# Writing tools\n\n## Goals\n\nShip the checkout this quarter.\n\n## Risks\n\nThe colour of the button; the colour of the link.\n";

/// The editor's text, line breaks included, as `text()`.
const EDITOR_TEXT_FN: &str = "const text = () => [...document.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\\n');";

/// Width in CSS pixels of the element `arguments[0]` (0 when hidden).
const WIDTH: &str = "const el = document.querySelector(arguments[0]); return el ? el.getBoundingClientRect().width : -1;";

async fn width(app: &App, css: &str) -> f64 {
    let w = app.client.execute(WIDTH, vec![json!(css)]).await.unwrap();
    w.as_f64().unwrap()
}

/// Launches the app on a copy of [`SPEC`] and waits for its preview.
async fn open_spec(name: &str) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("writing.md");
    std::fs::write(&doc, SPEC).unwrap();
    let app = App::launch(name, &[doc.to_str().unwrap()]).await;
    app.wait_for_text("[data-testid=preview]", "colour of the button")
        .await;
    (app, dir)
}

#[tokio::test]
async fn undo_redo_search_and_replace_and_the_outline() {
    let (app, _dir) = open_spec("writing").await;

    // Typing, then Ctrl+Z: the text, the preview and the unsaved marker go back.
    app.editor_to_end().await;
    app.type_in_editor("A sentence to take back.").await;
    app.wait_for_text("[data-testid=preview]", "A sentence to take back")
        .await;
    app.wait_for("[data-testid=dirty-marker]:not([hidden])")
        .await;
    app.shortcut('z').await;
    app.wait_until(
        "the editor holds the text as it was opened",
        &format!("{EDITOR_TEXT_FN} return text() === arguments[0];"),
        vec![json!(SPEC)],
    )
    .await;
    app.wait_until(
        "the preview no longer shows the undone sentence",
        "return !document.querySelector('[data-testid=preview]').textContent.includes('take back');",
        vec![],
    )
    .await;
    app.wait_until(
        "back to the text on disk: no unsaved marker",
        "return document.querySelector('[data-testid=dirty-marker]').hidden;",
        vec![],
    )
    .await;
    // Ctrl+Shift+Z brings it back.
    app.chord(&[Key::Control, Key::Shift], 'z').await;
    app.wait_for_text("[data-testid=preview]", "A sentence to take back")
        .await;
    app.shortcut('z').await;

    // Ctrl+F: find "colour", replace every one with "color".
    app.shortcut('f').await;
    let search = app.wait_for(".cm-search input[name=search]").await;
    search.send_keys("colour").await.unwrap();
    let replace = app
        .client
        .find(Locator::Css(".cm-search input[name=replace]"))
        .await
        .unwrap();
    replace.send_keys("color").await.unwrap();
    app.screenshot("13-search-and-replace").await;
    app.click(".cm-search button[name=replaceAll]").await;
    app.wait_for_text(
        "[data-testid=preview]",
        "The color of the button; the color of the link",
    )
    .await;
    let text = app.js(&format!("{EDITOR_TEXT_FN} return text();")).await;
    assert!(!text.as_str().unwrap().contains("colour"), "{text}");
    app.click(".cm-search button[name=close]").await;

    // The outline lists the headings; a click puts the cursor on the heading's line.
    app.click("[data-testid=tab-outline]").await;
    app.wait_for_text("[data-testid=outline]", "Risks").await;
    app.js("[...document.querySelectorAll('[data-testid=outline] button')].find((b) => b.textContent === 'Risks').setAttribute('data-e2e', 'risks'); return true;")
        .await;
    app.click("[data-e2e=risks]").await;
    app.wait_until(
        "the cursor is on the Risks heading",
        "const l = document.querySelector('.cm-activeLine'); return !!l && l.textContent === '## Risks';",
        vec![],
    )
    .await;
    app.quit().await;
}

/// "Preview only" once showed an empty pane: the preview fell into the first
/// grid column, which that mode makes 0 px wide.
#[tokio::test]
async fn preview_only_shows_the_preview_and_each_view_switch_gives_its_pane_the_room() {
    let (app, _dir) = open_spec("views").await;
    // Editor only, preview only, both; the panel hides and comes back.
    let (editor, preview, panel) = (
        "[data-testid=editor-pane]",
        "[data-testid=preview-pane]",
        "[data-testid=side-panel]",
    );
    app.click("[data-testid=toolbar-view-editor]").await;
    assert_eq!(width(&app, preview).await, 0.0, "preview hidden");
    assert!(
        width(&app, editor).await > 500.0,
        "the editor takes the room"
    );
    app.click("[data-testid=toolbar-view-preview]").await;
    app.wait_for_text("[data-testid=preview-pane]", "colour of the button")
        .await;
    app.screenshot("15-preview-only").await;
    assert_eq!(width(&app, editor).await, 0.0, "editor hidden");
    assert!(
        width(&app, preview).await > 500.0,
        "the preview takes the room"
    );
    app.click("[data-testid=toolbar-view-split]").await;
    assert!(width(&app, editor).await > 200.0 && width(&app, preview).await > 200.0);
    app.click("[data-testid=toolbar-toggle-checklist]").await;
    assert_eq!(width(&app, panel).await, 0.0, "panel hidden");
    app.click("[data-testid=toolbar-toggle-checklist]").await;
    assert!(width(&app, panel).await > 100.0, "panel back");
    // The status bar's figures open the tab that explains them, the panel too.
    app.click("[data-testid=toolbar-toggle-checklist]").await;
    app.click("[data-testid=status-health]").await;
    assert!(width(&app, panel).await > 100.0, "panel opened");
    app.wait_for("[data-testid=tab-health][aria-selected=true]")
        .await;
    app.click("[data-testid=status-tasks]").await;
    app.wait_for("[data-testid=tab-checklist][aria-selected=true]")
        .await;
    app.quit().await;
}

/// Dragging the divider once selected the text of both panes.
#[tokio::test]
async fn dragging_the_divider_resizes_the_panes_without_selecting_text() {
    let (app, _dir) = open_spec("divider").await;
    let editor = "[data-testid=editor-pane]";
    // Dragging the divider 150 px to the left gives the preview that much room.
    let before = width(&app, editor).await;
    let bar = app
        .js("const b = document.querySelector('.splitter').getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2];")
        .await;
    let (x, y) = (bar[0].as_f64().unwrap(), bar[1].as_f64().unwrap());
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(200)),
            x: x - 150.0,
            y,
        })
        .then(PointerAction::Up { button: 0 });
    app.client.perform_actions(drag).await.unwrap();
    let after = width(&app, editor).await;
    assert!(
        (before - after - 150.0).abs() < 10.0,
        "the editor went from {before} to {after} px wide"
    );
    let selected = app.js("return getSelection().toString();").await;
    assert_eq!(selected, json!(""), "the drag selected no text");
    app.screenshot("14-split-moved").await;
    app.quit().await;
}

/// In the smallest window (720 × 480) no button's label breaks over two lines (a
/// group of buttons goes to a second row instead), the side panel gives up width
/// to the editor and preview, and a long title in the preview (and in the
/// template picker's) is set smaller.
#[tokio::test]
async fn a_narrow_window_keeps_every_button_on_one_line_and_narrows_the_panel() {
    let (app, _dir) = open_spec("narrow").await;
    let panel = "[data-testid=side-panel]";
    let wide = width(&app, panel).await;
    let title_size =
        "return parseFloat(getComputedStyle(document.querySelector('.preview h1')).fontSize);";
    let wide_title = app.js(title_size).await.as_f64().unwrap();
    app.client.set_window_size(720, 480).await.unwrap();
    app.wait_until(
        "the window to be 720 px wide",
        "return window.innerWidth <= 720;",
        vec![],
    )
    .await;
    let heights = app
        .js("return [...document.querySelectorAll('.toolbar button')].filter((b) => b.offsetParent).map((b) => b.getBoundingClientRect().height);")
        .await;
    let heights: Vec<f64> = heights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_f64().unwrap())
        .collect();
    let (low, high) = heights
        .iter()
        .fold((f64::MAX, 0.0f64), |(l, h), &x| (l.min(x), h.max(x)));
    assert!(
        heights.len() >= 10 && high - low < 1.0,
        "toolbar buttons of different heights (a label on two lines): {heights:?}"
    );
    let narrow = width(&app, panel).await;
    assert!(
        narrow < wide && narrow >= 219.0,
        "the panel went from {wide} to {narrow} px"
    );
    for pane in ["[data-testid=editor-pane]", "[data-testid=preview-pane]"] {
        assert!(width(&app, pane).await > 200.0, "{pane} keeps room to work");
    }
    let narrow_title = app.js(title_size).await.as_f64().unwrap();
    assert!(
        narrow_title < wide_title,
        "the preview's title: {wide_title} px wide, {narrow_title} px narrow"
    );
    app.screenshot("14b-narrow-window").await;
    // The template picker's preview too: its title a size smaller than 2em.
    app.click("[data-testid=toolbar-new]").await;
    app.wait_for("[data-testid=template-preview] h1").await;
    let ratio = app
        .js("const p = document.querySelector('[data-testid=template-preview]'); return parseFloat(getComputedStyle(p.querySelector('h1')).fontSize) / parseFloat(getComputedStyle(p).fontSize);")
        .await;
    assert!(
        ratio.as_f64().unwrap() < 1.8,
        "the picker's title is {ratio} em in a narrow dialog"
    );
    app.screenshot("14c-narrow-template-picker").await;
    app.quit().await;
}
