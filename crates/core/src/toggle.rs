//! Ticking a task item: a splice of exactly one byte of the original text.

use crate::error::{Error, Result};

/// Flips the task item that starts on 1-based `line`: `[ ]` becomes `[x]` and
/// `[x]`/`[X]` becomes `[ ]`. Every other byte stays as it was.
pub fn toggle(text: &str, line: usize) -> Result<String> {
    let offset = crate::analysis::task_symbol_offset(text, line).ok_or(Error::NoTaskOnLine { line })?;
    let mut bytes = text.as_bytes().to_vec();
    bytes[offset] = if bytes[offset] == b' ' { b'x' } else { b' ' };
    // Only an ASCII byte between ASCII brackets changed, so the text is still UTF-8.
    Ok(String::from_utf8(bytes).expect("an ASCII byte was replaced by an ASCII byte"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flips_only_the_checkbox_byte() {
        let text = "# T\r\n\r\n- [ ] one\r\n  - [X] two\t\r\n";
        let once = toggle(text, 3).unwrap();
        assert_eq!(once, "# T\r\n\r\n- [x] one\r\n  - [X] two\t\r\n");
        assert_eq!(toggle(&once, 4).unwrap(), "# T\r\n\r\n- [x] one\r\n  - [ ] two\t\r\n");
        assert!(matches!(toggle(text, 1), Err(Error::NoTaskOnLine { line: 1 })));
    }

    #[test]
    fn tasks_in_code_and_comments_are_not_toggled() {
        let text = "```\n- [ ] code\n```\n\n<!--\n- [ ] comment\n-->\n";
        assert!(toggle(text, 2).is_err());
        assert!(toggle(text, 6).is_err());
    }
}
