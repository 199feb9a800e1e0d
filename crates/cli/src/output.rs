//! How the CLI prints: JSON for machines, one line per finding for people.

use std::path::PathBuf;

use serde_json::json;
use specwright_core::{Checklist, Report, TemplateInfo};

pub fn templates(infos: &[TemplateInfo], as_json: bool) {
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(infos).expect("template infos serialize")
        );
        return;
    }
    for t in infos {
        println!(
            "{:<26} {:<32} {:>3} sections  {}",
            t.id, t.name, t.section_count, t.description
        );
    }
}

pub fn reports(reports: &[(PathBuf, Report)], as_json: bool) {
    if as_json {
        let value: Vec<_> = reports
            .iter()
            .map(|(file, r)| json!({ "file": file, "template": r.template, "score": r.score, "findings": r.findings }))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&value).expect("reports serialize")
        );
        return;
    }
    for (file, r) in reports {
        for f in &r.findings {
            println!(
                "{}:{}:{}: {}[{}]: {}",
                file.display(),
                f.line,
                f.column,
                serde_json::to_value(f.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                f.rule.id(),
                f.message
            );
        }
        let errors = r
            .findings
            .iter()
            .filter(|f| f.severity == specwright_core::Severity::Error)
            .count();
        println!(
            "{}: template {}, {:.0}% complete, {} errors, {} warnings",
            file.display(),
            r.template.as_deref().unwrap_or("(none recognised)"),
            r.score * 100.0,
            errors,
            r.findings.len() - errors
        );
    }
}

pub fn checklist(file: &std::path::Path, checklist: &Checklist, as_json: bool) {
    if as_json {
        let value = json!({ "file": file, "items": checklist.items, "groups": checklist.groups, "progress": checklist.progress });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).expect("checklist serializes")
        );
        return;
    }
    let mut section = None;
    for item in &checklist.items {
        if section != Some(&item.section) {
            section = Some(&item.section);
            let g = checklist.groups.iter().find(|g| g.section == item.section);
            let (done, total) = g.map_or((0, 0), |g| (g.done, g.total));
            println!(
                "{} ({done}/{total})",
                item.section
                    .as_deref()
                    .unwrap_or("(before the first heading)")
            );
        }
        println!(
            "  {:>5}: [{}] {}",
            item.line,
            if item.checked { "x" } else { " " },
            item.text
        );
    }
    println!(
        "{}/{} done",
        checklist.progress.done, checklist.progress.total
    );
}
