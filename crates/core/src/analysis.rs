//! One parse serves the preview HTML and the whole analysis.

use serde::{Deserialize, Serialize};

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

/// Parses `text` once and returns its preview, checklist, validation and outline.
pub fn analyze(text: &str, template: Option<&Template>) -> Analysis {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let lines = LineIndex::new(text);
    let doc = Document::from_ast(text, &lines, root);
    let html = markdown::render_html(root);
    let report = validate_document(text, &lines, &doc, template);
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
