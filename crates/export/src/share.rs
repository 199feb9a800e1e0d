//! Markdown for sharing: the document as written, minus template guidance.
//!
//! HTML comments (where templates keep their guidance) are removed; unfilled
//! placeholders are kept, flagged as `**[TODO: …]**`, and sections the template
//! says are still unfilled or empty are flagged or dropped. Everything else is
//! byte-for-byte the original: the output is a splice of the input at the byte
//! ranges the engine found, never a re-serialisation.

use std::ops::Range;

use comrak::nodes::NodeValue;
use specwright_core::document::Document;
use specwright_core::finding::Rule;
use specwright_core::markdown::{self, LineIndex};
use specwright_core::template::Template;
use specwright_core::validate::validate_document;

/// What to do with what is still unfilled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unfilled {
    /// Leave placeholders and unfilled sections as they are.
    Keep,
    /// Wrap placeholders in `**[TODO: …]**` and mark unfilled sections.
    #[default]
    Flag,
    /// Drop unfilled and empty sections (needs a template); flag placeholders.
    Drop,
}

/// Options of [`to_markdown`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ShareOptions<'t> {
    /// The template the document was written from. Without one only
    /// placeholders are known, not unfilled sections.
    pub template: Option<&'t Template>,
    pub unfilled: Unfilled,
}

/// Text inserted under the heading of a section still unfilled.
pub const UNFILLED_NOTE: &str = "**[TODO: this section is still to be written]**";

/// The document `text` as clean Markdown for sharing.
pub fn to_markdown(text: &str, options: &ShareOptions) -> String {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let lines = LineIndex::new(text);
    let doc = Document::from_ast(text, &lines, root);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();

    for c in &doc.comments {
        edits.push((comment_lines(text, c.clone()), String::new()));
    }
    for node in root.descendants() {
        if let NodeValue::HtmlInline(html) = &node.data().value
            && html.starts_with("<!--")
        {
            let pos = node.data().sourcepos;
            edits.push((lines.at(pos.start)..lines.after(pos.end), String::new()));
        }
    }

    if options.unfilled != Unfilled::Keep {
        let report = options
            .template
            .map(|t| validate_document(text, &lines, &doc, Some(t)));
        let unfilled: Vec<bool> = {
            let mut v = vec![false; doc.sections.len()];
            for f in report.iter().flat_map(|r| &r.findings) {
                if matches!(f.rule, Rule::UnfilledSection | Rule::EmptySection)
                    && let Some(i) = doc.section_at(f.start)
                {
                    v[i] = true;
                }
            }
            v
        };
        let dropped = section_edits(text, &doc, &unfilled, options.unfilled, eol, &mut edits);
        let front = doc.front_matter.as_ref().map(|f| f.range.clone());
        let placeholders: Vec<Range<usize>> = match &report {
            Some(r) => r
                .findings
                .iter()
                .filter(|f| f.rule == Rule::Placeholder)
                .map(|f| f.start..f.end)
                .collect(),
            None => doc.placeholders.iter().map(|p| p.range.clone()).collect(),
        };
        for p in placeholders {
            let in_front = front
                .as_ref()
                .is_some_and(|f| f.start <= p.start && p.end <= f.end);
            let in_dropped = dropped.iter().any(|d| d.start <= p.start && p.end <= d.end);
            if !in_front && !in_dropped && p.end <= text.len() && p.start < p.end {
                edits.push((p.clone(), format!("**[TODO: {}]**", escape(&text[p]))));
            }
        }
    }
    splice(text, edits)
}

/// Adds the edits for unfilled sections; returns the ranges dropped.
fn section_edits(
    text: &str,
    doc: &Document,
    unfilled: &[bool],
    mode: Unfilled,
    eol: &str,
    edits: &mut Vec<(Range<usize>, String)>,
) -> Vec<Range<usize>> {
    let n = doc.sections.len();
    // A section can go when it is unfilled and so are all its subsections.
    let mut droppable = unfilled.to_vec();
    for i in (0..n).rev() {
        if let Some(p) = doc.sections[i].parent
            && !droppable[i]
        {
            droppable[p] = false;
        }
    }
    let mut dropped: Vec<Range<usize>> = Vec::new();
    for (i, s) in doc.sections.iter().enumerate() {
        if !unfilled[i] || dropped.iter().any(|d| d.contains(&s.heading.range.start)) {
            continue;
        }
        match mode {
            Unfilled::Drop => {
                if droppable[i] {
                    let range = s.heading.range.start..s.end;
                    edits.push((range.clone(), String::new()));
                    dropped.push(range);
                } else {
                    // Keep the heading's line ending; one blank line replaces the body.
                    let body = &text[s.body.clone()];
                    let skip = if body.starts_with("\r\n") {
                        2
                    } else {
                        usize::from(body.starts_with('\n'))
                    };
                    let range = s.body.start + skip..s.body.end;
                    edits.push((range.clone(), eol.to_owned()));
                    dropped.push(range);
                }
            }
            _ => {
                let at = s.heading.range.end.min(text.len());
                let at = text[..at].trim_end_matches(['\r', '\n']).len();
                let rest = text[at..].trim_start_matches(['\r', '\n']);
                let blank_follows = text[at..].len() - rest.len() >= 2 * eol.len();
                let tail = if blank_follows { "" } else { eol };
                edits.push((at..at, format!("{eol}{eol}{UNFILLED_NOTE}{tail}")));
            }
        }
    }
    dropped
}

/// Widens a comment's range to whole lines when nothing else is on them, so no
/// blank line or stray indentation is left behind.
fn comment_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i + 1);
    let before = &text[line_start..range.start];
    let after = &text[range.end..line_end];
    if !before.trim().is_empty() || !after.trim().is_empty() {
        return range;
    }
    let mut end = line_end;
    // Between blank lines (or at the start), also take the blank line after.
    let blank_before = line_start == 0
        || text[..line_start].ends_with("\n\n")
        || text[..line_start].ends_with("\n\r\n");
    if blank_before {
        let next = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        if text[end..next].trim().is_empty() && next > end {
            end = next;
        }
    }
    line_start..end
}

/// Applies non-overlapping edits (sorted by start; an edit overlapping an earlier
/// one is skipped).
fn splice(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (r, replacement) in edits {
        if r.start < pos
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[pos..r.start]);
        out.push_str(&replacement);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Backslash-escapes what would change meaning inside `**[TODO: …]**`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '_' | '`' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use specwright_core::template::Template;

    #[test]
    fn comments_go_and_everything_else_stays() {
        let text = "# T\n\n<!-- guidance\nmore -->\n\nBody <!-- inline --> text.\n";
        let out = to_markdown(
            text,
            &ShareOptions {
                template: None,
                unfilled: Unfilled::Keep,
            },
        );
        assert_eq!(out, "# T\n\nBody  text.\n");
    }

    #[test]
    fn placeholders_are_flagged_outside_front_matter() {
        let text = "---\ntitle: [Name]\n---\n# [Feature Name]\n\n**Owner**: <name>\n";
        let out = to_markdown(text, &ShareOptions::default());
        assert!(out.starts_with("---\ntitle: [Name]\n---\n"), "{out}");
        assert!(out.contains("# **[TODO: \\[Feature Name\\]]**"), "{out}");
        assert!(out.contains("**Owner**: **[TODO: \\<name\\>]**"), "{out}");
    }

    #[test]
    fn dropping_keeps_headings_apart_and_flagging_adds_one_note() {
        let template = Template::from_markdown(
            "# [Title]\n\n## Goals\n\nList the goals.\n\n### Details\n\nSay more.\n\n## Risks\n\nList risks.\n",
            &Default::default(),
            specwright_core::Origin::File,
            None,
        );
        let text = "# Pay\n\n## Goals\n\nList the goals.\n\n### Details\n\nReal details.\n\n## Risks\n\nList risks.\n";
        let dropped = to_markdown(
            text,
            &ShareOptions {
                template: Some(&template),
                unfilled: Unfilled::Drop,
            },
        );
        assert_eq!(
            dropped,
            "# Pay\n\n## Goals\n\n### Details\n\nReal details.\n\n"
        );
        let flagged = to_markdown(
            text,
            &ShareOptions {
                template: Some(&template),
                unfilled: Unfilled::Flag,
            },
        );
        assert!(
            flagged.contains(&format!("## Risks\n\n{UNFILLED_NOTE}\n\nList risks.")),
            "{flagged}"
        );
    }

    #[test]
    fn indented_comment_lines_leave_no_indentation() {
        let text = "- a\n  <!-- x -->\n- b\n";
        let out = to_markdown(
            text,
            &ShareOptions {
                template: None,
                unfilled: Unfilled::Keep,
            },
        );
        assert_eq!(out, "- a\n- b\n");
    }
}
