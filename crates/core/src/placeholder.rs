//! Placeholders: the things a template asks the writer to fill in.
//!
//! Recognised in text the parser left as plain text (so never in code, comments,
//! links, footnote references, task boxes or autolinks):
//! - bracketed: `[Feature Name]`, `[YYYY-MM-DD]`;
//! - angle: `<name>` (inline HTML whose tag is not an HTML element) and
//!   `<System / Feature Name>` (text the parser did not take as a tag);
//! - pattern tokens: `YYYY-MM-DD`, `spec-YYYYMMDD-feature-name`, `TS-YYYY-NNN`, `KEP-NNNN`;
//! - markers: `TBD`, `TBA`, `TODO`, `FIXME`.

use std::ops::Range;

use serde::Serialize;

use crate::markdown::LineIndex;

/// A placeholder left in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    pub text: String,
    pub range: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Index of the section it sits in.
    pub section: Option<usize>,
}

const MARKERS: [&str; 4] = ["TBD", "TBA", "TODO", "FIXME"];

/// Finds the placeholders in `text[range]` (plain text as written in the source).
pub fn scan(
    text: &str,
    range: Range<usize>,
    lines: &LineIndex,
    section: Option<usize>,
    out: &mut Vec<Placeholder>,
) {
    let Some(src) = text.get(range.clone()) else {
        return;
    };
    let mut push = |start: usize, end: usize| {
        let (line, column) = lines.line_col(range.start + start);
        let (end_line, end_column) = lines.line_col(range.start + end);
        out.push(Placeholder {
            text: src[start..end].to_owned(),
            range: range.start + start..range.start + end,
            line,
            column,
            end_line,
            end_column,
            section,
        });
    };
    let bytes = src.as_bytes();
    // Jump between candidates (found with a SIMD literal search) instead of
    // looking at every byte: this runs over all the prose of every document.
    let mut resume = 0;
    for m in candidates().find_iter(src) {
        let i = m.start();
        if i < resume {
            continue;
        }
        match bytes[i] {
            b'[' | b'<' => {
                if let Some(end) = enclosed(src, i) {
                    push(i, end);
                    resume = end;
                }
            }
            _ => {
                let start = word_start(bytes, i);
                if start > 0 && is_word_byte(bytes[start - 1]) {
                    continue;
                }
                let end = token_end(bytes, start);
                let token = trim_token(&src[start..end]);
                if is_pattern_token(token) || MARKERS.contains(&token) {
                    push(start, start + token.len());
                }
                resume = end;
            }
        }
    }
}

fn candidates() -> &'static regex::Regex {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\[|<|YYYY|NNN|TBD|TBA|TODO|FIXME").expect("valid pattern")
    });
    &RE
}

/// Start of the token (letters, digits, `-_/.`) containing byte `i`.
fn word_start(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while j > 0
        && (bytes[j - 1].is_ascii_alphanumeric()
            || matches!(bytes[j - 1], b'-' | b'_' | b'/' | b'.'))
    {
        j -= 1;
    }
    // A token starts with a letter or digit (`/v1/KEP-NNNN` keeps its path).
    while j < i && !bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    j
}

/// End (exclusive) of a `[…]` or `<…>` placeholder starting at `start`.
fn enclosed(src: &str, start: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let (open, close) = if bytes[start] == b'[' {
        (b'[', b']')
    } else {
        (b'<', b'>')
    };
    let limit = if open == b'[' { 300 } else { 120 };
    let mut j = start + 1;
    while j < bytes.len() && j - start <= limit {
        match bytes[j] {
            c if c == close => {
                let inner = &src[start + 1..j];
                return is_placeholder_inner(inner, open).then_some(j + 1);
            }
            b'\n' => return None,
            c if c == open || (open == b'<' && matches!(c, b'[' | b']')) => return None,
            _ => j += 1,
        }
    }
    None
}

fn is_placeholder_inner(inner: &str, open: u8) -> bool {
    let trimmed = inner.trim();
    if trimmed.is_empty() || matches!(trimmed, "x" | "X") {
        return false;
    }
    if !trimmed.chars().any(char::is_alphanumeric) || trimmed.starts_with(['-', '+', '=', '^']) {
        // `[-MaxInt, MaxInt]` is an interval, not something to fill in.
        return false;
    }
    if open == b'<' {
        // `<name>` but not `a < b > c` nor arrows such as `<-` or `<=`.
        let first = inner.chars().next().unwrap_or(' ');
        let last = inner.chars().last().unwrap_or(' ');
        return (first.is_alphanumeric() || first == '"') && !last.is_whitespace();
    }
    true
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80
}

fn token_end(bytes: &[u8], start: usize) -> usize {
    let mut j = start;
    while j < bytes.len() && (is_word_byte(bytes[j]) || bytes[j] == b'/' || bytes[j] == b'.') {
        j += 1;
    }
    j
}

fn trim_token(token: &str) -> &str {
    token.trim_end_matches(['.', '/', '-', '_'])
}

/// `YYYY-MM-DD`, `spec-YYYYMMDD-feature-name`, `TS-YYYY-NNN`, `KEP-NNNN`.
pub fn is_pattern_token(token: &str) -> bool {
    token.contains("YYYY")
        || token
            .split(['-', '_', '/', '.'])
            .any(|seg| seg.len() >= 3 && seg.bytes().all(|b| b == b'N'))
}

/// Inline HTML that is really an angle placeholder (`<name>`), not an HTML tag.
pub fn angle_tag(html: &str) -> Option<&str> {
    let inner = html.strip_prefix('<')?.strip_suffix('>')?;
    if inner.starts_with(['/', '!', '?']) {
        return None;
    }
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || HTML_ELEMENTS.binary_search(&name.as_str()).is_ok() {
        return None;
    }
    Some(html)
}

/// HTML element names (sorted), which are markup, never placeholders.
const HTML_ELEMENTS: [&str; 95] = [
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "mark",
    "math",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        let lines = LineIndex::new(s);
        let mut out = Vec::new();
        scan(s, 0..s.len(), &lines, None, &mut out);
        out.into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn html_element_list_is_sorted_for_binary_search() {
        let mut sorted = HTML_ELEMENTS;
        sorted.sort_unstable();
        assert_eq!(sorted, HTML_ELEMENTS);
    }

    #[test]
    fn recognises_each_kind() {
        assert_eq!(found("# Spec: [Feature Name]"), ["[Feature Name]"]);
        assert_eq!(
            found("Owner <System / Feature Name> x"),
            ["<System / Feature Name>"]
        );
        assert_eq!(found("Created: YYYY-MM-DD."), ["YYYY-MM-DD"]);
        assert_eq!(
            found("id spec-YYYYMMDD-feature-name"),
            ["spec-YYYYMMDD-feature-name"]
        );
        assert_eq!(
            found("TS-YYYY-NNN and KEP-NNNN"),
            ["TS-YYYY-NNN", "KEP-NNNN"]
        );
        assert_eq!(found("Release: TBD, owner TODO"), ["TBD", "TODO"]);
    }

    #[test]
    fn ignores_what_is_not_a_placeholder() {
        assert!(found("a < b and c > d").is_empty());
        assert!(found("[ ] and [x]").is_empty());
        assert!(found("TBDs are fine in words like STUBBED; ANNNN too").is_empty());
        assert!(found("A -> B <- C").is_empty());
        assert!(found("range [-MaxInt, MaxInt]").is_empty());
    }

    #[test]
    fn angle_tags_that_are_html_are_not_placeholders() {
        assert_eq!(angle_tag("<name>"), Some("<name>"));
        assert_eq!(angle_tag("<details>"), None);
        assert_eq!(angle_tag("</name>"), None);
        assert_eq!(angle_tag("<br/>"), None);
    }
}
