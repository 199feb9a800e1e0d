//! Mermaid diagrams rendered by the UI, passed to the exporters.
//!
//! The exporters never run Mermaid themselves: the UI renders each ```` ```mermaid ````
//! block to SVG (with `htmlLabels: false`, so labels are SVG text rather than
//! HTML in a `foreignObject`) and passes them keyed by the block's index among
//! the document's Mermaid blocks, in document order (0 is the first). A block
//! without an SVG is shown as its source.

use std::collections::BTreeMap;

use comrak::nodes::{AstNode, NodeValue};

/// Pre-rendered SVG diagrams, keyed by Mermaid block index.
pub type Diagrams = BTreeMap<usize, String>;

/// Whether a fenced code block's info string names Mermaid.
pub fn is_mermaid(info: &str) -> bool {
    info.split_whitespace()
        .next()
        .is_some_and(|lang| lang.eq_ignore_ascii_case("mermaid"))
}

/// The Mermaid code blocks of a parsed document, in document order: the index in
/// this list is the key of [`Diagrams`].
pub fn mermaid_blocks<'a>(root: &'a AstNode<'a>) -> Vec<&'a AstNode<'a>> {
    root.descendants()
        .filter(|n| matches!(&n.data().value, NodeValue::CodeBlock(c) if c.fenced && is_mermaid(&c.info)))
        .collect()
}

/// Whether an SVG refers to anything outside itself (a remote or local file
/// through `href`/`src`), which an offline, self-contained export must not load.
pub fn svg_has_external_refs(svg: &str) -> bool {
    let lower = svg.to_ascii_lowercase();
    ["href=\"", "href='", "src=\"", "src='"].iter().any(|attr| {
        lower.match_indices(attr).any(|(i, _)| {
            let value = &lower[i + attr.len()..];
            !(value.starts_with('#') || value.starts_with("data:"))
        })
    }) || lower.contains("@import")
        || lower.contains("url(http")
        || lower.contains("url('http")
        || lower.contains("url(\"http")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_info_strings() {
        assert!(is_mermaid("mermaid"));
        assert!(is_mermaid("Mermaid title=x"));
        assert!(!is_mermaid("rust"));
        assert!(!is_mermaid(""));
    }

    #[test]
    fn external_svg_references_are_seen() {
        assert!(!svg_has_external_refs(
            r##"<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/></svg>"##
        ));
        assert!(svg_has_external_refs(
            r#"<svg><image href="https://x/y.png"/></svg>"#
        ));
        assert!(svg_has_external_refs(
            r#"<svg><image xlink:href="a.png"/></svg>"#
        ));
    }
}
