//! Every KEP of the corpus (real specs written from the KEP template): checklists,
//! validation against the KEP template, toggles and round trips. Snapshots live in
//! `tests/snapshots/`; regenerate with `INSTA_UPDATE=always cargo test -p specwright-core`.

mod common;

use specwright_core::document::Document;
use specwright_core::{Catalog, Checklist, analyze, storage, toggle};

#[test]
fn checklist_of_every_kep() {
    for path in common::kep_files() {
        let text = storage::read_document(&path).unwrap().text;
        let (doc, _) = Document::parse(&text);
        let checklist = Checklist::of(&doc);
        let lines: Vec<String> = checklist
            .items
            .iter()
            .map(|i| {
                format!(
                    "{:>4} [{}] {} :: {}",
                    i.line,
                    if i.checked { "x" } else { " " },
                    i.text,
                    i.section.as_deref().unwrap_or("-")
                )
            })
            .collect();
        insta::assert_json_snapshot!(format!("checklist__{}", common::fixture_name(&path)), lines);
    }
}

#[test]
fn validation_of_every_kep_against_the_kep_template() {
    let template = Catalog::builtin()
        .resolve(common::kep_template().to_str().unwrap())
        .unwrap();
    for path in common::kep_files() {
        let text = storage::read_document(&path).unwrap().text;
        let report = specwright_core::validate(&text, Some(&template));
        let findings: Vec<String> = report
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{}:{} {} {}",
                    f.line,
                    f.column,
                    f.rule.id(),
                    f.section.as_deref().unwrap_or("-")
                )
            })
            .collect();
        let value =
            serde_json::json!({ "score": format!("{:.3}", report.score), "findings": findings });
        insta::assert_json_snapshot!(format!("validate__{}", common::fixture_name(&path)), value);
    }
}

#[test]
fn tasks_in_html_comments_and_code_are_not_tasks() {
    let text = storage::read_document(&common::kep_template())
        .unwrap()
        .text;
    let (doc, _) = Document::parse(&text);
    let comment_end = text.lines().position(|l| l == "-->").unwrap() + 1;
    assert!(
        text.lines()
            .take(comment_end)
            .filter(|l| l.starts_with("- [ ]"))
            .count()
            >= 7
    );
    assert!(
        doc.tasks.iter().all(|t| t.line > comment_end),
        "no task inside the opening comment"
    );
    assert!(
        doc.tasks
            .iter()
            .any(|t| t.text.contains("Enhancement issue"))
    );
}

#[test]
fn every_task_symbol_is_the_checkbox_byte() {
    let mut total = 0;
    for path in common::all_documents() {
        let text = storage::read_document(&path).unwrap().text;
        let (doc, _) = Document::parse(&text);
        for t in &doc.tasks {
            let b = text.as_bytes()[t.symbol_offset];
            assert!(
                matches!(b, b' ' | b'x' | b'X'),
                "{}:{}",
                path.display(),
                t.line
            );
            assert_eq!(text.as_bytes()[t.symbol_offset - 1], b'[');
            assert_eq!(text.as_bytes()[t.symbol_offset + 1], b']');
            total += 1;
        }
    }
    assert!(
        total > 300,
        "the corpus has hundreds of task items ({total})"
    );
}

#[test]
fn toggling_changes_one_byte_and_twice_restores_in_every_document() {
    for path in common::all_documents() {
        let text = storage::read_document(&path).unwrap().text;
        let (doc, _) = Document::parse(&text);
        for t in &doc.tasks {
            let once = toggle(&text, t.line).unwrap();
            let diff: Vec<usize> = (0..text.len())
                .filter(|i| text.as_bytes()[*i] != once.as_bytes()[*i])
                .collect();
            assert_eq!(diff, [t.symbol_offset], "{}:{}", path.display(), t.line);
            let twice = toggle(&once, t.line).unwrap();
            // Unticking and re-ticking writes the document's usual mark: only a
            // minority mark (`X` among `x`) comes back in the other case.
            let restored = twice == text
                || (twice.to_lowercase() == text.to_lowercase()
                    && text.as_bytes()[t.symbol_offset] != b' ');
            assert!(restored, "{}:{}", path.display(), t.line);
        }
    }
}

#[test]
fn open_then_save_without_edit_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for (i, path) in common::kep_files().iter().enumerate() {
        let original = std::fs::read(path).unwrap();
        let copy = dir.path().join(format!("{i}.md"));
        std::fs::write(&copy, &original).unwrap();
        let loaded = storage::read_document(&copy).unwrap();
        storage::save_checked(&copy, &loaded.text, Some(&loaded.hash)).unwrap();
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            original,
            "{}",
            path.display()
        );
    }
}

#[test]
fn preview_has_one_checkbox_per_task_and_sourcepos() {
    for path in common::kep_files() {
        let text = storage::read_document(&path).unwrap().text;
        let a = analyze(&text, None);
        let boxes = a.html.matches("type=\"checkbox\"").count();
        assert_eq!(boxes, a.checklist.items.len(), "{}", path.display());
        assert!(a.html.contains("data-sourcepos=\""));
        assert!(
            !a.html.contains("<script"),
            "raw HTML is never passed through"
        );
    }
}
