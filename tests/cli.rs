//! The `specwright` binary end to end: output formats, files and exit statuses,
//! on the built-in templates and real KEPs.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn specwright(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specwright"))
        .args(args)
        .current_dir(dir)
        // An empty user template folder, so the machine's own templates do not leak in.
        .env("SPECWRIGHT_TEMPLATES", dir.join("no-user-templates"))
        .output()
        .expect("run specwright")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn templates_lists_the_five_builtins_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = specwright(&["templates", "--format", "json"], dir.path());
    assert!(out.status.success());
    let list = json(&out);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "product-spec",
            "technical-spec",
            "spec-with-front-matter",
            "technical-spec-ts",
            "technical-spec-evidence"
        ]
    );
    assert!(list[0]["section_count"].as_u64().unwrap() > 10);
}

#[test]
fn user_templates_folder_is_listed_and_junk_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("no-user-templates");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("team-rfc.md"),
        "# RFC: [Title]\n\n## Context\n\n[Why]\n",
    )
    .unwrap();
    std::fs::write(user.join("broken.md"), b"\xff\xfe\x00binary").unwrap();
    let out = specwright(&["templates", "--format", "json"], dir.path());
    assert!(out.status.success());
    assert!(stdout(&out).contains("\"team-rfc\""));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.md"), "names the junk file: {err}");
}

#[test]
fn a_team_template_folder_can_be_given_and_its_templates_used() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir_all(&team).unwrap();
    std::fs::write(
        team.join("rfc.md"),
        "# RFC: [Title]\n\n**Status**: open | closed\n\n## Context\n\n[Why]\n",
    )
    .unwrap();
    let out = specwright(
        &[
            "--template-dir",
            "team",
            "new",
            "--template",
            "rfc",
            "--title",
            "Caching",
            "-o",
            "c.md",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("c.md")).unwrap();
    assert!(
        text.starts_with("# RFC: Caching\n\n**Status**: open\n"),
        "{text}"
    );
    let out = specwright(
        &[
            "validate",
            "c.md",
            "--template-dir",
            "team",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(json(&out)[0]["template"], "rfc");
}

#[test]
fn new_validate_checklist_toggle_round_trip_for_every_template() {
    let dir = tempfile::tempdir().unwrap();
    for (id, _) in common::template_files() {
        let file = format!("{id}.md");
        let out = specwright(
            &[
                "new",
                "--template",
                &id,
                "--title",
                "Checkout Revamp",
                "--owner",
                "Ana",
                "-o",
                &file,
            ],
            dir.path(),
        );
        assert!(
            out.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Refuses to overwrite.
        let again = specwright(
            &["new", "--template", &id, "--title", "X", "-o", &file],
            dir.path(),
        );
        assert_eq!(again.status.code(), Some(2));

        let out = specwright(&["validate", &file, "--format", "json"], dir.path());
        let reports = json(&out);
        let report = &reports[0];
        assert_eq!(report["file"], file.as_str());
        assert_eq!(
            report["template"],
            id.as_str(),
            "recognised from the document"
        );
        let score = report["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        let findings = report["findings"].as_array().unwrap();
        assert!(findings.iter().any(|f| f["rule"] == "placeholder"));
        for key in [
            "rule",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "section",
            "hint",
        ] {
            assert!(findings[0].get(key).is_some(), "finding has {key}");
        }
        let has_errors = findings.iter().any(|f| f["severity"] == "error");
        assert_eq!(out.status.code(), Some(if has_errors { 1 } else { 0 }));

        let out = specwright(&["checklist", &file, "--format", "json"], dir.path());
        assert!(out.status.success());
        let checklist = json(&out);
        let items = checklist["items"].as_array().unwrap();
        assert!(!items.is_empty(), "{id} has task items");
        let first = items[0]["line"].as_u64().unwrap();
        let before = std::fs::read(dir.path().join(&file)).unwrap();
        let out = specwright(&["toggle", &file, "--line", &first.to_string()], dir.path());
        assert!(out.status.success());
        let after = std::fs::read(dir.path().join(&file)).unwrap();
        let diff = before.iter().zip(&after).filter(|(a, b)| a != b).count();
        assert_eq!(
            (diff, before.len()),
            (1, after.len()),
            "{id}: exactly one byte changed"
        );
        let out = specwright(&["checklist", &file, "--format", "json"], dir.path());
        assert_eq!(json(&out)["items"][0]["checked"], true);
        assert_eq!(json(&out)["progress"]["done"], 1);
    }
}

#[test]
fn validate_keps_against_the_kep_template_by_path() {
    let root = common::root();
    let template = common::kep_template();
    let keps: Vec<String> = common::kep_files()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut args = vec![
        "validate",
        "--template",
        template.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend(keps.iter().map(String::as_str));
    let out = specwright(&args, &root);
    let reports = json(&out);
    assert_eq!(reports.as_array().unwrap().len(), keps.len());
    for r in reports.as_array().unwrap() {
        assert_eq!(r["template"], template.to_str().unwrap());
    }
    // Many real KEPs skip required PRR questions: errors, exit 1.
    assert_eq!(out.status.code(), Some(1));
    let missing = reports[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "missing-section");
    if let Some(m) = missing {
        assert!(
            m["section"].as_str().is_some_and(|s| !s.is_empty()),
            "missing-section names the template heading"
        );
    }
}

#[test]
fn clean_document_exits_zero_and_errors_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tpl.md"),
        "# Spec: [Name]\n\n**Status**: draft | approved\n\n## Goals\n\nsay\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ok.md"),
        "# Spec: Pay\n\n**Status**: approved\n\n## Goals\n\nShip.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        "# Spec: Pay\n\n**Status**: shipped\n\n## Goals\n\nShip.\n",
    )
    .unwrap();
    let ok = specwright(&["validate", "ok.md", "--template", "tpl.md"], dir.path());
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let bad = specwright(&["validate", "bad.md", "--template", "tpl.md"], dir.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stdout(&bad).contains("bad.md:3:13: error[invalid-choice]"),
        "{}",
        stdout(&bad)
    );
}

#[test]
fn unreadable_input_exits_two_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n").unwrap();
    std::fs::write(dir.path().join("image.md"), b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
    for (file, words) in [
        ("latin1.md", "not UTF-8"),
        ("image.md", "binary"),
        ("missing.md", "not found"),
    ] {
        for cmd in [
            vec!["validate", file],
            vec!["checklist", file],
            vec!["toggle", file, "--line", "1"],
        ] {
            let out = specwright(&cmd, dir.path());
            assert_eq!(out.status.code(), Some(2), "{cmd:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(file) && err.contains(words), "{cmd:?}: {err}");
            assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        }
    }
    let out = specwright(
        &["new", "--template", "no-such-template", "--title", "x"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let out = specwright(
        &["toggle", "../missing-dir/x.md", "--line", "1"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn toggle_on_a_line_without_a_task_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# T\r\n\r\n- [ ] a\r\n";
    std::fs::write(dir.path().join("t.md"), text).unwrap();
    let out = specwright(&["toggle", "t.md", "--line", "1"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("t.md")).unwrap(),
        text
    );
}
