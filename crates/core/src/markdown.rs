//! The one place comrak's options are built, so preview, validation, checklist and
//! export all see the same document. Also the helpers that turn comrak's
//! line/column positions into byte offsets of the original text.

use comrak::nodes::{AstNode, LineColumn, NodeValue};
use comrak::{Arena, Options};

/// GFM as GitHub shows it: tables, task lists, strikethrough, autolinks,
/// footnotes, and `---` front matter. Raw HTML is never passed through
/// (comrak replaces it with a comment) and dangerous URLs are dropped.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.front_matter_delimiter = Some("---".to_owned());
    options.render.sourcepos = true;
    options.render.tasklist_classes = true;
    options.render.r#unsafe = false;
    options
}

/// Parses `text` with [`options`] into `arena`.
pub fn parse<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    comrak::parse_document(arena, text, &options())
}

/// Renders a parsed document as preview HTML with `data-sourcepos` attributes.
pub fn render_html<'a>(root: &'a AstNode<'a>) -> String {
    let mut html = String::new();
    // Writing into a String cannot fail.
    let _ = comrak::format_html(root, &options(), &mut html);
    html
}

/// Byte offsets of the start of every line (line 1 at index 0).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes the line starts of `text`. Like CommonMark (and comrak's
    /// positions), LF, CRLF and a lone CR each end a line.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue; // the LF that follows ends this line
            }
            starts.push(i + 1);
        }
        Self {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a trailing newline does not start an extra line of text,
    /// but is counted so that offsets at the very end map to a line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset of a 1-based line and 1-based byte column, clamped to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        if line == 0 {
            return 0;
        }
        match self.starts.get(line - 1) {
            Some(start) => (start + column.saturating_sub(1)).min(self.len),
            None => self.len,
        }
    }

    /// Byte offset of a comrak position.
    pub fn at(&self, pos: LineColumn) -> usize {
        self.offset(pos.line, pos.column)
    }

    /// Byte offset just past a comrak end position (which is inclusive).
    pub fn after(&self, pos: LineColumn) -> usize {
        (self.offset(pos.line, pos.column) + 1).min(self.len)
    }

    /// 1-based line and byte column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line + 1, offset - self.starts[line] + 1)
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.offset(line, 1);
        let next = self.starts.get(line).copied().unwrap_or(self.len);
        let content = &text.as_bytes()[start.min(next)..next];
        let terminator = if content.ends_with(b"\r\n") {
            2
        } else {
            usize::from(content.ends_with(b"\n") || content.ends_with(b"\r"))
        };
        start..(next - terminator).max(start)
    }
}

/// Concatenated literal text of a node's inline descendants (text, code, and the
/// raw source of inline HTML such as `<name>` placeholders).
pub fn inline_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::HtmlInline(h) => out.push_str(h),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_round_trips_offsets() {
        let text = "ab\r\ncd\n\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(2, 1), 4);
        assert_eq!(idx.line_col(4), (2, 1));
        assert_eq!(idx.line_col(8), (4, 1));
        assert_eq!(&text[idx.line_range(text, 1)], "ab");
        assert_eq!(&text[idx.line_range(text, 3)], "");
        assert_eq!(&text[idx.line_range(text, 4)], "ef");
        let cr = "a\rb\r\nc";
        let idx = LineIndex::new(cr);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(&cr[idx.line_range(cr, 2)], "b");
        assert_eq!(idx.line_col(5), (3, 1));
    }
}
