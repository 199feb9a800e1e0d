//! A text with no bracket before a caret is parsed without comrak's footnote
//! handling (`markdown::parse`); on every KEP and template that gives the tree
//! the parse with it gives: the same preview HTML and the same document model.

mod common;

use specwright_core::document::Document;
use specwright_core::markdown::{self, LineIndex};
use specwright_core::storage;

#[test]
fn every_fixture_parses_as_with_the_footnote_pass() {
    for path in common::all_documents() {
        let name = common::fixture_name(&path);
        let text = storage::read_document(&path).unwrap().text;
        let lines = LineIndex::new(&text);
        let (a, b) = (comrak::Arena::new(), comrak::Arena::new());
        let (fast, full) = (
            markdown::parse(&a, &text),
            markdown::parse_with_footnotes(&b, &text),
        );
        assert_eq!(
            markdown::render_html(fast),
            markdown::render_html(full),
            "{name}: the preview differs"
        );
        let model = |root| serde_json::to_string(&Document::from_ast(&text, &lines, root)).unwrap();
        assert_eq!(
            model(fast),
            model(full),
            "{name}: the document model differs"
        );
    }
}
