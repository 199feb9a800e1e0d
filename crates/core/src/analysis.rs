//! One parse serves the preview HTML and the whole analysis.

use comrak::nodes::AstNode;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::checklist::Checklist;
use crate::document::Document;
use crate::markdown::{self, LineIndex};
use crate::template::Template;
use crate::validate::{Report, validate_document};

/// A heading in the outline panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutlineEntry {
    pub level: u8,
    pub text: String,
    pub line: usize,
}

/// Everything the editor shows about a text snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Analysis {
    /// Preview HTML with `data-sourcepos`; raw HTML omitted, dangerous URLs dropped.
    pub html: String,
    pub checklist: Checklist,
    pub report: Report,
    pub outline: Vec<OutlineEntry>,
    pub word_count: usize,
}

/// Makes the preview HTML and the document model of a parsed document.
pub trait RenderPreview {
    fn render<'a>(
        &mut self,
        text: &str,
        lines: &LineIndex,
        root: &'a AstNode<'a>,
    ) -> (String, Document);
}

/// The whole document's HTML and model at once, its positions counted from the top.
#[derive(Debug, Clone, Copy, Default)]
pub struct WholeHtml;

impl RenderPreview for WholeHtml {
    fn render<'a>(
        &mut self,
        text: &str,
        lines: &LineIndex,
        root: &'a AstNode<'a>,
    ) -> (String, Document) {
        (
            markdown::render_html(root),
            Document::from_ast(text, lines, root),
        )
    }
}

/// Parses `text` once and returns its preview, checklist, validation and outline.
pub fn analyze(text: &str, template: Option<&Template>) -> Analysis {
    analyze_with(text, |_| template, &mut WholeHtml)
}

/// Like [`analyze`], validating against `template` if given, else against the
/// template the catalog recognises in the document — still with one parse.
pub fn analyze_recognising(text: &str, catalog: &Catalog, template: Option<&Template>) -> Analysis {
    analyze_with(
        text,
        |doc| template.or_else(|| catalog.recognise_document(doc)),
        &mut WholeHtml,
    )
}

/// A text with its line index and its parsed tree.
#[derive(Debug, Clone, Copy)]
pub struct Parsed<'t, 'a> {
    pub text: &'t str,
    pub lines: &'t LineIndex,
    pub root: &'a AstNode<'a>,
}

/// Like [`analyze_recognising`], for a text already parsed (as the live
/// document keeps it), with the preview and model made by `preview`.
pub fn analyze_recognising_parsed(
    parsed: Parsed<'_, '_>,
    catalog: &Catalog,
    template: Option<&Template>,
    preview: &mut impl RenderPreview,
) -> Analysis {
    analyze_parsed(
        parsed,
        |doc| template.or_else(|| catalog.recognise_document(doc)),
        preview,
    )
}

pub(crate) fn analyze_with<'t>(
    text: &str,
    choose: impl FnOnce(&Document) -> Option<&'t Template>,
    preview: &mut impl RenderPreview,
) -> Analysis {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let lines = LineIndex::new(text);
    analyze_parsed(
        Parsed {
            text,
            lines: &lines,
            root,
        },
        choose,
        preview,
    )
}

pub(crate) fn analyze_parsed<'t>(
    Parsed { text, lines, root }: Parsed<'_, '_>,
    choose: impl FnOnce(&Document) -> Option<&'t Template>,
    preview: &mut impl RenderPreview,
) -> Analysis {
    let (html, doc) = preview.render(text, lines, root);
    let template = choose(&doc);
    let report = validate_document(text, lines, &doc, template);
    let outline = doc
        .sections
        .iter()
        .map(|s| OutlineEntry {
            level: s.heading.level,
            text: s.heading.text.clone(),
            line: s.heading.line,
        })
        .collect();
    Analysis {
        html,
        checklist: Checklist::of(&doc),
        report,
        outline,
        word_count: doc.word_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pathological_documents_are_analysed_without_crashing() {
        let deep_quotes = format!("{} deep\n", ">".repeat(10_000));
        let deep_lists: String = (0..3_000)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect();
        let wide_table = format!("|{}|\n|{}|\n", "c|".repeat(5_000), "-|".repeat(5_000));
        let brackets = format!("{}{}\n", "[".repeat(50_000), "]".repeat(50_000));
        // A footnote definition with a 400 KB label.
        let carets = format!("{}]:\n", "[^".repeat(200_000));
        // comrak puts this table's cells inside the emoji.
        let split_character =
            "\n```\ncode\n```\n[ref]: /one\n---\né😀- item\n| a | b |\n|---|---|\n| 1 | 2 |\n"
                .to_owned();
        let fields = Document::parse(&split_character).0.fields;
        assert!(
            fields.iter().all(|f| f.value != "😀-"),
            "a value read from the line above its row: {fields:?}"
        );
        for text in [
            split_character,
            deep_quotes,
            deep_lists,
            wide_table,
            brackets,
            carets,
            String::new(),
            "\u{feff}".into(),
        ] {
            let a = analyze(&text, None);
            assert!(a.report.score >= 0.0 && a.report.score <= 1.0);
        }
    }

    #[test]
    fn recognises_the_template_in_the_same_parse() {
        let catalog = Catalog::builtin();
        let t = catalog.get("technical-spec-evidence").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        let text = crate::new_document(
            t,
            &crate::NewDocument {
                title: "X".into(),
                owner: None,
                today,
            },
        );
        let a = analyze_recognising(&text, &catalog, None);
        assert_eq!(
            a.report.template.as_deref(),
            Some("technical-spec-evidence")
        );
        let forced = analyze_recognising(&text, &catalog, catalog.get("product-spec"));
        assert_eq!(forced.report.template.as_deref(), Some("product-spec"));
    }

    #[test]
    fn preview_omits_raw_html_and_dangerous_links() {
        let a = analyze(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <svg onload=alert(1)>\n",
            None,
        );
        assert!(!a.html.contains("<script"));
        assert!(!a.html.contains("onerror"));
        assert!(!a.html.contains("onload"));
        assert!(!a.html.contains("javascript:"));
    }
}
