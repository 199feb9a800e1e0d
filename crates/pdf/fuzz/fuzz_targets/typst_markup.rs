//! Any text: the Typst markup generated for it always compiles to a PDF (a Typst
//! error on generated markup is an escaping bug in the exporter).
#![no_main]

use libfuzzer_sys::fuzz_target;
use specwright_pdf::{PdfOptions, compile, to_typst};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = to_typst(text, &PdfOptions::default());
    let markup = source.markup.clone();
    if let Err(err) = compile(source) {
        panic!("{err}\n--- markup ---\n{markup}");
    }
});
