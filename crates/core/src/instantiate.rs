//! New from template: the template's body with title, owner, today's dates,
//! the status's first choice and generated ids filled in — as splices on the body.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::{Document, FieldKind};
use crate::template::{FieldRole, Template, infer_field};

/// What the user gives when creating a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewDocument {
    pub title: String,
    pub owner: Option<String>,
    /// The date to write into date fields (the caller's clock).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub today: NaiveDate,
}

/// The text of a new document made from `template`.
///
/// Filled: placeholders in the title heading; and, in the front matter and the
/// metadata at the top (the title section, or a "Metadata"/"Document Info"
/// section), title, owner/author, created/updated/date fields, status (its
/// first choice) and ids following the template's pattern.
pub fn new_document(template: &Template, request: &NewDocument) -> String {
    let body = &template.body;
    let (doc, _) = Document::parse(body);
    let mut splices: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let title = request.title.trim();
    if let Some(h1) = doc.sections.iter().position(|s| s.heading.level == 1)
        && !title.is_empty()
    {
        let range = doc.sections[h1].heading.range.clone();
        if let Some(p) = doc
            .placeholders
            .iter()
            .find(|p| p.range.start >= range.start && p.range.end <= range.end)
        {
            splices.push((p.range.clone(), title.to_owned()));
        }
    }
    for f in &doc.fields {
        let in_metadata = match f.section {
            None => true,
            Some(i) => {
                let s = &doc.sections[i];
                let name = s.heading.text.to_lowercase();
                s.heading.level == 1 || name.contains("metadata") || name.contains("document info")
            }
        };
        if !in_metadata {
            continue;
        }
        let rule = infer_field(&f.label, &f.value, f.kind, f.section);
        let value = if let Some(p) = &rule.id_pattern {
            Some(p.generate(request.today, title))
        } else if rule.date && matches!(rule.role, FieldRole::Created | FieldRole::Updated) {
            Some(request.today.format("%Y-%m-%d").to_string())
        } else {
            match rule.role {
                FieldRole::Title if !title.is_empty() => Some(title.to_owned()),
                FieldRole::Owner => request
                    .owner
                    .as_deref()
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_owned),
                FieldRole::Status => rule.choices.first().cloned(),
                _ => None,
            }
        };
        if let Some(v) = value {
            let v = if f.kind == FieldKind::FrontMatter {
                yaml_scalar(&v)
            } else {
                v
            };
            splices.push((f.value_range.clone(), v));
        }
    }
    splices.sort_by_key(|(r, _)| r.start);
    splices.dedup_by(|b, a| b.0.start < a.0.end);
    let mut out = body.clone();
    for (range, value) in splices.into_iter().rev() {
        out.replace_range(range, &value);
    }
    out
}

/// A YAML scalar for `value`, quoted when plain style would change its meaning.
fn yaml_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.starts_with(|c: char| "[]{}#&*!|>'\"%@`-?:,".contains(c) || c.is_whitespace())
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with([':', ' ']);
    if plain {
        value.to_owned()
    } else {
        format!("{:?}", value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Manifest, Origin};

    #[test]
    fn fills_title_owner_dates_status_and_id() {
        let t = Template::from_markdown(
            "# Spec: [Feature Name]\n\n**Created**: YYYY-MM-DD\n**Status**: draft | approved\n**Spec ID**: spec-YYYYMMDD-feature-name\n**Owner**: [Name]\n\n## Q\n\n- **Owner**: [Who]\n",
            &Manifest {
                id: "t".into(),
                ..Default::default()
            },
            Origin::File,
            None,
        );
        let req = NewDocument {
            title: "Checkout: v2".into(),
            owner: Some("Ana".into()),
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };
        let text = new_document(&t, &req);
        assert_eq!(
            text,
            "# Spec: Checkout: v2\n\n**Created**: 2026-11-23\n**Status**: draft\n**Spec ID**: spec-20261123-checkout-v2\n**Owner**: Ana\n\n## Q\n\n- **Owner**: [Who]\n"
        );
    }

    #[test]
    fn front_matter_values_are_quoted_when_needed() {
        assert_eq!(yaml_scalar("Checkout"), "Checkout");
        assert_eq!(yaml_scalar("Checkout: v2"), "\"Checkout: v2\"");
        assert_eq!(yaml_scalar("[x]"), "\"[x]\"");
    }
}
