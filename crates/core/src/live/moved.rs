//! Panel data after lines were added or removed above it. An Enter in the middle
//! of a document changes the line (and byte offset) of every checklist item,
//! finding and heading after it and nothing else about them; rather than send
//! them all again, the engine says how the edit moved lines and offsets, checks
//! that moving the ones on show that way gives exactly the new ones, and the
//! editor moves its copy the same way (`ui/src/analysis/moved.ts`, which must
//! move the same fields).

use serde::{Deserialize, Serialize};

use crate::analysis::OutlineEntry;
use crate::checklist::Checklist;
use crate::validate::Report;

/// How an edit moved what follows it: a line after `after_line` moves by
/// `lines`, a byte offset from `from_byte` on moves by `bytes`. Nothing moves
/// when both are 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Moved {
    pub after_line: u32,
    pub lines: i32,
    pub from_byte: u32,
    pub bytes: i32,
}

impl Moved {
    /// How replacing bytes `from..to` of `old` with `insert` moves what follows.
    /// A line starting at the edit moves with it.
    pub(super) fn by_edit(old: &str, from: usize, to: usize, insert: &str) -> Option<Self> {
        let before = &old[..from];
        let at_line_start = before.is_empty()
            || before.ends_with('\n')
            || (before.ends_with('\r') && !old[from..].starts_with('\n'));
        // A CR right before the edit ends no line when the LF after it is kept.
        let split_crlf = before.ends_with('\r') && !at_line_start;
        let line = line_breaks(before) + 1 - usize::from(split_crlf);
        let after_line = if at_line_start { line - 1 } else { line };
        let lines = line_breaks(insert) as i64 - line_breaks(&old[from..to]) as i64;
        let bytes = insert.len() as i64 - (to - from) as i64;
        Some(Self {
            after_line: u32::try_from(after_line).ok()?,
            lines: i32::try_from(lines).ok()?,
            from_byte: u32::try_from(to).ok()?,
            bytes: i32::try_from(bytes).ok()?,
        })
    }

    pub(super) fn is_none(&self) -> bool {
        self.lines == 0 && self.bytes == 0
    }

    fn line(&self, line: usize) -> usize {
        if line > self.after_line as usize {
            line.saturating_add_signed(self.lines as isize)
        } else {
            line
        }
    }

    fn byte(&self, offset: usize) -> usize {
        if offset >= self.from_byte as usize {
            offset.saturating_add_signed(self.bytes as isize)
        } else {
            offset
        }
    }

    pub(super) fn checklist(&self, checklist: &Checklist) -> Checklist {
        let mut out = checklist.clone();
        for item in &mut out.items {
            item.line = self.line(item.line);
        }
        for group in &mut out.groups {
            group.line = self.line(group.line);
        }
        out
    }

    pub(super) fn report(&self, report: &Report) -> Report {
        let mut out = report.clone();
        for section in &mut out.sections {
            section.line = section.line.map(|l| self.line(l));
        }
        for finding in &mut out.findings {
            finding.line = self.line(finding.line);
            finding.end_line = self.line(finding.end_line);
            finding.start = self.byte(finding.start);
            finding.end = self.byte(finding.end);
        }
        out
    }

    pub(super) fn outline(&self, outline: &[OutlineEntry]) -> Vec<OutlineEntry> {
        outline
            .iter()
            .map(|entry| OutlineEntry {
                line: self.line(entry.line),
                ..entry.clone()
            })
            .collect()
    }
}

/// How many lines `s` ends (LF, CRLF and a lone CR each end one, as in
/// [`LineIndex`](crate::markdown::LineIndex)).
fn line_breaks(s: &str) -> usize {
    let bytes = s.as_bytes();
    // LFs counted at once (a keystroke counts those of the whole text before
    // it); each CR ends a line unless an LF follows.
    let lone_crs = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    memchr::memchr_iter(b'\n', bytes).count() + lone_crs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enter_moves_the_lines_below_it_and_the_offsets_after_it() {
        let old = "# A\n\nText.\n\n- [ ] task\n";
        // Enter at the end of "Text.": line 3 stays, the task moves from 5 to 6.
        let at = old.find(".\n").unwrap() + 1;
        let m = Moved::by_edit(old, at, at, "\n").unwrap();
        assert_eq!(
            m,
            Moved {
                after_line: 3,
                lines: 1,
                from_byte: at as u32,
                bytes: 1
            }
        );
        assert_eq!((m.line(3), m.line(5)), (3, 6));
        assert_eq!((m.byte(at - 1), m.byte(at)), (at - 1, at + 1));
    }

    #[test]
    fn a_line_the_edit_starts_moves_with_it() {
        let old = "a\r\n# B\n";
        let m = Moved::by_edit(old, 3, 3, "\r\n").unwrap();
        assert_eq!((m.after_line, m.lines), (1, 1));
        assert_eq!(m.line(2), 3);
        // Between CR and LF is not a line start.
        assert_eq!(Moved::by_edit(old, 2, 2, "x").unwrap().after_line, 1);
    }

    #[test]
    fn joining_lines_moves_them_up() {
        let old = "one\ntwo\nthree\n";
        let m = Moved::by_edit(old, 3, 4, " ").unwrap();
        assert_eq!((m.after_line, m.lines, m.bytes), (1, -1, 0));
        assert_eq!(m.line(3), 2);
    }
}
