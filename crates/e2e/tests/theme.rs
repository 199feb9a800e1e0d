//! Light and dark follow the desktop: the same spec on a light desktop and on a
//! dark one (GTK's theme, which WebKitGTK reports as `prefers-color-scheme`).

use serde_json::Value;
use specwright_e2e::App;

const SPEC: &str = "# Theme check\n\nSome **bold** text and `code`.\n\n- [ ] a task\n\n```mermaid\ngraph LR\n  A[Draft] --> B[Review]\n```\n";

/// Whether the desktop is dark, and the brightness (0 black – 1 white; luma of the sRGB values)
/// of the window's background, the editor's, the editor's text, the preview's text and a
/// Mermaid node's fill.
const COLOURS: &str = r#"
const lum = (css) => {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((v) => Number(v) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const style = (selector) => getComputedStyle(document.querySelector(selector));
return {
  dark: matchMedia("(prefers-color-scheme: dark)").matches,
  window: lum(style("body").backgroundColor),
  editor: lum(style(".cm-editor").backgroundColor),
  editorText: lum(style(".cm-content").color),
  preview: lum(style("[data-testid=preview]").color),
  diagramNode: lum(getComputedStyle(document.querySelector("[data-testid=preview] svg .node rect")).fill),
};
"#;

async fn colours_of(app: &App) -> Value {
    app.wait_for_text("[data-testid=preview]", "Theme check")
        .await;
    app.wait_for("[data-testid=preview] svg .node rect").await;
    app.js(COLOURS).await
}

fn lum(colours: &Value, part: &str) -> f64 {
    colours[part]
        .as_f64()
        .unwrap_or_else(|| panic!("{part}: {colours}"))
}

#[tokio::test]
async fn light_and_dark_follow_the_desktop() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("theme.md");
    std::fs::write(&doc, SPEC).unwrap();
    let doc = doc.to_str().unwrap();

    // Light pinned too: the display may be a developer's own, on a dark desktop.
    let app = App::launch_with_env("theme-light", &[doc], &[("GTK_THEME", "Adwaita")]).await;
    let light = colours_of(&app).await;
    app.quit().await;
    assert_eq!(light["dark"], false, "{light}");
    for part in ["window", "editor", "diagramNode"] {
        assert!(lum(&light, part) > 0.8, "light {part}: {light}");
    }
    for part in ["editorText", "preview"] {
        assert!(lum(&light, part) < 0.3, "light {part}: {light}");
    }

    let app = App::launch_with_env("theme-dark", &[doc], &[("GTK_THEME", "Adwaita:dark")]).await;
    let dark = colours_of(&app).await;
    app.screenshot("12-dark-theme").await;
    app.quit().await;
    assert_eq!(dark["dark"], true, "{dark}");
    for part in ["window", "editor", "diagramNode"] {
        assert!(lum(&dark, part) < 0.2, "dark {part}: {dark}");
    }
    for part in ["editorText", "preview"] {
        assert!(lum(&dark, part) > 0.7, "dark {part}: {dark}");
    }
}
