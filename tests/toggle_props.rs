//! Properties of toggling on generated documents (CRLF, BOM, nesting, code blocks,
//! comments, trailing whitespace): a toggle changes exactly one byte, inside the
//! brackets of a task on the given line, and toggling twice restores the file.

use proptest::prelude::*;
use specwright_core::document::Document;
use specwright_core::toggle;

fn line() -> impl Strategy<Value = String> {
    let indent = prop_oneof![Just(""), Just("  "), Just("    "), Just("\t")];
    let tail = prop_oneof![Just(""), Just("  "), Just("\t"), Just(" trailing ")];
    let word = "[a-zA-Z0-9 éü✅]{0,12}";
    (indent, 0..9u8, word, tail).prop_map(|(indent, kind, word, tail)| match kind {
        0 => format!("# {word}{tail}"),
        1 => format!("{indent}- [ ] {word}{tail}"),
        2 => format!("{indent}- [x] {word}{tail}"),
        3 => format!("{indent}* [X] {word}{tail}"),
        4 => format!("{indent}1. [ ] {word}{tail}"),
        5 => format!("> - [ ] {word}{tail}"),
        6 => format!("```\n- [ ] CODE{word}\n```"),
        7 => format!("<!--\n- [ ] COMMENT{word}\n-->"),
        _ => format!("{word}{tail}"),
    })
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..30),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, bom, blank)| {
            let sep = if crlf { "\r\n" } else { "\n" };
            let joiner = if blank {
                format!("{sep}{sep}")
            } else {
                sep.to_owned()
            };
            let body = lines
                .join(&joiner)
                .replace('\n', sep)
                .replace("\r\r\n", "\r\n");
            format!("{}{body}{sep}", if bom { "\u{feff}" } else { "" })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn toggle_changes_exactly_one_byte_and_twice_restores(text in document()) {
        let (doc, _) = Document::parse(&text);
        for task in &doc.tasks {
            let once = toggle(&text, task.line).unwrap();
            prop_assert_eq!(once.len(), text.len());
            let diff: Vec<usize> = (0..text.len()).filter(|i| text.as_bytes()[*i] != once.as_bytes()[*i]).collect();
            prop_assert_eq!(diff.len(), 1);
            let at = diff[0];
            prop_assert_eq!(at, task.symbol_offset);
            prop_assert_eq!(text.as_bytes()[at - 1], b'[');
            prop_assert_eq!(text.as_bytes()[at + 1], b']');
            let line_of_byte = text[..at].matches('\n').count() + 1;
            prop_assert_eq!(line_of_byte, task.line);
            let twice = toggle(&once, task.line).unwrap();
            if twice != text {
                // Only a minority mark (`X` among `x` or the reverse) comes back in the
                // document's usual case; nothing else may differ.
                let d: Vec<usize> = (0..text.len()).filter(|i| text.as_bytes()[*i] != twice.as_bytes()[*i]).collect();
                prop_assert_eq!(d, vec![at]);
                prop_assert!(text.as_bytes()[at].eq_ignore_ascii_case(&twice.as_bytes()[at]));
            }
        }
    }

    #[test]
    fn lines_without_a_task_are_refused_and_leave_nothing_changed(text in document(), line in 1usize..40) {
        let (doc, _) = Document::parse(&text);
        if !doc.tasks.iter().any(|t| t.line == line) {
            prop_assert!(toggle(&text, line).is_err());
        }
    }

    #[test]
    fn tasks_never_come_from_code_blocks_or_comments(text in document()) {
        let (doc, _) = Document::parse(&text);
        for task in &doc.tasks {
            prop_assert!(!task.text.contains("CODE") && !task.text.contains("COMMENT"), "{:?}", task);
        }
    }
}
