//! The benchmark documents: real KEPs, alone, combined and repeated to size.

use std::path::{Path, PathBuf};

pub(crate) struct Doc {
    pub(crate) label: &'static str,
    pub(crate) path: PathBuf,
    pub(crate) bytes: usize,
    /// Text of its first non-empty line (what the editor shows first).
    pub(crate) first_line: String,
    pub(crate) target_ms: Option<f64>,
}

pub(crate) fn documents(fixtures: &Path, scratch: &Path) -> Vec<Doc> {
    let spec30 = std::fs::read_to_string(
        fixtures.join("sig-api-machinery/598-crd-conversion-webhook/README.md"),
    )
    .unwrap();
    let mut keps: Vec<PathBuf> = Vec::new();
    for group in sorted_dir(fixtures) {
        for kep in sorted_dir(&group) {
            if kep.join("README.md").is_file() {
                keps.push(kep.join("README.md"));
            }
        }
    }
    let texts: Vec<(PathBuf, String)> = keps
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let largest = texts
        .iter()
        .filter(|(p, _)| p.to_string_lossy().contains("sig-node/5554-"))
        .map(|(_, text)| text)
        .max_by_key(|text| text.len())
        .expect("tests/fixtures/keps/sig-node/5554-*/README.md");
    let doc170 = format!("{largest}\n\n{spec30}");
    // All KEPs come to ~0.87 MB: cycle through them (sorted) until the size.
    let keps_to = |size: usize| {
        let mut doc = String::new();
        'fill: loop {
            for (_, kep) in &texts {
                doc.push_str(kep);
                doc.push_str("\n\n");
                if doc.len() >= size {
                    break 'fill doc;
                }
            }
        }
    };
    [
        ("30 KB spec", "spec-30k.md", spec30, Some(16.0)),
        ("170 KB document", "doc-170k.md", doc170, Some(30.0)),
        ("1 MB document", "doc-1m.md", keps_to(1 << 20), Some(50.0)),
        ("10 MB document", "doc-10m.md", keps_to(10 << 20), None),
    ]
    .into_iter()
    .map(|(label, name, text, target_ms)| {
        let path = scratch.join(name);
        std::fs::write(&path, &text).unwrap();
        let first_line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap()
            .chars()
            .take(30)
            .collect();
        Doc {
            label,
            path,
            bytes: text.len(),
            first_line,
            target_ms,
        }
    })
    .collect()
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_dir())
        .collect();
    list.sort();
    list
}
