//! Any text, validated against any built-in template: no panic, every finding
//! located inside the text, scores within 0–1.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use specwright_core::markdown::LineIndex;
use specwright_core::{Catalog, analyze};

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let templates = CATALOG.templates();
    let template = templates.get(pick as usize % (templates.len() + 1));
    let a = analyze(text, template);
    assert!((0.0..=1.0).contains(&a.report.score));
    let lines = LineIndex::new(text);
    for f in &a.report.findings {
        assert!(f.start <= f.end && f.end <= text.len(), "{f:?}");
        assert_eq!(lines.line_col(f.start), (f.line, f.column));
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "{f:?}");
    }
    for s in &a.report.sections {
        assert!((0.0..=1.0).contains(&s.score));
    }
});
