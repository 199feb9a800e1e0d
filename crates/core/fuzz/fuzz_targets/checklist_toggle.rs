//! Any text: ticking any task item changes exactly the one checkbox byte, and
//! ticking it again restores the file (up to the case of a minority `X`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use specwright_core::document::Document;
use specwright_core::toggle;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (doc, _) = Document::parse(text);
    for task in doc.tasks.iter().take(16) {
        let once = toggle(text, task.line).expect("a task's own line toggles");
        assert_eq!(once.len(), text.len());
        let diff: Vec<usize> = (0..text.len()).filter(|i| text.as_bytes()[*i] != once.as_bytes()[*i]).collect();
        assert_eq!(diff, [task.symbol_offset]);
        let twice = toggle(&once, task.line).expect("toggles back");
        let back: Vec<usize> = (0..text.len()).filter(|i| text.as_bytes()[*i] != twice.as_bytes()[*i]).collect();
        assert!(back.is_empty() || (back == [task.symbol_offset] && text.as_bytes()[task.symbol_offset].eq_ignore_ascii_case(&twice.as_bytes()[task.symbol_offset])));
    }
});
