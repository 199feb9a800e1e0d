//! Fixture discovery shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root (tests are declared by crates two levels down).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// The five built-in template files, by id.
pub fn template_files() -> Vec<(String, PathBuf)> {
    [
        "product-spec",
        "technical-spec",
        "spec-with-front-matter",
        "technical-spec-ts",
        "technical-spec-evidence",
    ]
    .iter()
    .map(|id| {
        (
            id.to_string(),
            root().join("templates").join(format!("{id}.md")),
        )
    })
    .collect()
}

/// Every KEP README in the fixture corpus (Apache-2.0, see tests/fixtures/keps/LICENSE), sorted.
pub fn kep_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&root().join("tests/fixtures/keps"), &mut out);
    out.sort();
    assert!(
        out.len() >= 25,
        "the KEP corpus is missing: {} files",
        out.len()
    );
    out
}

/// Every KEP and every built-in template.
pub fn all_documents() -> Vec<PathBuf> {
    let mut out = kep_files();
    out.extend(template_files().into_iter().map(|(_, p)| p));
    out
}

/// The KEP template, used as a user template for the KEPs.
pub fn kep_template() -> PathBuf {
    root().join("tests/fixtures/keps/NNNN-kep-template/README.md")
}

/// A short, stable name for a fixture file (its path under tests/fixtures).
pub fn fixture_name(path: &Path) -> String {
    let base = root().join("tests/fixtures");
    path.strip_prefix(&base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('/', "__")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixture dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.file_name().is_some_and(|n| n == "README.md") {
            out.push(path);
        }
    }
}

/// Byte offsets of the starts of some `count` of `text`'s lines, spread through it.
pub fn spread_line_starts(text: &str, count: usize) -> Vec<usize> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect();
    let step = (starts.len() / count).max(1);
    starts.into_iter().step_by(step).collect()
}
