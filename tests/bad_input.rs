//! Bad input never crashes the engine or loses data: each case gets a clear error
//! naming the file and the problem, or is analysed like any other document.

use std::path::Path;

use specwright_core::storage::{self, MAX_DOCUMENT_BYTES};
use specwright_core::{Catalog, Error, Origin, analyze, toggle};

fn message(e: &Error, file: &Path) -> String {
    let m = e.to_string();
    assert!(
        m.contains(&file.display().to_string()),
        "the message names the file: {m}"
    );
    m
}

#[test]
fn non_utf8_binary_empty_huge_and_folders_are_refused_or_read_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let latin = dir.path().join("latin1.md");
    std::fs::write(&latin, b"# R\xe9sum\xe9\n").unwrap();
    let e = storage::read_document(&latin).unwrap_err();
    assert!(message(&e, &latin).contains("not UTF-8 text (invalid byte at line 1, column 4)"));

    let binary = dir.path().join("photo.md");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    assert!(message(&storage::read_document(&binary).unwrap_err(), &binary).contains("binary"));

    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, b"").unwrap();
    let loaded = storage::read_document(&empty).unwrap();
    assert_eq!(loaded.text, "");
    let a = analyze(&loaded.text, Catalog::builtin().get("product-spec"));
    assert!(
        a.report
            .findings
            .iter()
            .any(|f| f.rule.id() == "missing-section")
    );

    let huge = dir.path().join("huge.md");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(MAX_DOCUMENT_BYTES + 1).unwrap(); // sparse: no 64 MB written
    assert!(message(&storage::read_document(&huge).unwrap_err(), &huge).contains("too large"));

    assert!(
        message(&storage::read_document(dir.path()).unwrap_err(), dir.path()).contains("folder")
    );
}

#[test]
fn a_100_mb_file_is_refused_quickly_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("100mb.md");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let e = storage::read_document(&path).unwrap_err();
    assert!(matches!(e, Error::TooLarge { size, .. } if size == 100 * 1024 * 1024));
}

#[test]
fn pathological_markdown_is_analysed() {
    let cases = [
        format!("{} quote\n", "> ".repeat(10_000)),
        (0..10_000)
            .map(|i| format!("{}- [ ] item {i}\n", " ".repeat(i % 400)))
            .collect::<String>(),
        format!(
            "|{}\n|{}\n|{}\n",
            "h|".repeat(5_000),
            "-|".repeat(5_000),
            "[x]|".repeat(5_000)
        ),
        "*a **b ***c".repeat(20_000),
        format!("{}\n", "[".repeat(100_000)),
        "\u{feff}\r\n\r\n".repeat(10_000),
    ];
    for text in &cases {
        let a = analyze(text, Catalog::builtin().get("technical-spec"));
        assert!((0.0..=1.0).contains(&a.report.score));
        for item in a.checklist.items.iter().take(50) {
            let toggled = toggle(text, item.line).unwrap();
            assert_eq!(toggled.len(), text.len());
        }
    }
}

#[test]
fn malformed_front_matter_is_a_finding_not_a_failure() {
    let text = "---\ntitle: [unclosed\nstatus: : :\n---\n\n# T\n";
    let a = analyze(text, None);
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.rule.id() == "front-matter")
        .expect("a front-matter finding");
    assert_eq!(f.line, 1);
    assert!(f.message.contains("not valid YAML"));
}

#[test]
fn a_template_folder_with_junk_reports_each_bad_file_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.md"), "# Good: [Name]\n\n## Scope\n\n[What]\n").unwrap();
    std::fs::write(d.join("latin1.md"), b"# Caf\xe9\n").unwrap();
    std::fs::write(d.join("binary.md"), b"\x00\x01\x02").unwrap();
    std::fs::write(d.join("noheadings.md"), "just text\n").unwrap();
    std::fs::write(d.join("manifest.md"), "# M\n\n## A\n").unwrap();
    std::fs::write(d.join("manifest.json"), "{ not json").unwrap();
    std::fs::write(d.join("notes.txt"), "ignored: not Markdown").unwrap();
    std::fs::create_dir(d.join("folder.md")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("loop-a.md"), d.join("loop-b.md")).unwrap();
        std::os::unix::fs::symlink(d.join("loop-b.md"), d.join("loop-a.md")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere.md"), d.join("dangling.md")).unwrap();
    }
    let mut catalog = Catalog::builtin();
    let errors = catalog.add_folder(d, Origin::User);
    assert!(catalog.get("good").is_some());
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for bad in [
        "latin1.md",
        "binary.md",
        "noheadings.md",
        "manifest.json",
        "folder.md",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(bad)),
            "{bad} reported: {messages:#?}"
        );
    }
    #[cfg(unix)]
    for bad in ["loop-a.md", "loop-b.md", "dangling.md"] {
        assert!(
            messages.iter().any(|m| m.contains(bad)),
            "{bad} reported: {messages:#?}"
        );
    }
    assert_eq!(
        catalog.templates().len(),
        6,
        "five built-ins and the good one"
    );
}

#[test]
fn a_missing_template_folder_is_simply_empty() {
    let mut catalog = Catalog::builtin();
    assert!(
        catalog
            .add_folder(Path::new("/nonexistent/specwright/templates"), Origin::Team)
            .is_empty()
    );
}

#[test]
fn a_failed_save_is_a_clear_error_and_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    // A "folder" that is really a file: creating the temporary file fails, even as root.
    let not_a_folder = dir.path().join("plain-file");
    std::fs::write(&not_a_folder, "I am a file").unwrap();
    let path = not_a_folder.join("spec.md");
    let e = storage::save_atomically(&path, "new").unwrap_err();
    assert!(matches!(e, Error::WriteFailed { .. }));
    assert!(message(&e, &path).contains("cannot save"));
    assert_eq!(
        std::fs::read_to_string(&not_a_folder).unwrap(),
        "I am a file"
    );
    // A read-only file system (procfs refuses new files even for root).
    #[cfg(target_os = "linux")]
    {
        let path = Path::new("/proc/specwright-test.md");
        let e = storage::save_atomically(path, "new").unwrap_err();
        assert!(matches!(e, Error::WriteFailed { .. }), "{e:?}");
    }
}

/// Found by fuzzing (parse_validate): a lone CR ends a line for comrak, and the
/// line index counted only LF, so byte ranges fell mid-character and slicing panicked.
#[test]
fn regression_lone_carriage_returns_end_lines() {
    let catalog = Catalog::builtin();
    let text = "# Technical Specification: X\r\r## Metadata\r\r| Field | Value |\r|---|---|\r| **Status** | Draft |\r| **Reviewers\u{1}** | [Names] |\r\r<!-- note -->\r## Goals\r\rcafé ✅\r- [ ] ship\r";
    for t in catalog.templates() {
        let a = analyze(text, Some(t));
        for f in &a.report.findings {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }
    let a = analyze(text, None);
    let item = &a.checklist.items[0];
    assert_eq!(item.line, 14);
    let toggled = toggle(text, 14).unwrap();
    assert_eq!(toggled, text.replace("- [ ] ship", "- [x] ship"));
}
