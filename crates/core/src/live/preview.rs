//! The preview HTML and the document model made block by block and kept between
//! analyses. A keystroke changes one top-level block, so only that block is
//! rendered (and its positions made relative) and read into the model again;
//! every other block's HTML, and what it adds to the model (moved to where it is
//! now, see [`ModelBuilder`]), is taken as it was. The result is exactly what
//! rendering the whole document and [`block_relative`] give, and the model of
//! the whole document —
//! tested on every fixture and on random Markdown — because a top-level block's
//! HTML depends only on its own source lines and on where its links point (a
//! reference's definition may be anywhere), which together are the key — its
//! lines taken through the next block's first line, as where comrak ends a list
//! depends on what follows it. Footnotes are numbered across the document and
//! gathered at its end: with anything that may be a footnote, or any block this
//! cannot be sure of, the whole document is rendered at once instead.

use std::collections::HashMap;

use comrak::nodes::{AstNode, NodeLink, NodeValue};

use super::positions::{block_relative, relative_block};
use super::tree::KeptFrom;
use crate::analysis::RenderPreview;
use crate::document::{BlockFacts, Document, ModelBuilder};
use crate::markdown::{self, LineIndex};

/// The preview's blocks as last rendered, by their source lines (through the
/// next block's first line). A keystroke in a 1 MB document finds some 4,000
/// unchanged blocks: when the tree says which bytes changed since the parse
/// last rendered ([`KeptFrom`]), those before and after the change are found
/// where they were, without looking at their text; the others by their source,
/// looked up once.
#[derive(Debug, Default)]
pub struct PreviewBlocks {
    /// Slots in `rendered` by source.
    by_source: HashMap<Box<str>, usize, foldhash::fast::RandomState>,
    rendered: Vec<Option<Rendered>>,
    free: Vec<usize>,
    /// The top-level blocks of the last render, in order.
    order: Vec<Placed>,
    /// The parse the last render was made block by block from.
    parse: Option<u64>,
    /// The parse to render next, and what it kept from the one before (see
    /// [`follow`](Self::follow)).
    next: Option<(u64, Option<KeptFrom>)>,
    /// Counts the renders; a block not used by the last one is dropped.
    render: u32,
    /// The first line of each top-level element of the HTML last made.
    starts: Vec<u32>,
}

/// Where a block of the last render was in its text, and its slot (none for a
/// block not kept).
#[derive(Debug, Clone, Copy)]
struct Placed {
    from: usize,
    to: usize,
    slot: Option<usize>,
}

/// One top-level block's HTML, with its positions relative to its elements.
#[derive(Debug)]
struct Rendered {
    /// Where the block ends: lines after its first, and column.
    end: (usize, usize),
    /// The block's links and images, in order.
    links: Vec<Link>,
    html: String,
    /// The first line of each of its elements, counted from the block's first line (0).
    starts: Vec<u32>,
    /// What it adds to the document model; none for the front matter.
    facts: Option<BlockFacts>,
    /// The last render that used it.
    used: u32,
}

impl Rendered {
    fn append_to(&self, html: &mut String, starts: &mut Vec<u32>, first_line: u32) {
        html.push_str(&self.html);
        starts.extend(self.starts.iter().map(|s| s + first_line));
    }
}

impl PreviewBlocks {
    /// The first line of each top-level element of the HTML last made; empty
    /// when its positions count from the top of the document.
    pub fn starts(&self) -> &[u32] {
        &self.starts
    }

    /// Tells which parse of the tree the next render is of, and what that parse
    /// kept from the one before: its blocks outside the change are then those of
    /// the last render, if that was of the parse before. The next render must be
    /// of that parse (`LiveDocument::analyze` calls this right before it).
    pub fn follow(&mut self, parse: u64, kept_from: Option<KeptFrom>) {
        self.next = Some((parse, kept_from));
    }

    /// The HTML and the model block by block, or `None` when they must be made whole.
    fn by_block<'a>(
        &mut self,
        text: &str,
        lines: &LineIndex,
        root: &'a AstNode<'a>,
    ) -> Option<(String, Document)> {
        if may_define_footnotes(text) {
            return None;
        }
        let (parse, kept_from) = self.next.take().unzip();
        // Kept from the parse last rendered: the bytes outside the change are as
        // they were, and every link resolves as it did.
        let unchanged = kept_from.flatten().filter(|k| Some(k.parse) == self.parse);
        let mut model = ModelBuilder::new(text, lines);
        self.render = self.render.wrapping_add(1);
        let render = self.render;
        let mut html = String::with_capacity(text.len() + text.len() / 4);
        let mut starts = Vec::new();
        let old_order = std::mem::take(&mut self.order);
        let mut order = Vec::with_capacity(old_order.len() + 4);
        let mut cursor = 0;
        for node in root.children() {
            let pos = node.data().sourcepos;
            let first_line = u32::try_from(pos.start.line).ok()?;
            // The block's lines and those after it up to the next block's first
            // line, included: where comrak ends a list depends on the blank lines
            // after it and on the kind of block that follows.
            let next_line = node
                .next_sibling()
                .map_or(usize::MAX - 1, |n| n.data().sourcepos.start.line);
            let from = lines.offset(pos.start.line, 1);
            let to = lines.offset(next_line.max(pos.end.line) + 1, 1);
            let source = text.get(from..to)?;
            // Where it ends, from its first line: the same lines end a paragraph
            // sooner when the next block, a table, takes its last line.
            let end = (pos.end.line.saturating_sub(pos.start.line), pos.end.column);
            // A table right under a paragraph line took that line from the
            // paragraph: what it is depends on more than its own lines. So does
            // a block starting with a byte order mark at the very start, which
            // comrak leaves out there only.
            let split = (matches!(node.data().value, NodeValue::Table(_))
                && pos.start.line > 1
                && !lines.is_blank(text, pos.start.line - 1))
                || (from == 0 && source.starts_with('\u{feff}'));
            // Where it was, if all of it is outside the change.
            let placed = unchanged.and_then(|k| {
                let was = if to <= k.from {
                    (from, to)
                } else if from >= k.new_end {
                    (from - k.new_end + k.old_end, to - k.new_end + k.old_end)
                } else {
                    return None;
                };
                while old_order.get(cursor).is_some_and(|p| p.from < was.0) {
                    cursor += 1;
                }
                old_order
                    .get(cursor)
                    .filter(|p| (p.from, p.to) == was)
                    .and_then(|p| p.slot)
            });
            // Taken as it was, also when written twice, if it ends where it did
            // and its links still point where they did.
            let slot = if split {
                None
            } else {
                placed.or_else(|| self.by_source.get(source).copied())
            };
            if let Some(slot) = slot
                && let Some(r) = self.rendered[slot].as_mut()
                && r.end == end
                && (unchanged.is_some() || same_links(node, pos.start.line, &r.links))
            {
                r.used = render;
                r.append_to(&mut html, &mut starts, first_line);
                model.add_kept(node, r.facts.as_ref());
                order.push(Placed {
                    from,
                    to,
                    slot: Some(slot),
                });
                continue;
            }
            let (block_html, block_starts) =
                relative_block(&markdown::render_html(node), first_line)?;
            let r = Rendered {
                end,
                links: links_of(node, pos.start.line),
                html: block_html,
                starts: block_starts,
                facts: model.add_keeping(node),
                used: render,
            };
            r.append_to(&mut html, &mut starts, first_line);
            let slot = (!split).then(|| self.keep(source, r));
            order.push(Placed { from, to, slot });
        }
        self.drop_unused();
        self.order = order;
        self.parse = parse;
        self.starts = starts;
        Some((html, model.finish()))
    }

    /// Keeps `r` as the block of `source` (in place of one it replaces); its slot.
    /// A block of the same source this render already used keeps its slot: `r`
    /// then gets one of its own, found by its place only.
    fn keep(&mut self, source: &str, r: Rendered) -> usize {
        let render = self.render;
        match self.by_source.get(source).copied() {
            Some(slot)
                if self.rendered[slot]
                    .as_ref()
                    .is_none_or(|old| old.used != render) =>
            {
                self.rendered[slot] = Some(r);
                slot
            }
            Some(_) => self.new_slot(r),
            None => {
                let slot = self.new_slot(r);
                self.by_source.insert(source.into(), slot);
                slot
            }
        }
    }

    fn new_slot(&mut self, r: Rendered) -> usize {
        match self.free.pop() {
            Some(slot) => {
                self.rendered[slot] = Some(r);
                slot
            }
            None => {
                self.rendered.push(Some(r));
                self.rendered.len() - 1
            }
        }
    }

    /// Drops the blocks the last render did not use.
    fn drop_unused(&mut self) {
        let render = self.render;
        for (slot, kept) in self.rendered.iter_mut().enumerate() {
            if kept.as_ref().is_some_and(|r| r.used != render) {
                *kept = None;
                self.free.push(slot);
            }
        }
        let rendered = &self.rendered;
        self.by_source
            .retain(|_, &mut slot| rendered[slot].is_some());
        // A large document replaced by a small one leaves its table behind.
        if self.by_source.capacity() > 4 * self.by_source.len().max(256) {
            self.by_source.shrink_to_fit();
            self.rendered.truncate(
                self.rendered
                    .iter()
                    .rposition(Option::is_some)
                    .map_or(0, |i| i + 1),
            );
            self.free.retain(|&slot| slot < self.rendered.len());
            self.rendered.shrink_to_fit();
        }
    }

    /// Forgets every block.
    fn clear(&mut self) {
        self.by_source.clear();
        self.rendered.clear();
        self.free.clear();
        self.order.clear();
        self.parse = None;
        self.next = None;
    }
}

impl RenderPreview for PreviewBlocks {
    /// The preview HTML with positions relative to their top-level element, whose
    /// first lines [`starts`](Self::starts) then gives; and the document model.
    fn render<'a>(
        &mut self,
        text: &str,
        lines: &LineIndex,
        root: &'a AstNode<'a>,
    ) -> (String, Document) {
        if let Some(made) = self.by_block(text, lines, root) {
            return made;
        }
        self.clear();
        let whole = block_relative(&markdown::render_html(root));
        self.starts = whole.starts;
        (whole.html, Document::from_ast(text, lines, root))
    }
}

/// A link or image in a block: where it is written (lines counted from the
/// block's first line, 0) and where it points. Two links swapping targets
/// (`[a] [b]` when the definition moves from `a` to `b`) keep the same list of
/// targets but not the same positions.
#[derive(Debug)]
struct Link {
    place: Place,
    url: String,
    title: String,
}

/// Where a link is written: its start and end (line from the block's first line, column).
type Place = ((usize, usize), (usize, usize));

/// Whether `text` may define a footnote: `[^label]:`, which may sit inside a
/// quote or a list item. Footnotes are numbered across the document and gathered
/// at its end. A reference with no definition is plain text, as in `[^a-z]` in
/// a pattern. comrak's labels hold no `]`, space, tab or line break: each `]:`
/// is looked back from over such a run for a `[^`. The runs end at a `]`, so no
/// byte is looked at twice, whatever the text.
fn may_define_footnotes(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"]:").any(|end| {
        let start = bytes[..end]
            .iter()
            .rposition(|&b| matches!(b, b']' | b' ' | b'\t' | b'\n' | b'\r'))
            .map_or(0, |i| i + 1);
        memchr::memmem::find(&bytes[start..end], b"[^").is_some()
    })
}

/// Calls `visit` with each link and image in `node` (whose first line is
/// `first_line`), in document order, while it answers `true`; whether it always did.
fn each_link<'a>(
    node: &'a AstNode<'a>,
    first_line: usize,
    mut visit: impl FnMut(Place, &NodeLink) -> bool,
) -> bool {
    node.descendants().all(|d| {
        let data = d.data();
        let (NodeValue::Link(link) | NodeValue::Image(link)) = &data.value else {
            return true;
        };
        let (start, end) = (data.sourcepos.start, data.sourcepos.end);
        let place = (
            (start.line.saturating_sub(first_line), start.column),
            (end.line.saturating_sub(first_line), end.column),
        );
        visit(place, link)
    })
}

/// The links and images in `node`, in document order.
fn links_of<'a>(node: &'a AstNode<'a>, first_line: usize) -> Vec<Link> {
    let mut links = Vec::new();
    each_link(node, first_line, |place, link| {
        links.push(Link {
            place,
            url: link.url.clone(),
            title: link.title.clone(),
        });
        true
    });
    links
}

/// Whether the links and images in `node` are `links`, in order.
fn same_links<'a>(node: &'a AstNode<'a>, first_line: usize, links: &[Link]) -> bool {
    let mut expected = links.iter();
    let all_match = each_link(node, first_line, |place, link| {
        expected
            .next()
            .is_some_and(|e| e.place == place && e.url == link.url && e.title == link.title)
    });
    all_match && expected.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_comrak_could_take_for_a_footnote_definition_renders_whole() {
        for (text, may) in [
            ("[^1]: note", true),
            ("> - [^x]: in a list in a quote", true),
            ("text [^x]: not at a line's start, still kept", true),
            ("[^]: empty", true),
            ("pattern [^a-z] and [link]: /url", false),
            ("[^a b]: a space", false),
            ("[^a\nb]: a line break", false),
            ("[^a]b]: a bracket", false),
            ("", false),
        ] {
            assert_eq!(may_define_footnotes(text), may, "{text:?}");
        }
        // 200,000 `[^` in a row, each looked at once from the `]:` after them.
        let carets = "[^".repeat(200_000);
        assert!(!may_define_footnotes(&carets));
        assert!(may_define_footnotes(&format!("{carets}]:")));
    }
}
