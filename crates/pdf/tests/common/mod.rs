//! Helpers shared by the PDF tests: exporting, and reading a PDF back with
//! poppler's `pdftotext`/`pdfinfo` (a hard requirement: poppler-utils).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use specwright_pdf::{PdfOptions, export_pdf};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every KEP fixture and every template.
pub fn documents() -> Vec<PathBuf> {
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
    out
}

/// Exports `text` and panics with the exporter's message on failure.
pub fn pdf(text: &str, base_dir: Option<&Path>) -> Vec<u8> {
    export_pdf(
        text,
        &PdfOptions {
            base_dir,
            diagrams: None,
        },
    )
    .unwrap_or_else(|e| panic!("export failed: {e}"))
}

fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("`{tool}` is required for the PDF tests (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF, without running headers and page footers.
pub fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", pdf, &["-enc", "UTF-8"])
}

pub fn page_count(pdf: &[u8]) -> usize {
    poppler("pdfinfo", pdf, &[])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

/// Text compared without whitespace, hyphens, tags, ligatures, soft hyphens or emoji
/// presentation selectors: what survives line breaking and font shaping.
pub fn normalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_alphabetic() || *n == '/' || *n == '!')
        {
            // A tag or a `<placeholder>`: dropped (raw HTML is never shown).
            if let Some(len) = chars[i + 1..]
                .iter()
                .take(80)
                .position(|c| *c == '>' || *c == '<' || *c == '\n')
                && chars[i + 1 + len] == '>'
            {
                i += len + 2;
                continue;
            }
        }
        match c {
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬀ' => out.push_str("ff"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            // pdftotext joins a word hyphenated at a line end: compare without hyphens.
            '-' | '\u{2010}' | '\u{ad}' | '\u{fe0f}' | '\u{fe0e}' | '\u{200d}' | '\u{200b}' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
        i += 1;
    }
    out
}
