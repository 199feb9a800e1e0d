//! The live analysis behind the editor, with work and traffic proportional to
//! what changed. The editor sends the edits since the text the engine last saw
//! (not the whole text); the engine parses again only the top-level blocks they
//! may change ([`KeptTree`]), renders only the blocks whose source changed
//! ([`PreviewBlocks`]), and answers how to turn the preview HTML the editor shows
//! into the new one (one replaced stretch) and only the panel data that changed. The
//! preview's positions count from their top-level block's first line, and those
//! first lines come as a list beside the HTML ([`positions`]), so lines added
//! above a block change neither its HTML nor more than one number of the list.
//!
//! Offsets across the boundary are UTF-16 code units, as the editor and
//! JavaScript count them; the engine works in UTF-8 bytes.

use comrak::Arena;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, OutlineEntry, Parsed};
use crate::checklist::Checklist;
use crate::validate::Report;

mod engine;
mod moved;
mod positions;
mod preview;
mod tree;

pub use engine::{EngineStopped, LiveEngine};
pub use moved::Moved;
pub use positions::{BlockRelative, block_relative};
pub use preview::PreviewBlocks;
pub use tree::{KeptFrom, KeptTree, Parse};

/// One replaced range of the text: UTF-16 offsets into the text before any edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextEdit {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// The text to analyse: whole, or as edits to a version the engine holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TextChange {
    Whole {
        text: String,
    },
    /// Ascending, non-overlapping edits to version `base`.
    Edits {
        base: u32,
        edits: Vec<TextEdit>,
    },
}

/// The engine no longer holds the version the edits apply to (or they do not fit
/// it): send the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaleText;

impl std::fmt::Display for StaleText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the edits do not apply to the text the engine holds")
    }
}

impl std::error::Error for StaleText {}

/// The new preview HTML as a change to the HTML on show: keep its first
/// `keep_start` and last `keep_end` UTF-16 units, put `insert` in between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HtmlSplice {
    pub keep_start: u32,
    pub keep_end: u32,
    pub insert: String,
}

/// The first lines of the preview's top-level blocks, as a change to those on
/// show. Each number is the distance from the block before's first line (the
/// first block's from line 0), so lines added or removed above a stretch of blocks
/// change one number: keep the first `keep_start` and last `keep_end` numbers, put
/// `insert` in between. An empty list means the HTML's positions count from the
/// top of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineSplice {
    pub keep_start: u32,
    pub keep_end: u32,
    pub insert: Vec<i32>,
}

/// The analysis of one version, as a change to the one on show. A panel part is
/// `None` when it is the one on show with its lines and offsets moved as `moved`
/// says (the same as on show when nothing moved); the preview HTML's positions
/// count from the first line of their top-level block, given in `block_lines`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LiveAnalysis {
    pub version: u32,
    pub html: HtmlSplice,
    pub block_lines: LineSplice,
    pub moved: Moved,
    pub checklist: Option<Checklist>,
    pub report: Option<Report>,
    pub outline: Option<Vec<OutlineEntry>>,
    pub word_count: usize,
}

/// The analysis the editor shows, as last answered.
#[derive(Debug)]
struct Shown {
    version: u32,
    /// With the preview's positions relative to its blocks.
    analysis: Analysis,
    /// The blocks' first lines, each as the distance from the one before.
    gaps: Vec<i32>,
}

/// The engine's copy of the editor's text and of what the editor shows, with
/// the text's parsed tree kept in an arena (see [`KeptTree`]).
#[derive(Debug)]
pub struct LiveDocument<'a> {
    state: LiveState,
    tree: KeptTree<'a>,
}

/// What a [`LiveDocument`] holds apart from its tree: moved from one arena to
/// the next.
#[derive(Debug, Default)]
pub struct LiveState {
    text: Option<(u32, String)>,
    /// How the last update's one edit moved lines, and the version it was made to.
    moved: Option<(u32, Moved)>,
    shown: Option<Shown>,
    /// The preview's blocks as last rendered, for the next analysis to reuse.
    preview: PreviewBlocks,
}

impl<'a> LiveDocument<'a> {
    /// A document holding no text yet, its tree to be kept in `arena`.
    pub fn new(arena: &'a Arena<'a>) -> Self {
        Self::with_state(arena, LiveState::default())
    }

    /// The document `state` was taken from, its tree to be kept in `arena`
    /// (parsed with the next analysis, or by [`parse_now`](Self::parse_now)).
    pub fn with_state(arena: &'a Arena<'a>, state: LiveState) -> Self {
        Self {
            state,
            tree: KeptTree::new(arena),
        }
    }

    /// Parses the text into the tree now, so the next analysis parses only
    /// what changed.
    pub fn parse_now(&mut self) {
        if let Some((_, text)) = &self.state.text {
            self.tree.parse(text);
        }
    }

    /// Whether the last analysis parsed only the blocks an edit touched.
    pub fn parsed_a_stretch(&self) -> bool {
        !self.tree.parsed_whole()
    }

    /// All but the tree, to go on in a new arena.
    pub fn into_state(self) -> LiveState {
        self.state
    }

    /// Whether the arena holds so many replaced nodes that the document should
    /// go on in a new one.
    pub fn wasteful(&self) -> bool {
        self.tree.wasteful()
    }

    /// Brings the text to `version`. On [`StaleText`] the text is forgotten, so
    /// only a whole text is accepted next.
    pub fn update(&mut self, version: u32, change: TextChange) -> Result<(), StaleText> {
        self.state.moved = None;
        let text = match change {
            TextChange::Whole { text } => text,
            TextChange::Edits { base, edits } => {
                let held = self.state.text.take().ok_or(StaleText)?;
                if held.0 != base {
                    return Err(StaleText);
                }
                let text = apply_edits(&held.1, &edits).ok_or(StaleText)?;
                if let [edit] = edits.as_slice() {
                    let mut cursor = Utf16Cursor::new(&held.1);
                    let from = cursor.seek(edit.from as usize).ok_or(StaleText)?;
                    let to = cursor.seek(edit.to as usize).ok_or(StaleText)?;
                    self.state.moved =
                        Moved::by_edit(&held.1, from, to, &edit.insert).map(|m| (base, m));
                }
                text
            }
        };
        self.state.text = Some((version, text));
        Ok(())
    }

    /// The text as of the last [`update`](Self::update).
    #[cfg(test)]
    pub fn text(&self) -> Option<&str> {
        self.state.text.as_ref().map(|(_, text)| text.as_str())
    }

    /// The text, if the last [`update`](Self::update) brought it to `version`.
    pub fn text_of(&self, version: u32) -> Option<&str> {
        self.state
            .text
            .as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, text)| text.as_str())
    }

    /// Analyses the current text with `analyze`, which makes the preview with the
    /// renderer it is given (so that only changed blocks are rendered again), and
    /// answers it as a change to version `shown` — what the editor shows — when
    /// that is the version last answered; otherwise (or with no text) everything
    /// is sent whole.
    pub fn analyze(
        &mut self,
        shown: Option<u32>,
        analyze: impl FnOnce(Parsed<'_, 'a>, &mut PreviewBlocks) -> Analysis,
    ) -> LiveAnalysis {
        let state = &mut self.state;
        let (version, text) = state
            .text
            .as_ref()
            .map_or((0, ""), |(v, t)| (*v, t.as_str()));
        let parsed = self.tree.parse(text);
        let (root, lines) = (parsed.root, parsed.lines);
        state.preview.follow(parsed.id, parsed.kept_from);
        let new = analyze(Parsed { text, lines, root }, &mut state.preview);
        let gaps = gaps(state.preview.starts());
        let shown = state.shown.as_ref().filter(|s| Some(s.version) == shown);
        let base = shown.map(|s| &s.analysis);
        // The edit's move applies to the version on show only.
        let moved = state
            .moved
            .filter(|(from, _)| shown.is_some_and(|s| s.version == *from))
            .map_or_else(Moved::default, |(_, m)| m);
        let answer = LiveAnalysis {
            version,
            html: splice(base.map_or("", |b| b.html.as_str()), &new.html),
            block_lines: splice_lines(shown.map_or(&[], |s| s.gaps.as_slice()), &gaps),
            moved,
            checklist: changed(
                base.map(|b| &b.checklist),
                &new.checklist,
                moved,
                Moved::checklist,
            ),
            report: changed(base.map(|b| &b.report), &new.report, moved, Moved::report),
            outline: changed(base.map(|b| &b.outline), &new.outline, moved, |m, o| {
                m.outline(o)
            }),
            word_count: new.word_count,
        };
        state.shown = Some(Shown {
            version,
            analysis: new,
            gaps,
        });
        answer
    }
}

/// `new`, unless it is `old` moved as `moved` says (then `None`: the editor has it).
fn changed<T: Clone + PartialEq>(
    old: Option<&T>,
    new: &T,
    moved: Moved,
    move_old: impl Fn(&Moved, &T) -> T,
) -> Option<T> {
    let same = old.is_some_and(|old| {
        if moved.is_none() {
            old == new
        } else {
            move_old(&moved, old) == *new
        }
    });
    (!same).then(|| new.clone())
}

/// `text` with `edits` applied, or `None` if they are out of order, overlap, or
/// fall outside the text or inside a character.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Option<String> {
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.insert.len()).sum::<usize>());
    let mut cursor = Utf16Cursor::new(text);
    let mut copied = 0;
    for edit in edits {
        if edit.to < edit.from {
            return None;
        }
        // The cursor only moves forward: an edit before the last one fails here.
        let from = cursor.seek(edit.from as usize)?;
        let to = cursor.seek(edit.to as usize)?;
        out.push_str(&text[copied..from]);
        out.push_str(&edit.insert);
        copied = to;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Walks a string forward, turning UTF-16 offsets into byte offsets.
struct Utf16Cursor<'a> {
    bytes: &'a [u8],
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            byte: 0,
            unit: 0,
        }
    }

    /// The byte offset of UTF-16 offset `unit` (not before the last one sought),
    /// or `None` past the end or inside a surrogate pair.
    fn seek(&mut self, unit: usize) -> Option<usize> {
        if unit < self.unit {
            return None;
        }
        const RUN: usize = 32;
        while self.unit < unit {
            // A run of ASCII, one unit per byte, is skipped whole.
            let run = self.bytes.get(self.byte..self.byte + RUN);
            if unit - self.unit >= RUN && run.is_some_and(<[u8]>::is_ascii) {
                self.byte += RUN;
                self.unit += RUN;
                continue;
            }
            let lead = *self.bytes.get(self.byte)?;
            let (width, units) = match lead {
                0x00..=0x7f => (1, 1),
                0xc0..=0xdf => (2, 1),
                0xe0..=0xef => (3, 1),
                _ => (4, 2),
            };
            self.byte += width;
            self.unit += units;
        }
        (self.unit == unit).then_some(self.byte)
    }
}

/// How many UTF-16 units `s` is. Runs of ASCII are counted 32 bytes at a time:
/// the preview HTML of a large document is over a million of them.
pub fn utf16_len(s: &str) -> usize {
    let mut chunks = s.as_bytes().chunks_exact(32);
    let mut units = 0;
    for chunk in &mut chunks {
        units += if chunk.is_ascii() {
            chunk.len()
        } else {
            units_of(chunk)
        };
    }
    units + units_of(chunks.remainder())
}

/// UTF-16 units of the characters starting in `bytes`: one per lead byte, two
/// for a four-byte character.
fn units_of(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from((b & 0xc0) != 0x80) + usize::from(b >= 0xf0))
        .sum()
}

/// The change from `old` to `new` as one replaced stretch, its ends on character
/// boundaries.
pub fn splice(old: &str, new: &str) -> HtmlSplice {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut start = common_prefix(a, b);
    while !old.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = common_suffix(&a[start..], &b[start..]);
    while !old.is_char_boundary(a.len() - end) || !new.is_char_boundary(b.len() - end) {
        end -= 1;
    }
    HtmlSplice {
        keep_start: to_u32(utf16_len(&old[..start])),
        keep_end: to_u32(utf16_len(&old[a.len() - end..])),
        insert: new[start..b.len() - end].to_owned(),
    }
}

/// Each of `starts` as its distance from the one before (the first from 0).
fn gaps(starts: &[u32]) -> Vec<i32> {
    let mut before = 0i64;
    starts
        .iter()
        .map(|&start| {
            let gap = i64::from(start) - before;
            before = i64::from(start);
            i32::try_from(gap).unwrap_or(0)
        })
        .collect()
}

/// The change from `old` to `new` as one replaced stretch.
fn splice_lines(old: &[i32], new: &[i32]) -> LineSplice {
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let end = old[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    LineSplice {
        keep_start: to_u32(start),
        keep_end: to_u32(end),
        insert: new[start..new.len() - end].to_vec(),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Length of the common prefix, compared a block at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let mut i = 0;
    while i + BLOCK <= a.len() && i + BLOCK <= b.len() && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..]
        .iter()
        .zip(&b[i..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Length of the common suffix, compared a block at a time.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let mut n = 0;
    while n + BLOCK <= a.len()
        && n + BLOCK <= b.len()
        && a[a.len() - n - BLOCK..a.len() - n] == b[b.len() - n - BLOCK..b.len() - n]
    {
        n += BLOCK;
    }
    n + a[..a.len() - n]
        .iter()
        .rev()
        .zip(b[..b.len() - n].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
pub(crate) mod tests;
