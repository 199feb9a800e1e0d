//! The model built a top-level block at a time. Each block other than a
//! heading or the front matter adds what is in it (tasks, fields, placeholders,
//! paragraphs, comments, words) whatever comes before it, apart from the section
//! it falls in and where it sits — so what it adds can be kept with the block
//! and added again, moved, while the block is unchanged (the live preview keeps
//! it, see `live::PreviewBlocks`). Headings and the front matter are read each
//! time: they make the sections and the preamble.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use super::{Document, Walker, is_content};
use crate::markdown::LineIndex;

/// What one top-level block adds to the model, as it was at `base`.
#[derive(Debug, Clone)]
pub struct BlockFacts {
    /// Where the block's first line started (byte offset and line) when made.
    base: (usize, usize),
    tasks: Vec<super::TaskItem>,
    fields: Vec<super::Field>,
    placeholders: Vec<crate::placeholder::Placeholder>,
    paragraphs: Vec<super::Paragraph>,
    comments: Vec<Range<usize>>,
    words: usize,
    content: bool,
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
        self.push(facts.clone());
        Some(facts)
    }

    /// Adds the next top-level block, `node`, whose facts were kept from an
    /// earlier model where it was the same block (perhaps elsewhere).
    pub fn add_kept<'a>(&mut self, node: &'a AstNode<'a>, kept: Option<&BlockFacts>) {
        let Some(kept) = kept else {
            return self.add(node);
        };
        let mut facts = kept.clone();
        facts.move_to(self.base(node));
        self.push(facts);
    }

    pub fn finish(mut self) -> Document {
        let end = self.preamble_end.unwrap_or(self.walker.text.len());
        self.walker.doc.preamble = self.preamble_start.min(end)..end;
        self.walker.finish()
    }

    /// Reads a heading or the front matter into the model; any other block's facts.
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
                let range = w.range_of(node);
                self.preamble_end.get_or_insert(range.start);
                w.open_section(node, h.level, range);
                None
            }
            _ => Some(self.facts_of(node)),
        }
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
        if let NodeValue::Paragraph = node.data().value {
            alone.paragraph(node, true);
        } else {
            alone.walk_block(node);
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
        }
    }

    fn base<'a>(&self, node: &'a AstNode<'a>) -> (usize, usize) {
        let line = node.data().sourcepos.start.line;
        (self.walker.lines.offset(line, 1), line)
    }

    /// Adds a block's facts, in the section open now.
    fn push(&mut self, facts: BlockFacts) {
        let section = self.walker.current;
        let doc = &mut self.walker.doc;
        if let Some(i) = section
            && facts.content
        {
            doc.sections[i].content_blocks += 1;
        }
        doc.word_count += facts.words;
        doc.tasks.extend(
            facts
                .tasks
                .into_iter()
                .map(|t| super::TaskItem { section, ..t }),
        );
        doc.fields.extend(
            facts
                .fields
                .into_iter()
                .map(|f| super::Field { section, ..f }),
        );
        doc.placeholders.extend(
            facts
                .placeholders
                .into_iter()
                .map(|p| crate::placeholder::Placeholder { section, ..p }),
        );
        doc.paragraphs.extend(
            facts
                .paragraphs
                .into_iter()
                .map(|p| super::Paragraph { section, ..p }),
        );
        doc.comments.extend(facts.comments);
    }
}

impl BlockFacts {
    /// The same facts for the block with its first line at `base` instead.
    fn move_to(&mut self, base: (usize, usize)) {
        if base == self.base {
            return;
        }
        let bytes = base.0.wrapping_sub(self.base.0);
        let lines = base.1.wrapping_sub(self.base.1);
        let at = |o: &mut usize| *o = o.wrapping_add(bytes);
        let range = |r: &mut Range<usize>| {
            at(&mut r.start);
            at(&mut r.end);
        };
        let line = |l: &mut usize| *l = l.wrapping_add(lines);
        for t in &mut self.tasks {
            range(&mut t.range);
            at(&mut t.symbol_offset);
            line(&mut t.line);
        }
        for f in &mut self.fields {
            range(&mut f.value_range);
            line(&mut f.line);
        }
        for p in &mut self.placeholders {
            range(&mut p.range);
            line(&mut p.line);
            line(&mut p.end_line);
        }
        for p in &mut self.paragraphs {
            range(&mut p.range);
            line(&mut p.line);
            line(&mut p.end_line);
        }
        for c in &mut self.comments {
            range(c);
        }
        self.base = base;
    }
}
