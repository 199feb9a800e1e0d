//! Every KEP fixture and every built-in template typesets without error; the
//! PDF holds every heading's and every task item's text, and a sane number of
//! pages.

mod common;

use common::{documents, normalize, page_count, pdf, pdf_text};
use comrak::nodes::{AstNode, NodeValue};
use specwright_core::markdown;

/// The visible text of a node: text and code, no raw HTML (placeholders such
/// as `<name>` are dropped on both sides by [`normalize`]).
fn visible_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::HtmlInline(h) if specwright_core::placeholder::angle_tag(h).is_some() => {
                out.push_str(h)
            }
            _ => {}
        }
    }
    out
}

fn check(path: &std::path::Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let bytes = pdf(&text, path.parent());
    assert!(bytes.starts_with(b"%PDF-"), "{}", path.display());
    let got = normalize(&pdf_text(&bytes));
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, &text);
    for node in root.descendants() {
        let wanted = match &node.data().value {
            NodeValue::Heading(_) => visible_text(node),
            NodeValue::TaskItem(_) => match node.first_child() {
                Some(p) if matches!(p.data().value, NodeValue::Paragraph) => visible_text(p),
                _ => continue,
            },
            _ => continue,
        };
        let wanted = normalize(&wanted);
        assert!(
            got.contains(&wanted),
            "{}: line {}: {wanted:?} is not in the PDF",
            path.display(),
            node.data().sourcepos.start.line
        );
    }
    let pages = page_count(&bytes);
    let kb = text.len() / 1024;
    assert!(
        pages > 1 && pages < (5 * kb / 2).max(4),
        "{}: {pages} pages for {kb} KB",
        path.display()
    );
}

#[test]
fn every_fixture_and_template_typesets_with_its_text() {
    let docs = documents();
    assert!(docs.len() >= 31, "fixtures missing: {}", docs.len());
    // Two workers: the machine has two cores.
    let (a, b) = docs.split_at(docs.len() / 2);
    std::thread::scope(|s| {
        let first = s.spawn(|| a.iter().for_each(|p| check(p)));
        b.iter().for_each(|p| check(p));
        if let Err(e) = first.join() {
            std::panic::resume_unwind(e);
        }
    });
}
