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

/// Parses `text` with [`options`] into `arena`. A text with no bracket before a
/// caret is parsed without comrak's footnote handling (two walks over the whole
/// tree among it), which gives the same tree there (tested on every fixture and
/// on random Markdown).
pub fn parse<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    let mut options = options();
    options.extension.footnotes = may_hold_footnotes(text);
    comrak::parse_document(arena, text, &options)
}

/// Whether comrak's footnote handling could change the parse of `text`: where a
/// `[` is followed by a `^` — written, escaped (`[\^`) or as an entity (`[&…;`,
/// any entity here). comrak takes such a bracket for a footnote reference, or a
/// definition, even where there is no definition: it takes the emphasis out of
/// it and turns its inline HTML back into text.
pub(crate) fn may_hold_footnotes(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'[', bytes).any(|at| match bytes.get(at + 1) {
        Some(b'^' | b'&') => true,
        Some(b'\\') => bytes.get(at + 2) == Some(&b'^'),
        _ => false,
    })
}

/// Parses `text` with every extension of [`options`], the footnote pass
/// included whatever the text: what [`parse`] must give.
#[doc(hidden)]
pub fn parse_with_footnotes<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    comrak::parse_document(arena, text, &options())
}

/// Every node of `root`'s tree with its position, one per line, indented by
/// depth: for tests that two trees are the same.
#[doc(hidden)]
pub fn debug_tree<'a>(root: &'a AstNode<'a>) -> String {
    use comrak::arena_tree::NodeEdge;
    let mut out = String::new();
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => {
                out.push_str(&"  ".repeat(depth));
                out.push_str(&format!("{:?}\n", node.data()));
                depth += 1;
            }
            NodeEdge::End(_) => depth -= 1,
        }
    }
    out
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

    /// The index of `text`, which is the text this index was made of with bytes
    /// `from..old_end` replaced by `text[from..new_end]`: the line starts before
    /// the change are kept and those after it moved, so only the changed bytes
    /// and the one on each side (a CR and an LF across the edge make one line
    /// break) are looked at again. The same as [`new`](Self::new) of `text`.
    pub fn edited(&self, text: &str, from: usize, old_end: usize, new_end: usize) -> Self {
        let bytes = text.as_bytes();
        // Breaks at `from - 2` and before are unchanged, and so is whether each
        // ends a line; from `from - 1` through `new_end` they are looked at again.
        let rescan = from.saturating_sub(1);
        let kept = self.starts.partition_point(|&s| s <= rescan);
        let moved_from = self.starts.partition_point(|&s| s < old_end + 2);
        let mut starts = Vec::with_capacity(self.starts.len() + (new_end - from) / 40 + 1);
        starts.extend_from_slice(&self.starts[..kept]);
        let end = (new_end + 1).min(bytes.len());
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[rescan..end]) {
            let i = rescan + i;
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        starts.extend(
            self.starts[moved_from..]
                .iter()
                .map(|&s| s - old_end + new_end),
        );
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

    /// Whether line `line` (1-based) of `text` holds only spaces and tabs.
    pub fn is_blank(&self, text: &str, line: usize) -> bool {
        text[self.line_range(text, line)]
            .bytes()
            .all(|c| c == b' ' || c == b'\t')
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
    use proptest::prelude::*;

    use super::*;
    use crate::document::Document;

    /// The preview HTML and the document model of `text` as [`parse`] gives
    /// them, and as the parse with the footnote pass gives them.
    fn both_parses(text: &str) -> [(String, String); 2] {
        let lines = LineIndex::new(text);
        let made = |root| {
            let model = serde_json::to_string(&Document::from_ast(text, &lines, root)).unwrap();
            (render_html(root), model)
        };
        let (a, b) = (Arena::new(), Arena::new());
        [made(parse(&a, text)), made(parse_with_footnotes(&b, text))]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        /// The parse without the footnote pass, where [`parse`] leaves it out,
        /// is the parse with it: the same HTML and the same document model.
        #[test]
        fn the_footnote_pass_changes_nothing_where_it_is_left_out(
            text in crate::live::tests::markdown_strategy()
        ) {
            let [fast, full] = both_parses(&text);
            prop_assert_eq!(fast, full);
        }
    }

    /// comrak takes a bracket followed by `^` for a footnote reference even with
    /// no definition: it takes the emphasis out of it and turns its inline HTML
    /// back into text. Written, escaped or as an entity.
    #[test]
    fn a_bracket_before_a_caret_keeps_the_footnote_pass() {
        for text in [
            "a [^*] b*",
            "x *y [^*]",
            "[^*a*] [^**b**] [^~~c~~]",
            "List[^<T>] here",
            "# T [^_x_]",
            "[^<name>]",
            "[\\^*a*]",
            "[&#94;*a*]",
            "[&Hat;_a_]",
        ] {
            let [fast, full] = both_parses(text);
            assert_eq!(fast, full, "{text:?}");
        }
    }

    #[test]
    fn a_bracket_before_a_written_escaped_or_entity_caret_may_hold_footnotes() {
        for (text, may) in [
            ("[^1]", true),
            ("[\\^1]", true),
            ("[&#94;1]", true),
            ("[&amp;]", true),
            ("[link](/url) and a ^ alone", false),
            ("[\\*] [ ^]", false),
            ("[", false),
        ] {
            assert_eq!(may_hold_footnotes(text), may, "{text:?}");
        }
    }

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

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// An index moved across an edit is the index of the edited text, with
        /// line breaks of every kind on both sides of the edit and in it.
        #[test]
        fn an_edited_index_is_the_index_of_the_edited_text(
            old in "[ab\r\n]{0,24}",
            insert in "[ab\r\n]{0,6}",
            at in 0usize..25,
            removed in 0usize..6,
        ) {
            let from = at.min(old.len());
            let old_end = (from + removed).min(old.len());
            let text = format!("{}{insert}{}", &old[..from], &old[old_end..]);
            let edited = LineIndex::new(&old).edited(&text, from, old_end, from + insert.len());
            let whole = LineIndex::new(&text);
            prop_assert_eq!(edited.starts, whole.starts);
            prop_assert_eq!(edited.len, whole.len);
        }
    }
}
