//! Ticking a task item: a splice of exactly one byte of the original text.

use crate::document::Document;
use crate::error::{Error, Result};

/// Flips the task item that starts on 1-based `line`: `[ ]` becomes checked and
/// `[x]`/`[X]` becomes `[ ]`. Every other byte stays as it was.
///
/// Checking writes the mark the document already uses most (`x`, or `X` when most
/// checked items use it), so ticking and unticking an item restores the file.
pub fn toggle(text: &str, line: usize) -> Result<String> {
    let (doc, _) = Document::parse(text);
    let task = doc
        .tasks
        .iter()
        .find(|t| t.line == line)
        .ok_or(Error::NoTaskOnLine { line })?;
    let offset = task.symbol_offset;
    // The mark between its brackets, or the item is not where comrak said it was:
    // refuse rather than change another byte.
    let mark = offset
        .checked_sub(1)
        .and_then(|open| text.as_bytes().get(open..offset + 2));
    if !matches!(mark, Some([b'[', b' ' | b'x' | b'X', b']'])) {
        return Err(Error::NoTaskOnLine { line });
    }
    let mut bytes = text.as_bytes().to_vec();
    bytes[offset] = if task.checked {
        b' '
    } else {
        preferred_mark(text, &doc)
    };
    // Only an ASCII byte between ASCII brackets changed, so the text is still UTF-8.
    Ok(String::from_utf8(bytes).expect("an ASCII byte was replaced by an ASCII byte"))
}

fn preferred_mark(text: &str, doc: &Document) -> u8 {
    let upper = doc
        .tasks
        .iter()
        .filter(|t| text.as_bytes()[t.symbol_offset] == b'X')
        .count();
    let lower = doc
        .tasks
        .iter()
        .filter(|t| text.as_bytes()[t.symbol_offset] == b'x')
        .count();
    if upper > lower { b'X' } else { b'x' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flips_only_the_checkbox_byte() {
        let text = "# T\r\n\r\n- [ ] one\r\n  - [x] two\t\r\n";
        let once = toggle(text, 3).unwrap();
        assert_eq!(once, "# T\r\n\r\n- [x] one\r\n  - [x] two\t\r\n");
        assert_eq!(
            toggle(&once, 4).unwrap(),
            "# T\r\n\r\n- [x] one\r\n  - [ ] two\t\r\n"
        );
        assert!(matches!(
            toggle(text, 1),
            Err(Error::NoTaskOnLine { line: 1 })
        ));
    }

    #[test]
    fn checking_uses_the_documents_own_mark() {
        let text = "- [X] a\n- [X] b\n- [ ] c\n";
        assert_eq!(toggle(text, 3).unwrap(), "- [X] a\n- [X] b\n- [X] c\n");
        let unticked = toggle(text, 1).unwrap();
        assert_eq!(toggle(&unticked, 1).unwrap(), text);
    }

    #[test]
    fn tasks_in_code_and_comments_are_not_toggled() {
        let text = "```\n- [ ] code\n```\n\n<!--\n- [ ] comment\n-->\n";
        assert!(toggle(text, 2).is_err());
        assert!(toggle(text, 6).is_err());
    }
}
