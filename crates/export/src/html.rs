//! One self-contained HTML file: stylesheet inline, images and diagrams inline
//! as `data:` URIs, no script and nothing loaded from anywhere.
//!
//! The body is comrak's safe HTML with the engine's options (raw HTML omitted,
//! dangerous URLs dropped). Images and Mermaid blocks are swapped for markers in
//! the AST before rendering and replaced by `<img>`/`<figure>` elements after;
//! [`check_self_contained`] then refuses any output with a script or a remote
//! resource.

use std::path::Path;

use base64::Engine as _;
use comrak::nodes::{AstNode, NodeValue};
use specwright_core::markdown;
use specwright_core::placeholder::angle_tag;

use crate::diagrams::{Diagrams, mermaid_blocks, svg_has_external_refs};
use crate::error::{ExportError, Result};
use crate::images;
use crate::meta::Metadata;

const STYLE: &str = include_str!("html.css");

/// Options of [`to_html`].
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlOptions<'a> {
    /// Folder that relative image paths are resolved against (the document's).
    pub base_dir: Option<&'a Path>,
    /// Mermaid diagrams pre-rendered as SVG, by block index.
    pub diagrams: Option<&'a Diagrams>,
}

/// What replaces a marker after rendering.
enum Embed {
    Image {
        alt: String,
        outcome: Result<images::LoadedImage, String>,
    },
    Diagram {
        svg: String,
    },
}

/// The document `text` as one self-contained HTML file.
pub fn to_html(text: &str, options: &HtmlOptions) -> Result<String> {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let (doc, _) = specwright_core::document::Document::parse(text);
    let meta = Metadata::of(&doc);
    // A marker no document contains: private-use characters around a number.
    let fence = ['\u{E000}', '\u{E001}', '\u{E002}', '\u{E003}']
        .into_iter()
        .find(|c| !text.contains(*c))
        .unwrap_or('\u{F8FF}');
    let mut embeds = Vec::new();
    for (index, block) in mermaid_blocks(root).into_iter().enumerate() {
        let Some(svg) = options.diagrams.and_then(|d| d.get(&index)) else {
            continue;
        };
        if svg_has_external_refs(svg) || !svg.contains("<svg") {
            continue; // shown as its source instead
        }
        let marker = format!("{fence}{}{fence}", embeds.len());
        embeds.push(Embed::Diagram { svg: svg.clone() });
        block.data_mut().value = NodeValue::Paragraph;
        block.append(arena.alloc(AstNode::from(NodeValue::Text(marker.into()))));
    }
    // `<name>` placeholders are text the reader must see, not HTML to omit.
    let placeholders: Vec<_> = root
        .descendants()
        .filter(|n| match &n.data().value {
            NodeValue::HtmlInline(h) => angle_tag(h).is_some(),
            NodeValue::HtmlBlock(h) => angle_tag(h.literal.trim()).is_some(),
            _ => false,
        })
        .collect();
    for node in placeholders {
        let value = node.data().value.clone();
        match value {
            NodeValue::HtmlInline(h) => node.data_mut().value = NodeValue::Text(h.into()),
            NodeValue::HtmlBlock(h) => {
                node.data_mut().value = NodeValue::Paragraph;
                let text = h.literal.trim().to_owned();
                node.append(arena.alloc(AstNode::from(NodeValue::Text(text.into()))));
            }
            _ => {}
        }
    }
    let image_nodes: Vec<_> = root
        .descendants()
        .filter(|n| matches!(n.data().value, NodeValue::Image(_)))
        .collect();
    for node in image_nodes {
        let url = match &node.data().value {
            NodeValue::Image(link) => link.url.clone(),
            _ => continue,
        };
        let alt = markdown::inline_text(node);
        let outcome = images::load(&url, options.base_dir);
        let marker = format!("{fence}{}{fence}", embeds.len());
        embeds.push(Embed::Image { alt, outcome });
        while let Some(child) = node.first_child() {
            child.detach();
        }
        node.data_mut().value = NodeValue::Text(marker.into());
    }

    let mut render_options = markdown::options();
    render_options.render.sourcepos = false;
    let mut body = String::new();
    // Writing into a String cannot fail.
    let _ = comrak::format_html(root, &render_options, &mut body);
    let body = replace_markers(&body, fence, &embeds);

    let mut html = String::with_capacity(body.len() + STYLE.len() + 512);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"generator\" content=\"Specwright\">\n<title>");
    html.push_str(&escape(&meta.title));
    html.push_str("</title>\n<style>\n");
    html.push_str(STYLE);
    html.push_str("</style>\n</head>\n<body>\n<main class=\"spec\">\n");
    html.push_str(&body);
    html.push_str("</main>\n</body>\n</html>\n");
    check_self_contained(&html)?;
    Ok(html)
}

fn replace_markers(body: &str, fence: char, embeds: &[Embed]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find(fence) {
        let after = &rest[start + fence.len_utf8()..];
        let Some(len) = after.find(fence) else { break };
        let Some(embed) = after[..len]
            .parse::<usize>()
            .ok()
            .and_then(|i| embeds.get(i))
        else {
            out.push_str(&rest[..start + fence.len_utf8()]);
            rest = after;
            continue;
        };
        let mut before = &rest[..start];
        let mut tail = &after[len + fence.len_utf8()..];
        // A diagram stands alone: drop the paragraph around its marker.
        if matches!(embed, Embed::Diagram { .. })
            && before.ends_with("<p>")
            && tail.starts_with("</p>")
        {
            before = &before[..before.len() - 3];
            tail = &tail[4..];
        }
        out.push_str(before);
        out.push_str(&render_embed(embed));
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn render_embed(embed: &Embed) -> String {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    match embed {
        Embed::Diagram { svg } => format!(
            "<figure class=\"diagram\"><img alt=\"Diagram\" src=\"data:image/svg+xml;base64,{}\"></figure>",
            b64(svg.as_bytes())
        ),
        Embed::Image {
            alt,
            outcome: Ok(image),
        } => format!(
            "<img alt=\"{}\" src=\"data:{};base64,{}\">",
            escape(alt),
            image.kind.mime(),
            b64(&image.bytes)
        ),
        Embed::Image {
            alt,
            outcome: Err(reason),
        } => format!(
            "<span class=\"missing-image\" title=\"{}\">[Image: {}; {}]</span>",
            escape(reason),
            escape(if alt.is_empty() {
                "no description"
            } else {
                alt
            }),
            escape(reason)
        ),
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Refuses HTML with a script, an event handler, or a resource (`src`, or `href`
/// outside `<a>`) that is not inline. Links to other sites are fine.
pub fn check_self_contained(html: &str) -> Result<()> {
    let lower = html.to_ascii_lowercase();
    let unsafe_html = |what: &str| {
        Err(ExportError::UnsafeHtml {
            what: what.to_owned(),
        })
    };
    if lower.contains("<script") {
        return unsafe_html("a <script> element");
    }
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let tag_text = &rest[open + 1..];
        let end = tag_text.find('>').unwrap_or(tag_text.len());
        let tag = &tag_text[..end];
        rest = &tag_text[end..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            continue;
        }
        for (attr, value) in attributes(tag) {
            if attr.starts_with("on") {
                return unsafe_html(&format!("an event handler ({attr}) on <{name}>"));
            }
            let resource = attr == "src"
                || attr == "srcset"
                || attr == "poster"
                || attr == "data"
                || (attr.ends_with("href") && name != "a");
            let value = value.trim();
            if resource && !(value.starts_with("data:") || value.starts_with('#')) {
                return unsafe_html(&format!("a reference to {value:?} in <{name}>"));
            }
            if attr.ends_with("href") && value.starts_with("javascript:") {
                return unsafe_html("a javascript: link");
            }
        }
    }
    Ok(())
}

/// The `name="value"` pairs of a tag's text (after its name).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].split_whitespace().last().unwrap_or("");
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                let close = body.find(q).unwrap_or(body.len());
                (&body[..close], &body[(close + 1).min(body.len())..])
            }
            _ => {
                let close = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..close], &after[close..])
            }
        };
        out.push((name, value));
        rest = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_scripts_never_come_through() {
        let html = to_html(
            "# T\n\n<script>alert(1)</script>\n\n<img src=\"https://x/y.png\" onerror=\"x()\">\n\n[ok](https://example.com) ![remote](https://x/y.png)\n",
            &HtmlOptions::default(),
        )
        .unwrap();
        assert!(!html.contains("<script"));
        assert!(html.contains("href=\"https://example.com\""));
        assert!(html.contains("remote image not included"));
        let html = to_html(
            "**Owner**: <name>\n\n<criterion>\n",
            &HtmlOptions::default(),
        )
        .unwrap();
        assert!(
            html.contains("&lt;name&gt;") && html.contains("<p>&lt;criterion&gt;</p>"),
            "{html}"
        );
        check_self_contained(&html).unwrap();
    }

    #[test]
    fn diagrams_are_inlined_and_sources_kept_without_one() {
        let text = "```mermaid\ngraph TD; A-->B\n```\n\n```mermaid\ngraph TD; C-->D\n```\n";
        let mut diagrams = Diagrams::new();
        diagrams.insert(
            1,
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>D</text></svg>".into(),
        );
        let html = to_html(
            text,
            &HtmlOptions {
                base_dir: None,
                diagrams: Some(&diagrams),
            },
        )
        .unwrap();
        assert!(html.contains("A--&gt;B"));
        assert!(!html.contains("C--&gt;D"));
        assert!(html.contains(
            "<figure class=\"diagram\"><img alt=\"Diagram\" src=\"data:image/svg+xml;base64,"
        ));
    }

    #[test]
    fn the_stylesheet_loads_nothing() {
        assert!(!STYLE.contains("url(") && !STYLE.contains("@import"));
    }

    #[test]
    fn the_check_refuses_remote_resources() {
        assert!(check_self_contained("<img src=\"http://x\">").is_err());
        assert!(check_self_contained("<link rel=stylesheet href=https://x>").is_err());
        assert!(check_self_contained("<a href=\"https://x\">x</a>").is_ok());
        assert!(check_self_contained("<p onclick=\"x()\">").is_err());
    }
}
