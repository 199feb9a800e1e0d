//! Any text as a template: inference, a new document from it, and validation of
//! that document against it never panic; the new document keeps the body's shape.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specwright_core::template::{Manifest, Origin, Template};
use specwright_core::{NewDocument, new_document, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let manifest = Manifest { id: "fuzz".into(), ..Default::default() };
    let template = Template::from_markdown(text, &manifest, Origin::File, None);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let request = NewDocument { title: "Fuzz: [x] *y* <z>".into(), owner: Some("O".into()), today };
    let doc = new_document(&template, &request);
    let report = validate(&doc, Some(&template));
    assert!((0.0..=1.0).contains(&report.score));
    assert_eq!(doc.lines().count().max(1), template.body.lines().count().max(1), "filling never adds or removes lines");
});
