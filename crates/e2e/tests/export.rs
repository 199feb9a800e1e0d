//! File → Export… on the real window: the dialog's pre-flight list, then PDF,
//! Markdown and HTML written by the scripted save dialog into the dialogs folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use specwright_e2e::{App, Key};

/// Where screenshots and the rendered PDF page go.
fn screenshots() -> PathBuf {
    specwright_e2e::screenshot_dir()
}

/// Presses Escape and waits for the export dialog to close.
async fn press_escape_to_close(app: &App) {
    app.wait_for(".cm-content")
        .await
        .send_keys(&char::from(Key::Escape).to_string())
        .await
        .unwrap();
    app.wait_until(
        "Escape closes the dialog",
        "return !document.querySelector('[data-testid=export-dialog]');",
        vec![],
    )
    .await;
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Renders page `page` of `pdf` as `screenshots/<name>.png` (60 dpi) to look at.
fn pdf_page_png(pdf: &Path, page: u32, name: &str) {
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", &page, "-l", &page, "-singlefile"])
        .arg(pdf)
        .arg(screenshots().join(name))
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
}

#[tokio::test]
async fn export_a_new_product_spec_as_pdf_markdown_and_html() {
    let app = App::launch("export", &[]).await;
    app.new_from_template("product-spec", "Export Test Spec", "Ada Lovelace")
        .await;
    app.wait_for_text("[data-testid=preview]", "Export Test Spec")
        .await;

    // The dialog: PDF by default, and what validation still finds.
    app.open_export_dialog().await;
    app.wait_for("[data-testid=export-finding]").await;
    let checked = app
        .js("return document.querySelector('[data-testid=export-format-pdf]').getAttribute('aria-checked');")
        .await;
    assert_eq!(checked, json!("true"), "PDF is the default format");
    app.wait_for_text("[data-testid=export-confirm]", "Export anyway")
        .await;
    app.wait_for_text("[data-testid=export-cancel]", "Go fix")
        .await;
    let listed = app
        .js("return document.querySelectorAll('[data-testid=export-finding]').length;")
        .await;
    assert!(
        listed.as_u64().unwrap_or(0) > 0,
        "pre-flight lists findings"
    );
    app.screenshot("20-export-dialog").await;

    // A finding jumps to its line: the dialog closes and the cursor is there.
    let line = app
        .js("return Number(document.querySelector('[data-testid=export-finding] [data-line]').dataset.line);")
        .await
        .as_u64()
        .expect("a finding names its line");
    app.click("[data-testid=export-finding] [data-line]").await;
    app.wait_until(
        "the finding closes the dialog",
        "return !document.querySelector('[data-testid=export-dialog]');",
        vec![],
    )
    .await;
    // At once, the toolbar opens it again.
    app.open_export_dialog().await;
    app.wait_until(
        "the cursor is on the finding's line",
        "const g = document.querySelector('.cm-lineNumbers .cm-activeLineGutter'); return !!g && g.textContent === String(arguments[0]);",
        vec![json!(line)],
    )
    .await;

    press_escape_to_close(&app).await;

    // Ctrl+Shift+E opens it too.
    app.chord(&[Key::Control, Key::Shift], 'e').await;
    app.wait_for("[data-testid=export-dialog]").await;
    app.wait_for("[data-testid=export-finding]").await;
    press_escape_to_close(&app).await;

    // PDF, anyway.
    app.open_export_dialog().await;
    // The export runs off the UI thread; the dialog shows progress meanwhile
    // (recorded as it happens: a fast export may be done before we look).
    app.js("window.__sawProgress = false; new MutationObserver(() => { const s = document.querySelector('[data-testid=export-status]'); if (s && s.textContent.includes('Exporting PDF')) window.__sawProgress = true; }).observe(document.body, { subtree: true, childList: true, characterData: true }); return true;")
        .await;
    app.click("[data-testid=export-confirm]").await;
    app.wait_until(
        "the dialog showed “Exporting PDF…”",
        "return window.__sawProgress === true;",
        vec![],
    )
    .await;
    app.screenshot("22-export-progress").await;
    app.wait_for_text("[data-testid=toast]", "Exported to export-test-spec.pdf")
        .await;
    app.screenshot("23-exported-toast").await;
    let pdf = app.dialogs().join("export-test-spec.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "{} is a PDF", pdf.display());
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Export Test Spec"),
        "the PDF shows the title:\n{text}"
    );
    pdf_page_png(&pdf, 1, "24-export-pdf-page1");

    // Markdown for sharing: guidance comments gone, unfilled placeholders flagged.
    let md = app.export_as("md", "export-test-spec.shared.md").await;
    let shared = std::fs::read_to_string(&md).unwrap();
    assert!(shared.contains("Export Test Spec"), "{shared}");
    assert!(!shared.contains("<!--"), "guidance comments removed");
    assert!(shared.contains("[TODO"), "unfilled parts are flagged");

    // Self-contained HTML, no script.
    let html = app.export_as("html", "export-test-spec.html").await;
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Export Test Spec"));
    assert!(!page.to_ascii_lowercase().contains("<script"), "no script");

    // The document itself is untouched: still untitled, no other file written.
    let mut written: Vec<_> = std::fs::read_dir(app.dialogs())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "export-test-spec.html",
            "export-test-spec.pdf",
            "export-test-spec.shared.md"
        ]
    );
    app.quit().await;
}

#[tokio::test]
async fn mermaid_diagrams_drawn_by_the_ui_go_into_pdf_and_html() {
    let app = App::launch("export-diagrams", &[]).await;
    app.new_from_template("technical-spec-evidence", "Diagram Export", "Grace Hopper")
        .await;
    app.wait_for("[data-testid=preview] .mermaid-diagram svg")
        .await;

    let html = app.export_as("html", "diagram-export.html").await;
    let page = std::fs::read_to_string(&html).unwrap();
    // The template has four Mermaid blocks; each is embedded as an SVG image.
    assert_eq!(
        page.matches("data:image/svg+xml;base64,").count(),
        4,
        "every diagram is embedded as SVG"
    );
    assert!(!page.contains("flowchart LR"), "drawn, not shown as source");
    assert!(!page.to_ascii_lowercase().contains("<script"), "no script");

    let pdf = app.export_as("pdf", "diagram-export.pdf").await;
    let text = pdf_text(&pdf);
    assert!(text.contains("Diagram Export"), "{text}");
    assert!(
        !text.contains("flowchart LR"),
        "diagrams are drawn, not shown as source"
    );
    // Typst keeps the SVG's labels as text: the page with the architecture
    // diagram is the one with its “API Service” box. Rendered to look at.
    let page = text
        .split('\u{c}')
        .position(|p| p.contains("API Service"))
        .expect("the flowchart's labels are in the PDF");
    let first = page as u32 + 1;
    pdf_page_png(&pdf, first, "25-export-pdf-diagram");
    let shown: Value = app
        .js("return document.querySelectorAll('[data-testid=toast]').length > 0;")
        .await;
    assert_eq!(shown, json!(true));
    app.screenshot("26-export-diagrams-toast").await;
    app.quit().await;
}
