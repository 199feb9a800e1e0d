//! The five built-in templates: what is inferred from each, what a new document
//! made from each contains, and how it validates. Snapshots live in
//! `tests/snapshots/`; regenerate with `INSTA_UPDATE=always cargo test -p specwright-core`.

mod common;

use serde_json::json;
use specwright_core::document::Document;
use specwright_core::{Catalog, NewDocument, Rule, new_document, validate};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn request() -> NewDocument {
    NewDocument {
        title: "Checkout Revamp".into(),
        owner: Some("Ana Lima".into()),
        today: today(),
    }
}

#[test]
fn inferred_structure_of_each_builtin_template() {
    let catalog = Catalog::builtin();
    for t in catalog.templates() {
        let sections: Vec<_> = t
            .sections
            .iter()
            .map(|s| {
                let mut flags = String::new();
                if s.title {
                    flags.push_str(" title")
                }
                if s.required {
                    flags.push_str(" required")
                }
                if s.fixed {
                    flags.push_str(" fixed")
                }
                if s.key.is_free() {
                    flags.push_str(" free")
                }
                format!("{} {}{}", "#".repeat(s.level as usize), s.heading, flags)
            })
            .collect();
        let fields: Vec<_> = t
            .fields
            .iter()
            .filter(|f| !f.choices.is_empty() || f.date || f.id_pattern.is_some())
            .map(|f| {
                let what = if f.date {
                    "date".to_owned()
                } else if let Some(p) = &f.id_pattern {
                    format!("id {}", p.pattern)
                } else {
                    format!("one of {}", f.choices.join(" | "))
                };
                format!("{} ({:?}): {what}", f.label, f.role)
            })
            .collect();
        let value = json!({
            "name": t.name,
            "sections": sections,
            "fields": fields,
            "evidence": t.evidence.as_ref().map(|e| e.markers.clone()),
        });
        insta::assert_json_snapshot!(format!("template__{}", t.id), value);
    }
}

#[test]
fn template_bodies_exclude_preambles_wrappers_and_usage_notes() {
    let catalog = Catalog::builtin();
    let tech = catalog.get("technical-spec").unwrap();
    assert!(
        tech.body
            .starts_with("# Technical Specification: [Feature Name]")
    );
    assert!(!tech.body.contains("Copy and customize"));
    let ts = catalog.get("technical-spec-ts").unwrap();
    assert!(
        ts.body
            .starts_with("# [Feature/System Name] - Technical Specification")
    );
    assert!(!ts.body.contains("```markdown"));
    assert!(!ts.body.contains("Template Usage Notes"));
    assert!(
        ts.body
            .trim_end()
            .ends_with("| 1.1 | [Date] | [Name] | [What changed] |")
    );
    // The usage notes decide what is required for 003.
    let required: Vec<_> = ts
        .sections
        .iter()
        .filter(|s| s.required && s.level <= 2)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        required,
        [
            "[Feature/System Name] - Technical Specification",
            "Document Info",
            "System Overview",
            "Component Architecture",
            "API Design",
            "Data Model",
            "Testing Strategy",
            "Security Considerations",
            "Migration & Rollout"
        ]
    );
    let optional = [
        "Implementation Approach",
        "Performance Considerations",
        "Observability",
        "Dependencies & Risks",
    ];
    for name in optional {
        assert!(
            ts.sections.iter().any(|s| s.name == name && !s.required),
            "{name} is optional"
        );
    }
}

#[test]
fn placeholders_and_fields_point_at_their_text() {
    for (id, path) in common::template_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (doc, lines) = Document::parse(&text);
        assert!(!doc.placeholders.is_empty(), "{id} has placeholders");
        for t in &doc.tasks {
            assert_eq!(
                lines.line_col(t.range.start),
                (t.line, t.column),
                "{id}: task at line {}",
                t.line
            );
            assert!(t.range.contains(&t.symbol_offset));
        }
        for s in &doc.sections {
            assert_eq!(
                lines.line_col(s.heading.range.start),
                (s.heading.line, s.heading.column)
            );
        }
        for p in &doc.placeholders {
            assert_eq!(
                &text[p.range.clone()],
                p.text,
                "{id}: placeholder at line {}",
                p.line
            );
        }
        for f in &doc.fields {
            assert_eq!(
                &text[f.value_range.clone()],
                f.value,
                "{id}: field {} at line {}",
                f.label,
                f.line
            );
        }
    }
}

#[test]
fn new_document_from_each_template_is_filled_and_recognised() {
    let catalog = Catalog::builtin();
    let mut summary = serde_json::Map::new();
    for t in catalog.templates() {
        let text = new_document(t, &request());
        assert!(text.contains("Checkout Revamp"), "{}: title filled", t.id);
        assert!(text.contains("2026-11-23"), "{}: today's date filled", t.id);
        assert!(!text.contains("Copy and customize") && !text.contains("Template Usage Notes"));
        let head: String = text.lines().take(16).collect::<Vec<_>>().join("\n");
        assert!(
            !head.contains("YYYY"),
            "{}: no date placeholders left in the metadata:\n{head}",
            t.id
        );
        let (doc, _) = Document::parse(&text);
        let recognised = catalog.recognise_document(&doc).map(|r| r.id.clone());
        assert_eq!(
            recognised.as_deref(),
            Some(t.id.as_str()),
            "recognised from its headings"
        );
        let report = validate(&text, Some(t));
        assert!(
            !report
                .findings
                .iter()
                .any(|f| f.rule == Rule::MissingSection),
            "{}: nothing missing",
            t.id
        );
        assert!(
            !report.findings.iter().any(|f| matches!(
                f.rule,
                Rule::InvalidChoice | Rule::InvalidDate | Rule::IdPattern | Rule::DateOrder
            )),
            "{}: filled metadata is valid: {:?}",
            t.id,
            report
                .findings
                .iter()
                .filter(|f| f.severity == specwright_core::Severity::Error)
                .collect::<Vec<_>>()
        );
        assert!(
            report.score < 0.5,
            "{}: a fresh document is far from complete",
            t.id
        );
        let mut counts = std::collections::BTreeMap::new();
        for f in &report.findings {
            *counts.entry(f.rule.id()).or_insert(0usize) += 1;
        }
        summary.insert(
            t.id.clone(),
            json!({ "head": head, "findings": counts, "score": format!("{:.2}", report.score) }),
        );
    }
    insta::assert_json_snapshot!("new_documents", summary);
}

#[test]
fn each_template_body_validates_against_itself_without_missing_sections() {
    for t in Catalog::builtin().templates() {
        let report = validate(&t.body, Some(t));
        let missing: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::MissingSection)
            .collect();
        assert!(missing.is_empty(), "{}: {missing:?}", t.id);
        assert!(report.findings.iter().any(|f| f.rule == Rule::Placeholder));
    }
}

#[test]
fn evidence_template_enforces_its_rule_and_others_do_not() {
    let catalog = Catalog::builtin();
    let prose = "\n\nWe store sessions in Redis because it is already operated.\n";
    for t in catalog.templates() {
        let text = format!("{}{prose}", new_document(t, &request()));
        let report = validate(&text, Some(t));
        let evidence = report
            .findings
            .iter()
            .any(|f| f.rule == Rule::Evidence && f.line == text.lines().count());
        assert_eq!(evidence, t.id == "technical-spec-evidence", "{}", t.id);
    }
}

#[test]
fn a_completed_spec_scores_full_marks() {
    let t = Catalog::builtin()
        .get("spec-with-front-matter")
        .unwrap()
        .clone();
    let mut text = String::from(
        "---\ntitle: Checkout\nauthor: Ana\ncreated: 2026-01-05\nstatus: draft\n---\n\n# Checkout\n\n",
    );
    for s in t.sections.iter().filter(|s| !s.title) {
        text.push_str(&format!(
            "{} {}\n\nWritten for this spec.\n\n",
            "#".repeat(s.level as usize),
            s.heading.replace("[Name]", "Cache")
        ));
    }
    let report = validate(&text, Some(&t));
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(report.score, 1.0);
}
