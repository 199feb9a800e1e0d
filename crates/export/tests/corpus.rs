//! Every KEP fixture and every built-in template exports to Markdown, HTML and
//! JSON: no HTML comment left in the Markdown, nothing remote or scripted in the
//! HTML, valid JSON with the documented keys.

use std::path::{Path, PathBuf};

use specwright_core::Catalog;
use specwright_core::document::Document;
use specwright_export::html::check_self_contained;
use specwright_export::{
    HtmlOptions, ShareOptions, Unfilled, template_metadata, to_html, to_markdown,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![repo().join("tests/fixtures/keps")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "README.md") {
                out.push(path);
            }
        }
    }
    for entry in std::fs::read_dir(repo().join("templates"))
        .expect("templates")
        .flatten()
    {
        if entry.path().extension().is_some_and(|e| e == "md") {
            out.push(entry.path());
        }
    }
    out.sort();
    assert!(out.len() >= 26 + 5, "fixtures missing: {}", out.len());
    out
}

#[test]
fn markdown_for_sharing_has_no_guidance_comments() {
    let catalog = Catalog::builtin();
    for path in documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (doc, _) = Document::parse(&text);
        let template = catalog.recognise_document(&doc);
        for unfilled in [Unfilled::Keep, Unfilled::Flag, Unfilled::Drop] {
            let out = to_markdown(&text, &ShareOptions { template, unfilled });
            let (shared, _) = Document::parse(&out);
            assert!(
                shared.comments.is_empty(),
                "{}: comments left ({unfilled:?})",
                path.display()
            );
            if unfilled != Unfilled::Drop {
                // Nothing but comments is removed: every heading survives.
                assert_eq!(
                    shared.sections.len(),
                    doc.sections.len(),
                    "{}",
                    path.display()
                );
            }
            if unfilled == Unfilled::Flag && !doc.placeholders.is_empty() {
                assert!(
                    out.contains("**[TODO: "),
                    "{}: placeholders not flagged",
                    path.display()
                );
            }
        }
        let front = doc.front_matter.as_ref().map(|f| &text[f.range.clone()]);
        if let Some(front) = front {
            assert!(to_markdown(&text, &ShareOptions::default()).starts_with(front));
        }
    }
}

#[test]
fn html_is_self_contained() {
    for path in documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        let html = to_html(
            &text,
            &HtmlOptions {
                base_dir: path.parent(),
                diagrams: None,
            },
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{}", path.display());
        assert!(!lower.contains("src=\"http"), "{}", path.display());
        assert!(!lower.contains("<link"), "{}", path.display());
        check_self_contained(&html).unwrap();
    }
}

#[test]
fn template_metadata_json_for_every_document() {
    for path in documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        let json = template_metadata(&text).to_json().unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        for key in [
            "name",
            "description",
            "title_template",
            "acceptance_criteria",
            "priority",
            "variables",
            "metadata",
        ] {
            assert!(value.get(key).is_some(), "{}: no {key}", path.display());
        }
        assert!(
            !value["name"].as_str().unwrap().is_empty(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_evidence_template_fills_its_section() {
    let text =
        std::fs::read_to_string(repo().join("templates/technical-spec-evidence.md")).unwrap();
    let m = template_metadata(&text);
    assert!(m.name.contains("unique template identifier"), "{m:?}");
    assert_eq!(m.acceptance_criteria.len(), 2);
    assert_eq!(m.variables.len(), 2);
    assert_eq!(m.metadata["author"], "<name>", "{m:?}");
}
