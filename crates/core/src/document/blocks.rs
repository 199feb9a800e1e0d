//! The model built a top-level block at a time. Each block other than the
//! front matter adds what is in it (tasks, fields, placeholders, paragraphs,
//! comments, words; a heading, its section's title) whatever comes before it,
//! apart from the section it falls in and where it sits — so what it adds can
//! be kept with the block and added again, moved, while the block is unchanged
//! (the live preview keeps it, see `live::PreviewBlocks`). The sections are
//! made each time from the headings' levels and titles, and the front matter
//! is read each time: it makes the preamble.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use super::{Document, Field, Paragraph, TaskItem, Walker, is_content};
use crate::markdown::{LineIndex, inline_text};
use crate::placeholder::Placeholder;

/// What one top-level block adds to the model, as it was at `base`.
#[derive(Debug, Clone)]
pub struct BlockFacts {
    /// Where the block's first line started (byte offset and line) when made.
    base: (usize, usize),
    tasks: Vec<TaskItem>,
    fields: Vec<Field>,
    placeholders: Vec<Placeholder>,
    paragraphs: Vec<Paragraph>,
    comments: Vec<Range<usize>>,
    words: usize,
    content: bool,
    /// A heading's level and title: it opens a section.
    heading: Option<(u8, String)>,
}

/// A document's model, built block by block in document order.
pub struct ModelBuilder<'t> {
    walker: Walker<'t>,
    preamble_start: usize,
    preamble_end: Option<usize>,
}

impl<'t> ModelBuilder<'t> {
    pub fn new(text: &'t str, lines: &'t LineIndex) -> Self {
        Self {
            walker: Walker {
                text,
                lines,
                doc: Document::default(),
                current: None,
                open: Vec::new(),
            },
            preamble_start: 0,
            preamble_end: None,
        }
    }

    /// Adds the next top-level block.
    pub fn add<'a>(&mut self, node: &'a AstNode<'a>) {
        if let Some(facts) = self.read(node) {
            self.push(facts);
        }
    }

    /// Adds the next top-level block, and answers what it added to keep with
    /// it, if it is not a heading or the front matter.
    pub fn add_keeping<'a>(&mut self, node: &'a AstNode<'a>) -> Option<BlockFacts> {
        let facts = self.read(node)?;
        self.push_moved(&facts, Shift::NONE);
        Some(facts)
    }

    /// Adds the next top-level block, `node`, whose facts were kept from an
    /// earlier model where it was the same block (perhaps elsewhere): each
    /// item copied straight to where the block is now.
    pub fn add_kept<'a>(&mut self, node: &'a AstNode<'a>, kept: Option<&BlockFacts>) {
        let Some(kept) = kept else {
            return self.add(node);
        };
        if let Some((level, title)) = &kept.heading {
            self.open_section(node, *level, title.clone());
        }
        let shift = Shift::between(kept.base, self.base(node));
        self.push_moved(kept, shift);
    }

    pub fn finish(mut self) -> Document {
        let end = self.preamble_end.unwrap_or(self.walker.text.len());
        self.walker.doc.preamble = self.preamble_start.min(end)..end;
        self.walker.finish()
    }

    /// Reads the front matter into the model; any other block's facts (a
    /// heading's once its section is open).
    fn read<'a>(&mut self, node: &'a AstNode<'a>) -> Option<BlockFacts> {
        let w = &mut self.walker;
        match &node.data().value {
            NodeValue::FrontMatter(raw) => {
                // comrak places front matter at 1:1 even after a byte order
                // mark (other nodes' columns count the mark's bytes).
                let at = w.lines.at(node.data().sourcepos.start);
                let start = at + super::bom_len(&w.text[at..]);
                let end = (start + raw.len()).min(w.text.len());
                self.preamble_start = end;
                w.front_matter(start..end);
                None
            }
            NodeValue::Heading(h) => {
                let title = inline_text(node).trim().to_owned();
                self.open_section(node, h.level, title.clone());
                let mut facts = self.facts_of(node);
                facts.heading = Some((h.level, title));
                Some(facts)
            }
            _ => Some(self.facts_of(node)),
        }
    }

    /// Opens the section of heading `node`.
    fn open_section<'a>(&mut self, node: &'a AstNode<'a>, level: u8, title: String) {
        let range = self.walker.range_of(node);
        self.preamble_end.get_or_insert(range.start);
        self.walker.open_section(node, level, range, title);
    }

    /// What a block other than a heading or the front matter adds, read alone.
    fn facts_of<'a>(&self, node: &'a AstNode<'a>) -> BlockFacts {
        let mut alone = Walker {
            text: self.walker.text,
            lines: self.walker.lines,
            doc: Document::default(),
            current: None,
            open: Vec::new(),
        };
        match node.data().value {
            NodeValue::Paragraph => alone.paragraph(node, true),
            NodeValue::Heading(_) => alone.inlines(node),
            _ => alone.walk_block(node),
        }
        let doc = alone.doc;
        BlockFacts {
            base: self.base(node),
            tasks: doc.tasks,
            fields: doc.fields,
            placeholders: doc.placeholders,
            paragraphs: doc.paragraphs,
            comments: doc.comments,
            words: doc.word_count,
            content: is_content(node),
            heading: None,
        }
    }

    fn base<'a>(&self, node: &'a AstNode<'a>) -> (usize, usize) {
        let line = node.data().sourcepos.start.line;
        (self.walker.lines.offset(line, 1), line)
    }

    /// Adds a block's facts, in the section open now.
    fn push(&mut self, facts: BlockFacts) {
        let section = self.count(&facts);
        let doc = &mut self.walker.doc;
        doc.tasks
            .extend(facts.tasks.into_iter().map(|t| TaskItem { section, ..t }));
        doc.fields
            .extend(facts.fields.into_iter().map(|f| Field { section, ..f }));
        doc.placeholders.extend(
            facts
                .placeholders
                .into_iter()
                .map(|p| Placeholder { section, ..p }),
        );
        doc.paragraphs.extend(
            facts
                .paragraphs
                .into_iter()
                .map(|p| Paragraph { section, ..p }),
        );
        doc.comments.extend(facts.comments);
    }

    /// Adds copies of a block's facts, moved by `shift`, in the section open now.
    fn push_moved(&mut self, facts: &BlockFacts, shift: Shift) {
        let section = self.count(facts);
        let doc = &mut self.walker.doc;
        doc.tasks.extend(facts.tasks.iter().map(|t| TaskItem {
            line: shift.line(t.line),
            range: shift.range(&t.range),
            symbol_offset: shift.at(t.symbol_offset),
            section,
            ..t.clone()
        }));
        doc.fields.extend(facts.fields.iter().map(|f| Field {
            value_range: shift.range(&f.value_range),
            line: shift.line(f.line),
            section,
            ..f.clone()
        }));
        doc.placeholders
            .extend(facts.placeholders.iter().map(|p| Placeholder {
                range: shift.range(&p.range),
                line: shift.line(p.line),
                end_line: shift.line(p.end_line),
                section,
                ..p.clone()
            }));
        doc.paragraphs
            .extend(facts.paragraphs.iter().map(|p| Paragraph {
                range: shift.range(&p.range),
                line: shift.line(p.line),
                end_line: shift.line(p.end_line),
                section,
                ..p.clone()
            }));
        doc.comments
            .extend(facts.comments.iter().map(|c| shift.range(c)));
    }

    /// Counts a block's words and content in the model; the section open now.
    fn count(&mut self, facts: &BlockFacts) -> Option<usize> {
        let section = self.walker.current;
        let doc = &mut self.walker.doc;
        if let Some(i) = section
            && facts.content
        {
            doc.sections[i].content_blocks += 1;
        }
        doc.word_count += facts.words;
        section
    }
}

/// How far a block moved: bytes and lines, added with wrapping (a block that
/// moved up moves by a "negative" amount).
#[derive(Clone, Copy)]
struct Shift {
    bytes: usize,
    lines: usize,
}

impl Shift {
    const NONE: Self = Self { bytes: 0, lines: 0 };

    /// From a block's first line at `from` (byte offset and line) to `to`.
    fn between(from: (usize, usize), to: (usize, usize)) -> Self {
        Self {
            bytes: to.0.wrapping_sub(from.0),
            lines: to.1.wrapping_sub(from.1),
        }
    }

    fn at(self, offset: usize) -> usize {
        offset.wrapping_add(self.bytes)
    }

    fn range(self, r: &Range<usize>) -> Range<usize> {
        self.at(r.start)..self.at(r.end)
    }

    fn line(self, line: usize) -> usize {
        line.wrapping_add(self.lines)
    }
}
