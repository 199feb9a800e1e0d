//! Preview HTML whose source positions stay put when lines are added above.
//!
//! comrak writes `data-sourcepos="3:1-5:20"` with lines counted from the top of
//! the document, so one Enter changes the positions of every later block, and the
//! rest of the preview would have to be sent again and patched. Here the lines in
//! each top-level block's positions count from the block's own first line
//! instead, and the blocks' first lines go beside the HTML as a list of numbers:
//! an Enter then changes one block at most, and one number.
//!
//! The HTML is cut into top-level elements as the preview cuts it (`ui/src/preview/blocks.ts`),
//! which works because of how the engine writes HTML: text and attribute values
//! are escaped and raw HTML is replaced by a comment, so every `<` starts a tag or
//! a comment.

use std::fmt::Write;

use memchr::{memchr, memmem};

/// Preview HTML with its positions relative to their top-level block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockRelative {
    /// The HTML, each `data-sourcepos` line counted from its top-level element's
    /// first line, which is line 1 (lines before it, as in footnotes gathered at
    /// the end, are 0 or less).
    pub html: String,
    /// The first line of each top-level element of `html`, in order: the start
    /// of the first position in it (for an element with none, the one before's).
    /// Empty when the HTML could not be cut into elements: its positions are then
    /// left as they were, counted from the top of the document.
    pub starts: Vec<u32>,
}

/// `html` with each top-level element's positions counted from its first line.
pub fn block_relative(html: &str) -> BlockRelative {
    rewrite(html).unwrap_or_else(|| BlockRelative {
        html: html.to_owned(),
        starts: Vec::new(),
    })
}

const ATTRIBUTE: &str = " data-sourcepos=\"";
const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn rewrite(html: &str) -> Option<BlockRelative> {
    let mut starts: Vec<u32> = Vec::new();
    let (out, blocks) = map_positions(html, |block, range, out| {
        if starts.len() <= block {
            // Blocks since the last one with a position take its first line.
            starts.resize(block, starts.last().copied().unwrap_or(1));
            starts.push(u32::try_from(range.start_line).ok()?);
        }
        range.write_shifted(1 - i64::from(starts[block]), out);
        Some(())
    })?;
    starts.resize(blocks, starts.last().copied().unwrap_or(1));
    Some(BlockRelative { html: out, starts })
}

/// The HTML of one top-level node, which starts on line `first_line`, as
/// [`block_relative`] makes it within the whole document's HTML; and the first
/// line of each of its elements, counted from `first_line` (0). `None` when an
/// element has no position (in the whole HTML it would take the first line of
/// the element before, which may be another node's) or the HTML is not shaped as
/// the engine writes it.
pub(super) fn relative_block(html: &str, first_line: u32) -> Option<(String, Vec<u32>)> {
    let mut starts: Vec<u32> = Vec::new();
    let (out, blocks) = map_positions(html, |block, range, out| {
        if starts.len() < block {
            return None;
        }
        if starts.len() == block {
            starts.push(
                u32::try_from(range.start_line)
                    .ok()?
                    .checked_sub(first_line)?,
            );
        }
        range.write_shifted(1 - i64::from(first_line + starts[block]), out);
        Some(())
    })?;
    (starts.len() == blocks).then_some((out, starts))
}

/// The HTML again with its positions counted from the top of the document, as
/// the page reads them: the block's first line, plus the line in the block, minus one.
#[cfg(test)]
pub(crate) fn absolute(relative: &BlockRelative) -> Option<String> {
    let (html, _) = map_positions(&relative.html, |block, range, out| {
        range.write_shifted(i64::from(*relative.starts.get(block)?) - 1, out);
        Some(())
    })?;
    Some(html)
}

/// `html` with each `data-sourcepos` value replaced by what `map` writes for it,
/// given the index of its top-level element; and how many top-level elements
/// there are. `None` when the HTML is not shaped as the engine writes it or `map`
/// fails.
fn map_positions(
    html: &str,
    mut map: impl FnMut(usize, &SourceRange, &mut String) -> Option<()>,
) -> Option<(String, usize)> {
    let bytes = html.as_bytes();
    let attribute = memmem::Finder::new(ATTRIBUTE);
    let mut out = String::with_capacity(html.len());
    let mut blocks = 0;
    let mut copied = 0;
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]).map(|n| i + n) {
        if depth == 0 && !is_blank(&bytes[i..lt]) {
            return None;
        }
        let gt = lt + memchr(b'>', &bytes[lt..])?;
        match bytes.get(lt + 1) {
            Some(b'!') => {
                if !html[lt..].starts_with("<!--") {
                    return None;
                }
                i = lt + 4 + memmem::find(&bytes[lt + 4..], b"-->")? + 3;
                continue;
            }
            Some(b'/') => depth = depth.checked_sub(1)?,
            Some(c) if c.is_ascii_alphabetic() => {
                if depth == 0 {
                    blocks += 1;
                }
                if let Some(at) = attribute.find(&bytes[lt..gt]) {
                    let from = lt + at + ATTRIBUTE.len();
                    let to = from + memchr(b'"', &bytes[from..gt])?;
                    let range = SourceRange::parse(&html[from..to])?;
                    out.push_str(&html[copied..from]);
                    map(blocks - 1, &range, &mut out)?;
                    copied = to;
                }
                if bytes[gt - 1] != b'/' && !is_void(&bytes[lt + 1..gt]) {
                    depth += 1;
                }
            }
            _ => return None,
        }
        i = gt + 1;
    }
    if depth != 0 || !is_blank(&bytes[i..]) {
        return None;
    }
    out.push_str(&html[copied..]);
    Some((out, blocks))
}

/// One `data-sourcepos` value: `start_line:start_column-end_line:end_column`.
struct SourceRange<'a> {
    start_line: i64,
    start_column: &'a str,
    end_line: i64,
    end_column: &'a str,
}

impl<'a> SourceRange<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        // The dash between start and end; a line may itself start with a minus
        // (relative to a block that starts below it).
        let dash = 1 + value.get(1..)?.find('-')?;
        let (start, end) = (&value[..dash], &value[dash + 1..]);
        let (start_line, start_column) = start.split_once(':')?;
        let (end_line, end_column) = end.split_once(':')?;
        Some(Self {
            start_line: start_line.parse().ok()?,
            start_column,
            end_line: end_line.parse().ok()?,
            end_column,
        })
    }

    /// Writes the range with `shift` added to its lines.
    fn write_shifted(&self, shift: i64, out: &mut String) {
        // Writing into a String cannot fail.
        let _ = write!(
            out,
            "{}:{}-{}:{}",
            self.start_line + shift,
            self.start_column,
            self.end_line + shift,
            self.end_column
        );
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
}

/// Whether the tag whose name starts `tag` (after the `<`) is a void element's.
fn is_void(tag: &[u8]) -> bool {
    let name_len = tag
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
        .unwrap_or(tag.len());
    let name = &tag[..name_len];
    VOID.iter().any(|v| name.eq_ignore_ascii_case(v.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    fn preview(text: &str) -> String {
        let arena = comrak::Arena::new();
        markdown::render_html(markdown::parse(&arena, text))
    }

    #[test]
    fn positions_count_from_their_top_level_block() {
        let html = "<ul data-sourcepos=\"3:1-4:5\">\n<li data-sourcepos=\"4:1-4:5\">a</li>\n</ul>\n<hr data-sourcepos=\"6:1-6:3\" />\n<p data-sourcepos=\"8:2-9:7\">b<br />c</p>\n";
        let r = block_relative(html);
        assert_eq!(r.starts, [3, 6, 8]);
        assert_eq!(
            r.html,
            "<ul data-sourcepos=\"1:1-2:5\">\n<li data-sourcepos=\"2:1-2:5\">a</li>\n</ul>\n<hr data-sourcepos=\"1:1-1:3\" />\n<p data-sourcepos=\"1:2-2:7\">b<br />c</p>\n"
        );
    }

    #[test]
    fn lines_added_above_change_only_the_starts() {
        let body = "# Title\n\nSome *text*.\n\n- [ ] a task\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```mermaid\ngraph TD\n```\n";
        let before = block_relative(&preview(&format!("Intro.\n\n{body}")));
        let after = block_relative(&preview(&format!("Intro.\n\n\n\n{body}")));
        assert_eq!(before.html, after.html);
        assert_eq!(before.starts.len(), 6);
        let shifted: Vec<u32> = before.starts[1..].iter().map(|s| s + 2).collect();
        assert_eq!(after.starts[1..], shifted[..]);
    }

    #[test]
    fn footnotes_gathered_at_the_end_count_from_the_first_one() {
        let r = block_relative(&preview(
            "See[^b] and[^a].\n\n[^a]: First written.\n\n[^b]: Second written.\n",
        ));
        assert_eq!(r.starts.len(), 2, "{}", r.html);
        // The section starts with the footnote referenced first, written last.
        assert_eq!(r.starts[1], 5);
        assert!(r.html.contains("data-sourcepos=\"-1:"), "{}", r.html);
    }

    #[test]
    fn raw_html_comments_and_elements_without_positions_keep_the_count() {
        let r = block_relative(
            "<!-- raw HTML omitted -->\n<p data-sourcepos=\"2:1-2:2\">x</p>\n<section class=\"footnotes\"><ol></ol></section>\n",
        );
        assert_eq!(r.starts, [2, 2]);
    }

    #[test]
    fn html_not_shaped_as_the_engine_writes_it_is_left_as_it_is() {
        for html in [
            "text <p data-sourcepos=\"1:1-1:2\">x</p>",
            "<p data-sourcepos=\"1:1-1:2\">x",
            "<p data-sourcepos=\"1:1-1:2\">x</p></div>",
            "<p data-sourcepos=\"one\">x</p>",
            "<!-- open",
        ] {
            let r = block_relative(html);
            assert_eq!((r.html.as_str(), r.starts.len()), (html, 0));
        }
    }
}
