//! Comrak's AST → Typst markup.
//!
//! Text goes through [`escape::push_text`]; everything Typst must take as data
//! (code, URLs, languages, alt texts) is a string literal. Structure is written
//! with function calls (`#strong[…]`, `#list(…)`, `#table(…)`) rather than
//! Typst's own markup shorthands, so nothing depends on where a line starts.
//! The helpers called (`sw-task`, `sw-quote`, `sw-image`, …) are defined in
//! `style.typ`.

use std::collections::HashMap;
use std::path::Path;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use specwright_core::markdown::inline_text;
use specwright_core::placeholder::angle_tag;
use specwright_export::diagrams::{Diagrams, is_mermaid, svg_has_external_refs};

use crate::escape::{self, push_text, string};
use crate::images::Images;

/// Deeper block nesting than this is flattened to plain paragraphs: Typst (and
/// the reader) gain nothing from it, and it keeps recursion bounded.
const MAX_DEPTH: usize = 24;

/// Walks one document and writes its body as Typst markup.
pub struct Emitter<'a, 'o> {
    out: String,
    /// Heading anchors (`#some-heading`, GitHub's slugs) → label index.
    anchors: HashMap<String, usize>,
    /// Heading node → label index, in document order.
    heading_labels: HashMap<usize, usize>,
    footnotes: HashMap<String, &'a AstNode<'a>>,
    /// Footnote name → label index once emitted; `None` while being emitted.
    footnote_labels: HashMap<String, Option<usize>>,
    /// Heading levels are lowered by this much (the title H1 is the title block).
    level_shift: u8,
    /// The heading node shown as the title block, skipped in the body.
    title_node: Option<usize>,
    mermaid_index: usize,
    /// Heading labels linked to, and those written: a link to a heading that
    /// is not written (the title, or one flattened) gets an anchor at the end.
    linked: std::collections::BTreeSet<usize>,
    written: std::collections::HashSet<usize>,
    diagrams: Option<&'o Diagrams>,
    pub images: Images<'o>,
}

fn node_id(node: &AstNode<'_>) -> usize {
    node as *const AstNode<'_> as usize
}

impl<'a, 'o> Emitter<'a, 'o> {
    /// Prepares the walk of `root`: heading anchors, footnote definitions, and
    /// whether the first level-1 heading is the title.
    pub fn new(
        root: &'a AstNode<'a>,
        title_from_heading: bool,
        base_dir: Option<&'o Path>,
        diagrams: Option<&'o Diagrams>,
    ) -> Self {
        let mut anchors = HashMap::new();
        let mut heading_labels = HashMap::new();
        let mut footnotes = HashMap::new();
        let mut h1 = 0;
        let mut title_node = None;
        for node in root.descendants() {
            match &node.data().value {
                NodeValue::Heading(h) => {
                    let index = heading_labels.len();
                    heading_labels.insert(node_id(node), index);
                    let slug = github_slug(&inline_text(node));
                    let mut unique = slug.clone();
                    let mut n = 1;
                    while anchors.contains_key(&unique) {
                        unique = format!("{slug}-{n}");
                        n += 1;
                    }
                    anchors.insert(unique, index);
                    if h.level == 1 {
                        h1 += 1;
                        if title_node.is_none()
                            && node.parent().is_some_and(|p| p.parent().is_none())
                        {
                            title_node = Some(node_id(node));
                        }
                    }
                }
                NodeValue::FootnoteDefinition(def) => {
                    footnotes.entry(def.name.clone()).or_insert(node);
                }
                _ => {}
            }
        }
        let title_node = title_node.filter(|_| title_from_heading);
        let level_shift = u8::from(title_node.is_some() && h1 == 1);
        Self {
            out: String::new(),
            anchors,
            heading_labels,
            footnotes,
            footnote_labels: HashMap::new(),
            level_shift,
            title_node,
            mermaid_index: 0,
            linked: Default::default(),
            written: Default::default(),
            diagrams,
            images: Images::new(base_dir),
        }
    }

    /// Number of headings in the body (for deciding on a table of contents).
    pub fn body_headings(&self) -> usize {
        self.heading_labels.len() - usize::from(self.title_node.is_some())
    }

    /// Emits the whole document and returns the markup.
    pub fn document(mut self, root: &'a AstNode<'a>) -> (String, Images<'o>) {
        if let Some(title) = self.title_node.and_then(|t| self.heading_labels.get(&t)) {
            // Links to the title land on the top of the body.
            self.out
                .push_str(&format!("#metadata(none) {}\n", escape::label("h", *title)));
            self.written.insert(*title);
        }
        for child in root.children() {
            self.block(child, 0);
        }
        for i in self
            .linked
            .difference(&self.written.iter().copied().collect())
        {
            self.out
                .push_str(&format!("#metadata(none) {}\n", escape::label("h", *i)));
        }
        (self.out, self.images)
    }

    fn blocks(&mut self, parent: &'a AstNode<'a>, depth: usize) {
        for child in parent.children() {
            self.block(child, depth);
        }
    }

    fn block(&mut self, node: &'a AstNode<'a>, depth: usize) {
        if depth > MAX_DEPTH {
            let text = inline_text(node);
            if !text.trim().is_empty() {
                push_text(&mut self.out, &text);
                self.out.push_str("\n\n");
            }
            return;
        }
        let value = node.data().value.clone();
        match value {
            NodeValue::Document => self.blocks(node, depth),
            NodeValue::FrontMatter(_) | NodeValue::FootnoteDefinition(_) => {}
            NodeValue::Paragraph => {
                if let Some(image) = lone_image(node) {
                    self.image(image, true);
                } else {
                    self.inlines(node);
                }
                self.out.push_str("\n\n");
            }
            NodeValue::Heading(h) => {
                if self.title_node == Some(node_id(node)) {
                    return;
                }
                let level = h.level.saturating_sub(self.level_shift).max(1);
                self.out.push_str(&format!("#heading(level: {level})["));
                self.inlines(node);
                self.out.push(']');
                if let Some(i) = self.heading_labels.get(&node_id(node)) {
                    self.written.insert(*i);
                    self.out.push(' ');
                    self.out.push_str(&escape::label("h", *i));
                }
                self.out.push_str("\n\n");
            }
            NodeValue::ThematicBreak => self.out.push_str("#sw-rule()\n\n"),
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.out.push_str("#sw-quote[");
                self.blocks(node, depth + 1);
                self.out.push_str("]\n\n");
            }
            NodeValue::CodeBlock(code) => {
                if code.fenced && is_mermaid(&code.info) && self.diagram() {
                    return;
                }
                let lang = code_lang(&code.info);
                self.out.push_str("#sw-code(");
                self.out
                    .push_str(&string(code.literal.trim_end_matches(['\n', '\r'])));
                if let Some(lang) = lang {
                    self.out.push_str(", lang: ");
                    self.out.push_str(&string(&lang));
                }
                self.out.push_str(")\n\n");
            }
            NodeValue::HtmlBlock(html) => {
                // `<criterion>` alone on a line: a placeholder, shown as text.
                if let Some(p) = angle_tag(html.literal.trim()) {
                    push_text(&mut self.out, p);
                    self.out.push_str("\n\n");
                    return;
                }
                // Raw HTML is never embedded: keep only the text between tags.
                let text = strip_tags(&html.literal);
                if !text.trim().is_empty() {
                    push_text(&mut self.out, text.trim());
                    self.out.push_str("\n\n");
                }
            }
            NodeValue::List(list) => self.list(node, &list, depth),
            NodeValue::Item(_) | NodeValue::TaskItem(_) => self.item_body(node, depth),
            NodeValue::Table(table) => {
                self.table(node, &table.alignments, table.num_columns, depth)
            }
            _ => {
                // Description lists, alerts and anything newer: their blocks.
                if node.first_child().is_some() {
                    self.blocks(node, depth + 1);
                } else {
                    let text = inline_text(node);
                    push_text(&mut self.out, &text);
                    self.out.push_str("\n\n");
                }
            }
        }
    }

    /// A Mermaid block: the pre-rendered SVG if there is a usable one.
    fn diagram(&mut self) -> bool {
        let index = self.mermaid_index;
        self.mermaid_index += 1;
        let Some(svg) = self.diagrams.and_then(|d| d.get(&index)) else {
            return false;
        };
        if svg_has_external_refs(svg) {
            return false;
        }
        match self.images.diagram(index, svg) {
            Some(path) => {
                self.out
                    .push_str(&format!("#sw-diagram({})\n\n", string(&path)));
                true
            }
            None => false,
        }
    }

    fn list(&mut self, node: &'a AstNode<'a>, list: &comrak::nodes::NodeList, depth: usize) {
        let items: Vec<_> = node.children().collect();
        let all_tasks = !items.is_empty()
            && items
                .iter()
                .all(|i| matches!(i.data().value, NodeValue::TaskItem(_)));
        if all_tasks {
            for item in items {
                let done =
                    matches!(&item.data().value, NodeValue::TaskItem(t) if t.symbol.is_some());
                self.out
                    .push_str(&format!("#sw-task({done}, tight: {})[", list.tight));
                self.item_body(item, depth + 1);
                self.out.push_str("]\n");
            }
            self.out.push('\n');
            return;
        }
        match list.list_type {
            ListType::Bullet => self.out.push_str(&format!("#list(tight: {}", list.tight)),
            ListType::Ordered => self.out.push_str(&format!(
                "#enum(tight: {}, start: {}",
                list.tight,
                list.start.min(1_000_000_000)
            )),
        }
        for item in items {
            self.out.push_str(", [");
            if let NodeValue::TaskItem(t) = &item.data().value {
                self.out
                    .push_str(&format!("#sw-box({}) ", t.symbol.is_some()));
            }
            self.item_body(item, depth + 1);
            self.out.push(']');
        }
        self.out.push_str(")\n\n");
    }

    /// An item's blocks; a tight item's paragraphs are not separated by breaks.
    fn item_body(&mut self, item: &'a AstNode<'a>, depth: usize) {
        let children: Vec<_> = item.children().collect();
        let n = children.len();
        for (i, child) in children.into_iter().enumerate() {
            self.block(child, depth);
            if i + 1 == n {
                // No break after the last block inside the brackets.
                while self.out.ends_with('\n') {
                    self.out.pop();
                }
            }
        }
    }

    fn table(
        &mut self,
        node: &'a AstNode<'a>,
        aligns: &[TableAlignment],
        columns: usize,
        depth: usize,
    ) {
        let columns = columns.max(1);
        let rows: Vec<_> = node.children().collect();
        // Column widths in proportion to their text, within bounds.
        let mut weights = vec![3usize; columns];
        for row in &rows {
            for (i, cell) in row.children().take(columns).enumerate() {
                let len = inline_text(cell).chars().count().clamp(3, 40);
                weights[i] = weights[i].max(len);
            }
        }
        let cols: Vec<String> = weights.iter().map(|w| format!("{w}fr")).collect();
        let align: Vec<&str> = (0..columns)
            .map(|i| match aligns.get(i) {
                Some(TableAlignment::Center) => "center",
                Some(TableAlignment::Right) => "right",
                _ => "left",
            })
            .collect();
        self.out.push_str(&format!(
            "#sw-table(columns: ({},), align: ({},)",
            cols.join(", "),
            align.join(", ")
        ));
        for (r, row) in rows.iter().enumerate() {
            let header = matches!(row.data().value, NodeValue::TableRow(true)) && r == 0;
            if header {
                self.out.push_str(", table.header(");
            }
            let mut count = 0;
            for cell in row.children().take(columns) {
                self.out
                    .push_str(if header && count == 0 { "[" } else { ", [" });
                if depth > MAX_DEPTH {
                    push_text(&mut self.out, &inline_text(cell));
                } else {
                    self.inlines(cell);
                }
                self.out.push(']');
                count += 1;
            }
            while count < columns {
                self.out
                    .push_str(if header && count == 0 { "[]" } else { ", []" });
                count += 1;
            }
            if header {
                self.out.push(')');
            }
        }
        self.out.push_str(")\n\n");
    }

    fn inlines(&mut self, parent: &'a AstNode<'a>) {
        for child in parent.children() {
            self.inline(child);
        }
    }

    fn inline(&mut self, node: &'a AstNode<'a>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(t) => push_text(&mut self.out, &t),
            NodeValue::SoftBreak => self.out.push(' '),
            NodeValue::LineBreak => self.out.push_str("#linebreak()"),
            NodeValue::Code(c) => {
                self.out.push_str("#raw(");
                self.out.push_str(&string(&c.literal));
                self.out.push(')');
            }
            NodeValue::Emph => self.wrap("#emph[", node),
            NodeValue::Strong => self.wrap("#strong[", node),
            NodeValue::Strikethrough => self.wrap("#strike[", node),
            NodeValue::Superscript => self.wrap("#super[", node),
            NodeValue::Subscript => self.wrap("#sub[", node),
            NodeValue::Highlight => self.wrap("#highlight[", node),
            NodeValue::Underline | NodeValue::Insert => self.wrap("#underline[", node),
            NodeValue::Link(link) => self.link(node, &link.url),
            NodeValue::Image(_) => self.image(node, false),
            NodeValue::FootnoteReference(r) => self.footnote(&r.name),
            NodeValue::HtmlInline(html) => {
                if html.starts_with("<!--") {
                } else if let Some(p) = angle_tag(&html) {
                    // `<name>` placeholders are text the writer must see.
                    push_text(&mut self.out, p);
                } else if is_br(&html) {
                    self.out.push_str("#linebreak()");
                }
            }
            NodeValue::Raw(_) => {}
            _ => {
                if node.first_child().is_some() {
                    self.inlines(node);
                } else {
                    push_text(&mut self.out, &inline_text(node));
                }
            }
        }
    }

    fn wrap(&mut self, open: &str, node: &'a AstNode<'a>) {
        self.out.push_str(open);
        self.inlines(node);
        self.out.push(']');
    }

    fn link(&mut self, node: &'a AstNode<'a>, url: &str) {
        let target = if let Some(anchor) = url.strip_prefix('#') {
            self.anchors.get(&anchor.to_lowercase()).map(|i| {
                self.linked.insert(*i);
                escape::label("h", *i)
            })
        } else if is_safe_url(url) {
            Some(string(url))
        } else {
            None
        };
        match target {
            Some(target) => {
                self.out.push_str(&format!("#link({target})["));
                if node.first_child().is_some() {
                    self.inlines(node);
                } else {
                    push_text(&mut self.out, url);
                }
                self.out.push(']');
            }
            None => self.inlines(node),
        }
    }

    fn image(&mut self, node: &'a AstNode<'a>, block: bool) {
        let url = match &node.data().value {
            NodeValue::Image(link) => link.url.clone(),
            _ => return,
        };
        let alt = inline_text(node);
        match self.images.image(&url) {
            Ok(path) => self.out.push_str(&format!(
                "#sw-image({}, alt: {}, block: {block})",
                string(&path),
                string(&alt)
            )),
            Err(reason) => self.out.push_str(&format!(
                "#sw-missing({}, {})",
                string(&alt),
                string(&reason)
            )),
        }
    }

    fn footnote(&mut self, name: &str) {
        match self.footnote_labels.get(name) {
            Some(Some(i)) => {
                self.out
                    .push_str(&format!("#footnote({})", escape::label("fn", *i)));
                return;
            }
            Some(None) => return, // a footnote citing itself
            None => {}
        }
        let Some(def) = self.footnotes.get(name).copied() else {
            return;
        };
        let index = self.footnote_labels.len();
        self.footnote_labels.insert(name.to_owned(), None);
        self.out.push_str("#footnote[");
        self.item_body(def, MAX_DEPTH - 4);
        self.out.push_str("] ");
        self.out.push_str(&escape::label("fn", index));
        self.footnote_labels.insert(name.to_owned(), Some(index));
    }
}

/// The image of a paragraph that holds nothing else.
fn lone_image<'a>(para: &'a AstNode<'a>) -> Option<&'a AstNode<'a>> {
    let mut children = para.children().filter(|c| {
        !matches!(&c.data().value, NodeValue::Text(t) if t.trim().is_empty())
            && !matches!(c.data().value, NodeValue::SoftBreak)
    });
    let first = children.next()?;
    (children.next().is_none() && matches!(first.data().value, NodeValue::Image(_)))
        .then_some(first)
}

/// GitHub's heading anchor: lower case, spaces to `-`, other punctuation dropped.
pub fn github_slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// A fenced block's language for highlighting, if it names a plausible one.
fn code_lang(info: &str) -> Option<String> {
    let lang = info
        .split_whitespace()
        .next()?
        .trim_matches(['{', '}', '.']);
    let ok = !lang.is_empty()
        && lang.len() <= 32
        && lang
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c));
    ok.then(|| lang.to_ascii_lowercase())
}

/// Links that may be followed from a PDF: web, mail and relative ones.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let refused = ["javascript:", "vbscript:", "data:", "file:"];
    !url.trim().is_empty() && !refused.iter().any(|p| lower.starts_with(p))
}

fn is_br(html: &str) -> bool {
    let t = html
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    t.eq_ignore_ascii_case("br")
}

/// The text of an HTML block with comments and tags removed.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
        } else if lower.starts_with("<script") || lower.starts_with("<style") {
            // Code and styles are not text: skip to the end of the element.
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            rest = rest
                .to_ascii_lowercase()
                .find(close)
                .and_then(|i| rest[i..].find('>').map(|j| &rest[i + j + 1..]))
                .unwrap_or("");
        } else if rest.starts_with('<') {
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            out.push(' ');
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            out.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        assert_eq!(
            github_slug("Release Signoff Checklist"),
            "release-signoff-checklist"
        );
        assert_eq!(github_slug("2) Goals & Non-Goals"), "2-goals--non-goals");
    }

    #[test]
    fn html_blocks_keep_only_their_text() {
        assert_eq!(
            strip_tags("<details><summary>More &amp; less</summary>"),
            "More & less"
        );
        assert_eq!(strip_tags("<!-- toc -->"), "");
        assert_eq!(
            strip_tags("<SCRIPT>alert(1)</script>after<style>p{}</style>"),
            "after"
        );
    }

    #[test]
    fn code_languages() {
        assert_eq!(code_lang("rust ignore").as_deref(), Some("rust"));
        assert_eq!(code_lang("{.python}").as_deref(), Some("python"));
        assert_eq!(code_lang("\"><x"), None);
    }
}
