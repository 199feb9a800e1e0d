//! Any text, shared with any built-in template (or none) and any handling of
//! unfilled parts: no panic; with *keep* the shared file never grows (it only
//! loses guidance), and a text without comments comes out byte for byte.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use specwright_core::Catalog;
use specwright_core::document::Document;
use specwright_export::share::{ShareOptions, Unfilled, to_markdown};

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let templates = CATALOG.templates();
    let template = templates.get(pick as usize % (templates.len() + 1));
    let unfilled = [Unfilled::Keep, Unfilled::Flag, Unfilled::Drop][(pick as usize / 8) % 3];
    let shared = to_markdown(text, &ShareOptions { template, unfilled });

    let (doc, _) = Document::parse(text);
    if unfilled == Unfilled::Keep && doc.comments.is_empty() && !text.contains("<!--") {
        assert_eq!(shared, text, "Keep with no comments changes nothing");
    }
    if unfilled == Unfilled::Keep {
        assert!(shared.len() <= text.len(), "Keep only removes guidance");
    }
});
