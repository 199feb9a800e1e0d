//! Escaping for Typst: text in markup, and string literals for everything that
//! must reach Typst as data (code, URLs, metadata, file paths).
//!
//! In markup every ASCII punctuation character that Typst gives a meaning to —
//! `\ # * _ ` $ < > @ [ ] ~ / = - + " ' . ( )` and friends — is backslash-escaped,
//! so no text can start a function call, a comment (`//`), a heading (`=`), a
//! list (`-`, `+`, `1.`), a label, a reference, math, or a shorthand (`--`, `...`,
//! `~`). Control characters are dropped and line breaks become spaces: only the
//! emitter decides where paragraphs and lines end.

/// `s` as Typst markup that shows exactly `s` (on one line).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_text(&mut out, s);
    out
}

/// Appends `s` escaped as markup text to `out`.
pub fn push_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            // Unicode line and paragraph separators would end the line.
            '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_ascii_punctuation()
                && !matches!(
                    c,
                    ',' | ';' | '!' | '?' | ':' | '%' | '&' | '|' | '{' | '}' | '^'
                ) =>
            {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// `s` as a Typst string literal, quotes included.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A label name made only of characters valid in `<…>` label syntax.
pub fn label(prefix: &str, index: usize) -> String {
    format!("<{prefix}-{index}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(text("#a *b* _c_"), "\\#a \\*b\\* \\_c\\_");
        assert_eq!(text("a//b"), "a\\/\\/b");
        assert_eq!(text("1. x"), "1\\. x");
        assert_eq!(text("line\nnext"), "line next");
        assert_eq!(text("\u{7}bell"), "bell");
    }

    #[test]
    fn string_literals() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(string("\u{1}"), "\"\\u{1}\"");
    }
}
