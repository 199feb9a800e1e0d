//! The document model: one walk over comrak's AST that records everything the
//! product needs — sections, task items, fields, placeholders and paragraphs —
//! each with a byte range into the original text. Nothing here ever re-serialises
//! the document: edits are splices on the original text at these ranges.
//!
//! Code blocks and HTML comments are never entered, so a `#` or `- [ ]` inside
//! them is neither a heading nor a task.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};
use serde::Serialize;

use crate::markdown::{LineIndex, inline_text};
use crate::placeholder::{self, Placeholder};

mod blocks;

pub(crate) use blocks::{BlockFacts, ModelBuilder};

/// A document heading (only headings at the top level of the document are sections).
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    /// The heading's inline text, as a reader sees it.
    pub text: String,
    pub line: usize,
    pub column: usize,
    /// Byte range of the whole heading (its line for ATX headings).
    pub range: Range<usize>,
}

/// A section: a heading and the blocks up to the next heading of any level
/// (its own body); `end` extends to the next heading of the same or higher level.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub heading: Heading,
    /// Index of the enclosing section, if any.
    pub parent: Option<usize>,
    /// Byte range of the section's own body (after the heading, before the next heading).
    pub body: Range<usize>,
    /// Byte offset where the section with all its subsections ends.
    pub end: usize,
    /// Number of content blocks in the own body (comments and rules do not count).
    pub content_blocks: usize,
}

/// A GFM task item.
#[derive(Debug, Clone, Serialize)]
pub struct TaskItem {
    pub line: usize,
    /// 1-based byte column where the item (its list marker) starts.
    pub column: usize,
    /// Byte range of the whole item, nested items included.
    pub range: Range<usize>,
    pub checked: bool,
    /// The item's text (first paragraph).
    pub text: String,
    /// Byte offset of the character between the brackets.
    pub symbol_offset: usize,
    /// Index of the section the item sits in.
    pub section: Option<usize>,
}

/// Where a field was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// `**Label**: value` or `**Label:** value` at the start of a line.
    BoldLabel,
    /// A row of a two-column table: `| **Label** | value |`.
    TableRow,
    /// A top-level `key: value` line of the YAML front matter.
    FrontMatter,
}

/// A labelled value, such as `**Status**: draft`.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    /// The value as written in the source, trimmed.
    pub value: String,
    /// Byte range of the value in the original text.
    pub value_range: Range<usize>,
    /// 1-based line and byte column of the value.
    pub line: usize,
    pub column: usize,
    pub kind: FieldKind,
    pub section: Option<usize>,
}

/// A top-level paragraph, for rules about prose (the evidence rule).
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub line: usize,
    pub end_line: usize,
    /// Every line of the paragraph is a bold-label field.
    pub only_fields: bool,
    pub section: Option<usize>,
}

/// The front matter block, with YAML validity.
#[derive(Debug, Clone, Serialize)]
pub struct FrontMatter {
    pub range: Range<usize>,
    /// The YAML error, if the front matter does not parse.
    pub error: Option<String>,
    /// The `template:` key, if present.
    pub template: Option<String>,
}

/// Everything the engine knows about one document, from one parse.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    pub sections: Vec<Section>,
    pub tasks: Vec<TaskItem>,
    pub fields: Vec<Field>,
    pub placeholders: Vec<Placeholder>,
    pub paragraphs: Vec<Paragraph>,
    pub front_matter: Option<FrontMatter>,
    /// Byte ranges of HTML comment blocks (template guidance in comments).
    pub comments: Vec<Range<usize>>,
    /// Words of prose (outside code blocks, comments and front matter).
    pub word_count: usize,
    /// Byte range of the text before the first heading (after front matter).
    pub preamble: Range<usize>,
}

impl Document {
    /// Parses `text` and builds its model.
    pub fn parse(text: &str) -> (Self, LineIndex) {
        let arena = comrak::Arena::new();
        let root = crate::markdown::parse(&arena, text);
        let lines = LineIndex::new(text);
        (Self::from_ast(text, &lines, root), lines)
    }

    /// Builds the model of `text` from its parsed `root`.
    pub fn from_ast<'a>(text: &str, lines: &LineIndex, root: &'a AstNode<'a>) -> Self {
        let mut model = ModelBuilder::new(text, lines);
        for child in root.children() {
            model.add(child);
        }
        model.finish()
    }

    /// Index of the innermost section containing byte `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let i = self
            .sections
            .partition_point(|s| s.heading.range.start <= offset);
        i.checked_sub(1)
    }

    /// The section's own body with HTML comments removed and whitespace collapsed:
    /// what "unchanged guidance" is compared on.
    pub fn normalized_body(&self, text: &str, section: usize) -> String {
        normalized_range(text, self.sections[section].body.clone(), &self.comments)
    }

    /// Whether the section's own body, normalized as [`normalized_body`](Self::normalized_body)
    /// makes it, is `expected` (itself normalized so): compared word by word, up
    /// to the first that differs — each keystroke compares every section.
    pub fn body_is(&self, text: &str, section: usize, expected: &str) -> bool {
        words_in(text, self.sections[section].body.clone(), &self.comments).eq(expected.split(' '))
    }

    /// The preamble (before the first heading) normalized like a section body.
    pub fn normalized_preamble(&self, text: &str) -> String {
        normalized_range(text, self.preamble.clone(), &self.comments)
    }
}

fn normalized_range(text: &str, range: Range<usize>, comments: &[Range<usize>]) -> String {
    words_in(text, range, comments)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text[range]` outside `comments`, in order; thematic breaks
/// between sections (`---`, `***`, `___`) are layout, not content, and left out.
fn words_in<'t>(
    text: &'t str,
    range: Range<usize>,
    comments: &[Range<usize>],
) -> impl Iterator<Item = &'t str> {
    let mut gaps = Vec::new();
    let mut pos = range.start;
    let first = comments.partition_point(|c| c.end <= range.start);
    for c in &comments[first..] {
        if c.start >= range.end {
            break;
        }
        gaps.push(pos..c.start.max(pos));
        pos = c.end.min(range.end);
    }
    gaps.push(pos.min(range.end)..range.end);
    gaps.into_iter()
        .flat_map(move |gap| text[gap].split_whitespace())
        .filter(|w| !(w.len() >= 3 && w.chars().all(|c| c == '-' || c == '*' || c == '_')))
}

struct Walker<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    doc: Document,
    current: Option<usize>,
    /// Stack of open section indices, by level.
    open: Vec<usize>,
}

impl<'t> Walker<'t> {
    /// The node's bytes, widened to whole characters: comrak's columns can fall
    /// inside one (a table cell after `é😀` in the row before, for one).
    fn range_of<'a>(&self, node: &'a AstNode<'a>) -> Range<usize> {
        let pos = node.data().sourcepos;
        let mut start = self.lines.at(pos.start);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = self.lines.after(pos.end).max(start);
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// Opens the section of heading `node` (of `level`, at `range`, reading
    /// `text`); what is in the heading's text is added apart.
    fn open_section<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        level: u8,
        range: Range<usize>,
        text: String,
    ) {
        let index = self.doc.sections.len();
        while let Some(&top) = self.open.last() {
            if self.doc.sections[top].heading.level >= level {
                self.open.pop();
                self.doc.sections[top].end = range.start;
            } else {
                break;
            }
        }
        if let Some(prev) = self.current {
            self.doc.sections[prev].body.end = range.start;
        }
        let line = node.data().sourcepos.start.line;
        // A heading's placeholders count too ("# Product Spec 2: [Feature Name]").
        self.current = Some(index);
        self.doc.sections.push(Section {
            heading: Heading {
                level,
                text,
                line,
                column: node.data().sourcepos.start.column,
                range: range.clone(),
            },
            parent: self.open.last().copied(),
            body: range.end..self.text.len(),
            end: self.text.len(),
            content_blocks: 0,
        });
        self.open.push(index);
    }

    fn finish(mut self) -> Document {
        self.doc.placeholders.sort_by_key(|p| p.range.start);
        self.doc
    }

    fn front_matter(&mut self, range: Range<usize>) {
        let raw = &self.text[range.clone()];
        // Strip the delimiter lines to get the YAML.
        let mut lines = raw.split_inclusive('\n');
        let first = lines.next().unwrap_or("");
        let mut offset = range.start + first.len();
        let mut yaml = String::new();
        let mut template = None;
        for line in lines {
            let trimmed = line.trim_end();
            if trimmed == "---" || trimmed == "..." {
                break;
            }
            yaml.push_str(line);
            if let Some((key, value)) = top_level_pair(trimmed) {
                let value_start = offset + (value.as_ptr() as usize - trimmed.as_ptr() as usize);
                let value_range = value_start..value_start + value.len();
                let (line_no, _) = self.lines.line_col(offset);
                if key == "template" {
                    template = Some(unquote(value).to_owned());
                }
                self.doc.fields.push(Field {
                    label: key.to_owned(),
                    value: value.to_owned(),
                    value_range: value_range.clone(),
                    line: line_no,
                    column: value_start - offset + 1,
                    kind: FieldKind::FrontMatter,
                    section: None,
                });
            }
            placeholder::scan(
                self.text,
                offset..offset + trimmed.len(),
                self.lines,
                None,
                &mut self.doc.placeholders,
            );
            offset += line.len();
        }
        let error = match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&yaml) {
            Ok(serde_yaml_ng::Value::Mapping(_)) | Ok(serde_yaml_ng::Value::Null) => None,
            Ok(_) => Some("front matter must be a list of `key: value` lines".to_owned()),
            Err(e) => Some(e.to_string()),
        };
        self.doc.front_matter = Some(FrontMatter {
            range,
            error,
            template,
        });
    }

    /// Visits a block and everything inside it, in document order. Iterative, so
    /// 10,000 nested quotes or lists cannot overflow the stack.
    fn walk_block<'a>(&mut self, node: &'a AstNode<'a>) {
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            let descend = match &node.data().value {
                NodeValue::CodeBlock(_) | NodeValue::FrontMatter(_) | NodeValue::ThematicBreak => {
                    false
                }
                NodeValue::HtmlBlock(html) => {
                    if html.literal.trim_start().starts_with("<!--") {
                        self.doc.comments.push(self.range_of(node));
                    }
                    false
                }
                NodeValue::Paragraph => {
                    self.paragraph(node, false);
                    false
                }
                NodeValue::Heading(_) | NodeValue::TableCell => {
                    self.inlines(node);
                    false
                }
                NodeValue::TaskItem(task) => {
                    let symbol_offset = self.lines.at(task.symbol_sourcepos.start);
                    let text = node
                        .children()
                        .find(|c| matches!(c.data().value, NodeValue::Paragraph))
                        .map(|p| inline_text(p).trim().to_owned())
                        .unwrap_or_default();
                    self.doc.tasks.push(TaskItem {
                        line: node.data().sourcepos.start.line,
                        column: node.data().sourcepos.start.column,
                        range: self.range_of(node),
                        checked: task.symbol.is_some(),
                        text,
                        symbol_offset,
                        section: self.current,
                    });
                    true
                }
                NodeValue::Table(table) if table.num_columns == 2 => {
                    for row in node.children() {
                        self.table_row(row);
                    }
                    false
                }
                _ => true,
            };
            if descend {
                let first = stack.len();
                stack.extend(node.children());
                stack[first..].reverse();
            }
        }
    }

    fn table_row<'a>(&mut self, row: &'a AstNode<'a>) {
        let mut cells = row.children();
        let (Some(label_cell), Some(value_cell)) = (cells.next(), cells.next()) else {
            return;
        };
        let label = inline_text(label_cell)
            .trim()
            .trim_end_matches(':')
            .to_owned();
        let range = self.range_of(value_cell);
        let raw = &self.text[range.clone()];
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '|');
        let start = range.start + (trimmed.as_ptr() as usize - raw.as_ptr() as usize);
        // comrak places the header row of a table that interrupts a paragraph on
        // the paragraph's first line: a row whose line has no `|` is not where
        // comrak says, and its value is not a field to fill or replace.
        let row_line = self
            .lines
            .line_range(self.text, row.data().sourcepos.start.line);
        let in_place = self.text[row_line].contains('|');
        if !label.is_empty() && in_place {
            self.doc.fields.push(Field {
                label,
                value: trimmed.to_owned(),
                value_range: start..start + trimmed.len(),
                line: row.data().sourcepos.start.line,
                column: self.lines.line_col(start).1,
                kind: FieldKind::TableRow,
                section: self.current,
            });
        }
        self.inlines(label_cell);
        self.inlines(value_cell);
    }

    fn paragraph<'a>(&mut self, node: &'a AstNode<'a>, top_level: bool) {
        let pos = node.data().sourcepos;
        let mut field_lines = 0;
        let has_strong = node
            .children()
            .any(|c| matches!(c.data().value, NodeValue::Strong));
        if has_strong {
            for line in pos.start.line..=pos.end.line {
                let line_range = self.lines.line_range(self.text, line);
                let start = if line == pos.start.line {
                    self.lines.at(pos.start).max(line_range.start)
                } else {
                    line_range.start
                };
                let Some(src) = self.text.get(start.min(line_range.end)..line_range.end) else {
                    continue;
                };
                if let Some((label, value)) = bold_label(src) {
                    let value_start = start + (value.as_ptr() as usize - src.as_ptr() as usize);
                    field_lines += 1;
                    self.doc.fields.push(Field {
                        label: label.to_owned(),
                        value: value.to_owned(),
                        value_range: value_start..value_start + value.len(),
                        line,
                        column: value_start - line_range.start + 1,
                        kind: FieldKind::BoldLabel,
                        section: self.current,
                    });
                }
            }
        }
        if top_level {
            self.doc.paragraphs.push(Paragraph {
                range: self.range_of(node),
                line: pos.start.line,
                end_line: pos.end.line,
                only_fields: field_lines > 0 && field_lines == pos.end.line - pos.start.line + 1,
                section: self.current,
            });
        }
        self.inlines(node);
    }

    /// Placeholders and words in the inline content of a block (iterative).
    fn inlines<'a>(&mut self, block: &'a AstNode<'a>) {
        let mut stack: Vec<&'a AstNode<'a>> = block.children().collect();
        stack.reverse();
        while let Some(child) = stack.pop() {
            let data = child.data();
            match &data.value {
                NodeValue::Text(t) => {
                    self.doc.word_count += count_words(t);
                    let range =
                        self.lines.at(data.sourcepos.start)..self.lines.after(data.sourcepos.end);
                    placeholder::scan(
                        self.text,
                        range,
                        self.lines,
                        self.current,
                        &mut self.doc.placeholders,
                    );
                }
                NodeValue::HtmlInline(html) => {
                    if let Some(p) = placeholder::angle_tag(html) {
                        let start = self.lines.at(data.sourcepos.start);
                        let (line, column) = self.lines.line_col(start);
                        let (end_line, end_column) = self.lines.line_col(start + html.len());
                        self.doc.placeholders.push(Placeholder {
                            text: p.to_owned(),
                            range: start..start + html.len(),
                            line,
                            column,
                            end_line,
                            end_column,
                            section: self.current,
                        });
                    }
                }
                NodeValue::Code(c) => self.doc.word_count += count_words(&c.literal),
                // Link text is a link, not something to fill in; the URL never is.
                NodeValue::Link(_) | NodeValue::Image(_) | NodeValue::FootnoteReference(_) => {
                    self.doc.word_count += count_words(&inline_text(child));
                }
                _ => {
                    let first = stack.len();
                    stack.extend(child.children());
                    stack[first..].reverse();
                }
            }
        }
    }
}

/// Words in `s`: runs of non-whitespace bytes (ASCII whitespace separates),
/// counted as the bytes that start one — each pair of bytes on its own, so the
/// compiler can count many at once (a large document has a megabyte of prose).
fn count_words(s: &str) -> usize {
    // `u8::is_ascii_whitespace` as comparisons only (vertical tab is not one).
    let space = |b: u8| b == b' ' || ((b'\t'..=b'\r').contains(&b) && b != 0x0b);
    let bytes = s.as_bytes();
    let first = bytes.first().is_some_and(|&b| !space(b));
    let starts: usize = bytes
        .iter()
        .zip(&bytes[1.min(bytes.len())..])
        .map(|(&before, &b)| usize::from(space(before) & !space(b)))
        .sum();
    usize::from(first) + starts
}

/// Blocks that count as content of a section: not comments, rules or headings.
fn is_content<'a>(node: &'a AstNode<'a>) -> bool {
    match &node.data().value {
        NodeValue::HtmlBlock(html) => !html.literal.trim_start().starts_with("<!--"),
        NodeValue::ThematicBreak | NodeValue::Heading(_) | NodeValue::FrontMatter(_) => false,
        _ => true,
    }
}

/// `**Label**: value`, `**Label:** value` (or `__…__`) at the start of a line,
/// after an optional list marker. Returns the label and the trimmed value.
pub(crate) fn bold_label(line: &str) -> Option<(&str, &str)> {
    let s = line.trim_start();
    let s = strip_list_marker(s);
    let delim = if s.starts_with("**") {
        "**"
    } else if s.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner = &s[2..];
    let close = inner.find(delim)?;
    let label = &inner[..close];
    let rest = &inner[close + 2..];
    let (label, value) = if let Some(l) = label.strip_suffix(':') {
        (l, rest)
    } else if let Some(r) = rest.strip_prefix(':') {
        (label, r)
    } else {
        return None;
    };
    let label = label.trim();
    if label.is_empty() || label.len() > 80 {
        return None;
    }
    Some((label, value.trim()))
}

fn strip_list_marker(s: &str) -> &str {
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(m) {
            return rest.trim_start();
        }
    }
    s
}

/// A top-level `key: value` line of YAML (no indentation, a plain key).
fn top_level_pair(line: &str) -> Option<(&str, &str)> {
    if line.starts_with(char::is_whitespace) || line.starts_with('#') || line.starts_with('-') {
        return None;
    }
    let (key, value) = line.split_once(':')?;
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some((key, value.trim()))
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

/// Length in bytes of a byte order mark at the start of `text` (0 without one).
fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_are_runs_of_non_whitespace(s in "[ a\t\n\r\x0B\x0C\x1F\u{85}\u{A0}é😀-]{0,40}") {
            proptest::prop_assert_eq!(count_words(&s), s.split_ascii_whitespace().count());
        }
    }

    #[test]
    fn bold_labels_are_recognised_in_both_spellings() {
        assert_eq!(
            bold_label("**Status**: draft | approved"),
            Some(("Status", "draft | approved"))
        );
        assert_eq!(
            bold_label("- **Owner:** <name>  "),
            Some(("Owner", "<name>"))
        );
        assert_eq!(bold_label("- **As a** [user type]"), None);
        assert_eq!(bold_label("plain: text"), None);
    }

    #[test]
    fn front_matter_after_a_byte_order_mark_is_read_whole() {
        let plain = "---\ntitle: Hello\ntemplate: product-spec\n---\n\n# Hello\n";
        let text = format!("\u{feff}{plain}");
        let text = text.as_str();
        let without = Document::parse(plain)
            .0
            .front_matter
            .expect("front matter")
            .range;
        let (doc, _) = Document::parse(text);
        let fm = doc.front_matter.expect("front matter");
        assert_eq!(fm.range, without.start + 3..without.end + 3);
        assert_eq!(fm.error, None);
        assert_eq!(fm.template.as_deref(), Some("product-spec"));
        let title = doc
            .fields
            .iter()
            .find(|f| f.label == "title")
            .expect("title field");
        assert_eq!(&text[title.value_range.clone()], "Hello");
        assert_eq!((title.line, title.column), (2, 8));
    }

    #[test]
    fn top_level_yaml_pairs() {
        assert_eq!(top_level_pair("status: draft"), Some(("status", "draft")));
        assert_eq!(top_level_pair("  - [Reviewer 1]"), None);
        assert_eq!(top_level_pair("reviewers:"), Some(("reviewers", "")));
    }
}
