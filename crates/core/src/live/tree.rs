//! The parsed tree of the text last analysed, kept in an arena that outlives one
//! analysis, so that an edit parses again only the top-level blocks it may
//! change: a keystroke in a 1 MB document parses one block, not the document.
//!
//! The result is the tree a parse of the whole text gives — tested on every
//! fixture and on random Markdown and edits — because of where it cuts. A
//! top-level block that starts after a blank line (or on the first line) starts
//! afresh: every block above it is closed and nothing open reaches into it. So
//! the stretch from such a block before the edit to such a block after it
//! parses alone as it does in the whole text, once the lines are renumbered —
//! if the block after it still starts there, which its parse shows; otherwise
//! the stretch takes in the next block and tries again.
//!
//! What one block cannot know, and when the whole text is parsed instead:
//! footnotes (numbered across the document and gathered at its end), link
//! reference definitions (the stretch must hold none, before and after the
//! edit, and refer to no label the document may define), and front matter
//! whose end a change may move (comrak looks for it across the whole text).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::options::BrokenLinkReference;
use comrak::{Arena, ResolvedReference};

use super::{common_prefix, common_suffix};
use crate::markdown::{self, LineIndex};
use references::{DefinedLabels, DefinedUrls, reference_bytes, references_fit};

mod references;

/// Tries to cut the stretch after so many blocks before parsing the whole text.
const TRIES: usize = 4;

/// A tree kept between analyses in `arena`, with the text it is the parse of.
pub struct KeptTree<'a> {
    arena: &'a Arena<'a>,
    kept: Option<Kept<'a>>,
    /// Whether the last parse was of the whole text.
    whole: bool,
    /// How many of the arena's nodes are in the kept tree; the others were
    /// replaced and are freed with the arena.
    live: usize,
    /// Names the last parse, unique in the process (0: none yet).
    parse: u64,
    /// What the last parse kept of the one before, when it parsed a stretch.
    kept_from: Option<KeptFrom>,
}

/// A parse of [`KeptTree::parse`]: the tree and its text's line index.
pub struct Parse<'a, 'l> {
    pub root: &'a AstNode<'a>,
    pub lines: &'l LineIndex,
    /// Names this parse, unique in the process.
    pub id: u64,
    /// What it kept from the parse before, if it parsed only a stretch.
    pub kept_from: Option<KeptFrom>,
}

/// What a parse of a stretch kept from the parse before it (named `parse`):
/// the text changed only in bytes `from..old_end`, now `from..new_end`, and
/// every link resolves as it did (a stretch holds no link reference definition
/// and stays within comrak's budget for references).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeptFrom {
    pub parse: u64,
    pub from: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// The bytes `old` and `new` differ in: their common prefix, and where the
/// common suffix starts in each (all three the length when they are the same).
fn change_between(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let prefix = common_prefix(a, b);
    let suffix = common_suffix(&a[prefix..], &b[prefix..]);
    (prefix, a.len() - suffix, b.len() - suffix)
}

/// Names parses across every tree of the process.
static PARSES: AtomicU64 = AtomicU64::new(1);

struct Kept<'a> {
    root: &'a AstNode<'a>,
    text: String,
    lines: LineIndex,
    /// Parsed with comrak's footnote handling, which spans the document.
    footnotes: bool,
    /// What the links that may come from references take of comrak's budget
    /// for them, if no reference can have been refused (see [`references_fit`]).
    references: Option<usize>,
    /// The URLs the text's definitions may give. A stretch holds no `]:`,
    /// before or after its change, and starts after a blank line, so the text
    /// a stretch is parsed into has the same.
    urls: DefinedUrls,
}

impl std::fmt::Debug for KeptTree<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptTree")
            .field("nodes", &self.arena.len())
            .field("live", &self.live)
            .finish_non_exhaustive()
    }
}

impl<'a> KeptTree<'a> {
    pub fn new(arena: &'a Arena<'a>) -> Self {
        Self {
            arena,
            kept: None,
            whole: false,
            live: 0,
            parse: 0,
            kept_from: None,
        }
    }

    /// The tree of `text` and its line index: the kept tree with the blocks the
    /// change may touch parsed again, or a parse of the whole text.
    pub fn parse(&mut self, text: &str) -> Parse<'a, '_> {
        let change = self.kept.as_ref().map(|kept| {
            let (from, old_end, new_end) = change_between(&kept.text, text);
            let lines = kept.lines.edited(text, from, old_end, new_end);
            (
                KeptFrom {
                    parse: self.parse,
                    from,
                    old_end,
                    new_end,
                },
                lines,
            )
        });
        let (change, lines) = match change {
            Some((change, lines)) => (Some(change), lines),
            None => (None, LineIndex::new(text)),
        };
        let stretch = self
            .kept
            .as_ref()
            .zip(change)
            .and_then(|(kept, change)| parse_stretch(self.arena, kept, text, &lines, change));
        self.whole = stretch.is_none();
        self.kept_from = change.filter(|_| stretch.is_some());
        self.parse = PARSES.fetch_add(1, Ordering::Relaxed);
        let kept = match (stretch, self.kept.take()) {
            (Some(stretch), Some(mut kept)) => {
                self.live = self.live + stretch.added - stretch.removed;
                kept.references = Some(stretch.references);
                stretch.apply(kept.root);
                kept.text.clear();
                kept.text.push_str(text);
                kept.lines = lines;
                kept
            }
            _ => {
                let before = self.arena.len();
                let root = markdown::parse(self.arena, text);
                self.live = self.arena.len() - before;
                let urls = DefinedUrls::of(text);
                let references =
                    references_fit(text, &lines, reference_bytes(root.children(), &urls));
                Kept {
                    root,
                    text: text.to_owned(),
                    lines,
                    footnotes: markdown::may_hold_footnotes(text),
                    references,
                    urls,
                }
            }
        };
        let kept = self.kept.insert(kept);
        Parse {
            root: kept.root,
            lines: &kept.lines,
            id: self.parse,
            kept_from: self.kept_from,
        }
    }

    /// Whether the last [`parse`](Self::parse) parsed the whole text.
    pub fn parsed_whole(&self) -> bool {
        self.whole
    }

    /// Whether the arena holds more replaced nodes than kept ones (and many):
    /// time for a new arena.
    pub fn wasteful(&self) -> bool {
        self.arena.len() > 2 * self.live + 100_000
    }
}

/// The blocks of a stretch parsed again, to put in place of the old ones.
#[derive(Default)]
struct Stretch<'a> {
    /// The old top-level blocks it replaces.
    old: Vec<&'a AstNode<'a>>,
    /// The new ones, their lines counted from the top of the document.
    new: Vec<&'a AstNode<'a>>,
    /// The first block after the stretch, kept; with lines moved by `moved`.
    next: Option<&'a AstNode<'a>>,
    moved: isize,
    /// The document's end, when the stretch reaches it.
    end: Option<comrak::nodes::LineColumn>,
    /// Nodes added to the tree, and taken from it.
    added: usize,
    removed: usize,
    /// What the tree's links that may come from references take of the budget.
    references: usize,
}

impl<'a> Stretch<'a> {
    fn apply(self, root: &'a AstNode<'a>) {
        for node in &self.old {
            node.detach();
        }
        for node in self.new {
            match self.next {
                Some(next) => next.insert_before(node),
                None => root.append(node),
            }
        }
        if self.moved != 0 {
            let mut after = self.next;
            while let Some(node) = after {
                shift(node, self.moved);
                after = node.next_sibling();
            }
            let mut data = root.data_mut();
            data.sourcepos.end.line = moved_line(data.sourcepos.end.line, self.moved);
        }
        if let Some(end) = self.end {
            root.data_mut().sourcepos.end = end;
        }
    }
}

/// Parses the stretch of top-level blocks of `kept` that the change to `text`
/// may touch, or `None` when the whole text must be parsed.
fn parse_stretch<'a>(
    arena: &'a Arena<'a>,
    kept: &Kept<'a>,
    text: &str,
    lines: &LineIndex,
    change: KeptFrom,
) -> Option<Stretch<'a>> {
    if kept.footnotes || markdown::may_hold_footnotes(text) {
        return None;
    }
    let held_references = kept.references?;
    let old = kept.text.as_str();
    let KeptFrom {
        from: prefix,
        old_end: changed_end,
        ..
    } = change;
    let (a, b) = (old.as_bytes(), text.as_bytes());
    if prefix == a.len() && prefix == b.len() {
        return Some(Stretch {
            references: held_references,
            ..Stretch::default()
        });
    }
    let first_changed = kept.lines.line_col(prefix).0;
    let last_changed = kept.lines.line_col(changed_end).0;
    let moved = lines.line_count() as isize - kept.lines.line_count() as isize;
    let blocks: Vec<_> = kept.root.children().collect();
    let start_line = |node: &AstNode<'_>| node.data().sourcepos.start.line;

    // The stretch starts with the last block starting afresh before the change.
    let before = blocks.partition_point(|n| start_line(n) < first_changed);
    let (first, from_line) = match (0..before).rev().take(TRIES).find(|&i| {
        let line = start_line(blocks[i]);
        line == 1 || kept.lines.is_blank(old, line - 1)
    }) {
        Some(i) => (i, start_line(blocks[i])),
        None if before <= TRIES => (0, 1),
        None => return None,
    };
    let from = lines.offset(from_line, 1);
    // Where front matter ends depends on the whole text: it must end where it
    // did, before the change. Below the first line, a stretch starting with
    // `---` or a BOM would be taken for front matter (or lose the BOM).
    let opens = |t: &str| t.strip_prefix('\u{feff}').unwrap_or(t).starts_with("---");
    if opens(old) || opens(text) {
        let same = match (front_matter_end(old), front_matter_end(text)) {
            (Some(a), Some(b)) => a == b && a + 4 <= prefix,
            (a, b) => a == b,
        };
        if !same {
            return None;
        }
    }
    if from_line > 1 && (opens(&text[from..]) || text[from..].starts_with('\u{feff}')) {
        return None;
    }

    // It ends before a block starting afresh after the change, in both texts;
    // or with the document.
    let after = blocks.partition_point(|n| start_line(n) <= last_changed);
    let candidates = (after..blocks.len())
        .filter(|&i| {
            let line = start_line(blocks[i]);
            kept.lines.is_blank(old, line - 1) && lines.is_blank(text, moved_line(line - 1, moved))
        })
        .map(Some)
        .chain(std::iter::once(None))
        .take(TRIES);
    // Read from the text only if the stretch refers to a label it does not define.
    let labels = OnceLock::new();
    for next in candidates {
        // The new line of the next block's first line; the stretch is parsed
        // through it, to see that a block still starts there.
        let next_line = next.map(|i| moved_line(start_line(blocks[i]), moved));
        let to = next_line.map_or(text.len(), |line| lines.offset(line + 1, 1));
        // No definition in the stretch, before or after the change (nor in the
        // next block's line parsed with it): the document's are the same, and
        // the stretch's references all go to the document's labels.
        let old_from = kept.lines.offset(from_line, 1);
        let old_to = next.map_or(old.len(), |i| kept.lines.offset(start_line(blocks[i]), 1));
        if memchr::memmem::find(&b[from..to], b"]:").is_some()
            || memchr::memmem::find(&a[old_from..old_to], b"]:").is_some()
        {
            return None;
        }
        let parsed = parse_alone(arena, &text[from..to], || {
            labels.get_or_init(|| DefinedLabels::of(text))
        })?;
        let children: Vec<_> = parsed.children().collect();
        let kept_count = match next_line {
            Some(line) => {
                let relative = line - from_line + 1;
                match children.iter().position(|n| start_line(n) == relative) {
                    Some(at) => at,
                    // What the change opened reaches into the next block.
                    None => continue,
                }
            }
            None => children.len(),
        };
        let new: Vec<_> = children[..kept_count].to_vec();
        let added = new.iter().map(|n| count(n)).sum();
        for node in &new {
            node.detach();
            shift(node, from_line as isize - 1);
        }
        let last = next.unwrap_or(blocks.len());
        let old_blocks: Vec<_> = blocks[first..last].to_vec();
        let removed = old_blocks.iter().map(|n| count(n)).sum();
        let taken = reference_bytes(old_blocks.iter().copied(), &kept.urls);
        let given = reference_bytes(new.iter().copied(), &kept.urls);
        let references = references_fit(text, lines, held_references.checked_sub(taken)? + given)?;
        let end = next.is_none().then(|| {
            let mut end = parsed.data().sourcepos.end;
            end.line = moved_line(end.line, from_line as isize - 1);
            end
        });
        return Some(Stretch {
            old: old_blocks,
            new,
            next: next.map(|i| blocks[i]),
            moved,
            end,
            added,
            removed,
            references,
        });
    }
    None
}

/// Parses `stretch` as a document of its own, or `None` if it refers to a
/// label the document may define (as `labels` says).
fn parse_alone<'a, 'l>(
    arena: &'a Arena<'a>,
    stretch: &str,
    labels: impl Fn() -> &'l DefinedLabels + Send + Sync + std::panic::RefUnwindSafe,
) -> Option<&'a AstNode<'a>> {
    let defined = AtomicBool::new(false);
    let mut options = markdown::options();
    options.extension.footnotes = false;
    options.parse.broken_link_callback = Some(Arc::new(|r: BrokenLinkReference<'_>| {
        if labels().may_define(r.normalized) {
            defined.store(true, Ordering::Relaxed);
        }
        None::<ResolvedReference>
    }));
    let root = comrak::parse_document(arena, stretch, &options);
    (!defined.load(Ordering::Relaxed)).then_some(root)
}

/// Where comrak's search for the line closing `text`'s front matter ends, if
/// it opens with some: it looks for `\n---\r\n` anywhere, then `\n---\n`, then
/// `\n---`, and looks at the few bytes after what it finds.
fn front_matter_end(text: &str) -> Option<usize> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let open = text[bom..].strip_prefix("---")?;
    let start = bom
        + 3
        + ["\n", "\r\n"]
            .into_iter()
            .find(|eol| open.starts_with(eol))?
            .len();
    let rest = &text[start..];
    let found = ["\n---\r\n", "\n---\n", "\n---"]
        .into_iter()
        .find_map(|closing| rest.find(closing))?;
    Some(start + found + 4)
}

/// Moves every position in `node` and below it by `by` lines. Position 0 means
/// none and stays.
fn shift<'a>(node: &'a AstNode<'a>, by: isize) {
    if by == 0 {
        return;
    }
    let move_pos = |pos: &mut Sourcepos| {
        pos.start.line = moved_line(pos.start.line, by);
        pos.end.line = moved_line(pos.end.line, by);
    };
    for d in node.descendants() {
        let mut data = d.data_mut();
        move_pos(&mut data.sourcepos);
        // The one position comrak keeps in a node's value.
        if let NodeValue::TaskItem(item) = &mut data.value {
            move_pos(&mut item.symbol_sourcepos);
        }
    }
}

fn moved_line(line: usize, by: isize) -> usize {
    if line == 0 {
        0
    } else {
        line.saturating_add_signed(by)
    }
}

fn count<'a>(node: &'a AstNode<'a>) -> usize {
    node.descendants().count()
}

#[cfg(test)]
mod tests;
