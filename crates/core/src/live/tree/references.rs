//! What a text's link reference definitions allow a stretch to know without
//! the rest of the text: which labels they may define (a stretch that refers to
//! one is parsed with the whole text), which URLs they may give, and whether
//! comrak may refuse a reference for want of budget.
//!
//! comrak resolves a reference only while the URLs and titles of the references
//! resolved before it stay within its budget: the text's length, at most
//! 100,000 bytes (`RefMap::lookup`, `max_ref_size`). A kept block keeps the
//! outcome of the parse it came from, so a stretch is parsed only while no
//! reference can be refused. That needs an upper bound on what the tree's
//! references take, read from the tree alone.

use std::collections::HashSet;

use comrak::nodes::{AstNode, NodeValue};

use super::front_matter_end;
use crate::markdown::LineIndex;

/// The labels a text may define links for: each `[label]:` in it, whatever
/// the context (a code block too). A label this cannot read plainly — across
/// lines, with escapes, tabs or anything outside printable ASCII — may be any
/// label.
#[derive(Debug, Default)]
pub(super) struct DefinedLabels {
    plain: HashSet<String>,
    pub(super) any: bool,
}

impl DefinedLabels {
    /// comrak's labels are at most 1,000 bytes.
    const LONGEST: usize = 1001;

    pub(super) fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut labels = Self::default();
        for end in memchr::memmem::find_iter(bytes, b"]:") {
            let floor = end.saturating_sub(Self::LONGEST);
            match bytes[floor..end]
                .iter()
                .rposition(|&c| matches!(c, b'[' | b']'))
            {
                Some(i) if bytes[floor + i] == b'[' => {
                    let open = floor + i;
                    let label = &text[open + 1..end];
                    let escaped = open > 0 && bytes[open - 1] == b'\\';
                    let plain = label
                        .bytes()
                        .all(|c| (b' '..=b'~').contains(&c) && c != b'\\');
                    if escaped || !plain {
                        labels.any = true;
                    } else {
                        labels.plain.insert(normalize(label));
                    }
                }
                // A bracket inside: not a label unless escaped.
                Some(i) if floor + i > 0 && bytes[floor + i - 1] == b'\\' => labels.any = true,
                Some(_) => {}
                None => labels.any = true,
            }
        }
        labels
    }

    /// Whether a label comrak normalised to `normalized` may be defined.
    pub(super) fn may_define(&self, normalized: &str) -> bool {
        self.any || self.plain.contains(normalized)
    }
}

/// A printable ASCII label as comrak normalises it: trimmed, each run of spaces
/// one space, lower case.
fn normalize(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// The URLs a text's definitions may give the links that refer to them. A
/// reference's link has exactly its definition's destination as comrak cleans
/// it: without angle brackets, escapes and entities undone. A destination
/// follows its `]:` on the same line, or on the next when nothing does (after
/// a container's `>` there), and holds no space or control character unless
/// in angle brackets. So every word there, the same without leading `>`, and
/// whatever angle brackets enclose, are all it can be — unless one holds an
/// escape, an entity or a NUL (a destination keeps a NUL, which this takes for
/// the end of a word): then the destination may be anything.
///
/// This reads no position: comrak misplaces inlines after a tab in nested
/// containers, after a destination or label across lines, and in a paragraph
/// that starts with a definition, so a link's source cannot tell a reference
/// from a link written inline (found by a review's fuzzing).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum DefinedUrls {
    /// Every URL a definition may give is one of these.
    Among(HashSet<String>),
    /// A definition may give any URL.
    Any,
}

impl DefinedUrls {
    pub(super) fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut urls = HashSet::new();
        for at in memchr::memmem::find_iter(bytes, b"]:") {
            let (mut place, next) = split_line(&text[at + 2..]);
            if place.trim_matches([' ', '\t']).is_empty() {
                place = split_line(next).0;
            }
            if place.contains(['\\', '&', '\0']) {
                return Self::Any;
            }
            for word in place.split(|c: char| is_space(c) || c.is_ascii_control()) {
                urls.insert(word.to_owned());
                urls.insert(word.trim_start_matches('>').to_owned());
            }
            for (open, _) in place.match_indices('<') {
                if let Some(close) = place[open + 1..].find(['<', '>'])
                    && place.as_bytes()[open + 1 + close] == b'>'
                {
                    // comrak trims what the brackets hold.
                    let held = &place[open + 1..open + 1 + close];
                    urls.insert(held.trim_matches(is_space).to_owned());
                }
            }
        }
        Self::Among(urls)
    }

    /// Whether a link to `url` may come from a definition.
    fn may_give(&self, url: &str) -> bool {
        match self {
            Self::Among(urls) => urls.contains(url),
            Self::Any => true,
        }
    }
}

/// The first line of `s`, and what follows its line break.
fn split_line(s: &str) -> (&str, &str) {
    let end = s.find(['\n', '\r']).unwrap_or(s.len());
    let after = &s[end..];
    let next = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix(['\n', '\r']));
    (&s[..end], next.unwrap_or(""))
}

/// A space to comrak (`ctype::isspace`): a space, tab, line feed or carriage
/// return; not a form feed or vertical tab, which a destination in angle
/// brackets may hold and keeps (a review's fuzzing).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// At least what the links and images under `nodes` that come from references
/// take of comrak's budget for references: the URLs' and titles' bytes of each
/// whose URL a definition may give (see [`DefinedUrls`]).
pub(super) fn reference_bytes<'a>(
    nodes: impl IntoIterator<Item = &'a AstNode<'a>>,
    urls: &DefinedUrls,
) -> usize {
    nodes
        .into_iter()
        .flat_map(|node| node.descendants())
        .map(|d| match &d.data().value {
            NodeValue::Link(link) | NodeValue::Image(link) if urls.may_give(&link.url) => {
                link.url.len() + link.title.len()
            }
            _ => 0,
        })
        .sum()
}

/// `resolved` — what the links that may come from references take of comrak's
/// budget for them — if no reference can be refused for want of budget: it
/// must leave room for the longest a definition may be, before the change or
/// after it. A text with no `]:` defines nothing to refuse.
pub(super) fn references_fit(text: &str, lines: &LineIndex, resolved: usize) -> Option<usize> {
    let longest = longest_definition(text, lines);
    if longest == 0 {
        return Some(resolved);
    }
    // Less what front matter and a byte order mark may take.
    let front = front_matter_end(text).map_or(0, |end| end + 4) + 3;
    let budget = text.len().saturating_sub(front).min(100_000);
    (resolved + longest <= budget).then_some(resolved)
}

/// At least the bytes of the URL and title of the longest definition in `text`:
/// twice what follows a `]:` up to the next blank line (entities may decode to a
/// few more bytes than they take). Each paragraph is measured once.
fn longest_definition(text: &str, lines: &LineIndex) -> usize {
    let mut longest = 0;
    let mut paragraph_end = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"]:") {
        if at >= paragraph_end {
            let mut line = lines.line_col(at).0 + 1;
            while line <= lines.line_count() && !lines.is_blank(text, line) {
                line += 1;
            }
            paragraph_end = lines.offset(line, 1);
        }
        longest = longest.max(2 * (paragraph_end - at));
    }
    longest
}
