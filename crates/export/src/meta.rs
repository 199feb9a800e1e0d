//! The metadata a title block shows — title, owner, status, dates, spec id —
//! read from the engine's [`Document`] fields: front matter keys, bold-label
//! lines (`**Status**: draft`) and two-column metadata tables
//! (`| **Author** | Ann |`), in that order of preference.

use serde::Serialize;
use specwright_core::document::{Document, FieldKind};
use specwright_core::headings::HeadingKey;
use specwright_core::template::{FieldRole, infer_field};

/// What the title block of an export shows. Values are as written, with
/// Markdown emphasis and quotes around them removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: String,
    pub owner: Option<String>,
    pub status: Option<String>,
    pub created: Option<String>,
    pub updated: Option<String>,
    pub spec_id: Option<String>,
    pub version: Option<String>,
}

impl Metadata {
    /// Reads the metadata of `text` from its analysed `doc`.
    ///
    /// The title is the front matter `title`, else the first level-1 heading,
    /// else a `Title` field, else "Untitled specification".
    pub fn of(doc: &Document) -> Self {
        let mut meta = Metadata::default();
        let mut title_field = None;
        // Front matter first, then the fields in document order.
        let mut fields: Vec<_> = doc.fields.iter().collect();
        fields.sort_by_key(|f| f.kind != FieldKind::FrontMatter);
        for f in fields {
            let value = clean(&f.value);
            if value.is_empty() {
                continue;
            }
            let key = HeadingKey::of_document(&f.label);
            let role = infer_field(&f.label, "", f.kind, f.section).role;
            let slot = match role {
                FieldRole::Title => &mut title_field,
                FieldRole::Owner => &mut meta.owner,
                FieldRole::Status => &mut meta.status,
                FieldRole::Created => &mut meta.created,
                FieldRole::Updated => &mut meta.updated,
                FieldRole::Other => match key.as_str() {
                    "spec id" | "id" | "spec" | "kep number" | "kepnumber" | "document id" => {
                        &mut meta.spec_id
                    }
                    "version" => &mut meta.version,
                    "creation date" | "created at" => &mut meta.created,
                    "last updated" | "updated at" | "last update" => &mut meta.updated,
                    _ => continue,
                },
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        let front_title = doc
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::FrontMatter && f.label.eq_ignore_ascii_case("title"))
            .map(|f| clean(&f.value))
            .filter(|t| !t.is_empty());
        let heading = doc
            .sections
            .iter()
            .find(|s| s.heading.level == 1)
            .map(|s| s.heading.text.trim().to_owned())
            .filter(|t| !t.is_empty());
        meta.title = front_title
            .or(heading)
            .or(title_field)
            .unwrap_or_else(|| "Untitled specification".to_owned());
        meta
    }

    /// Whether the status says the spec is still a draft (`draft`, `Draft`,
    /// `WIP`, or a template's unfilled `draft | approved` list).
    pub fn is_draft(&self) -> bool {
        self.status.as_deref().is_some_and(|s| {
            s.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("draft") || w.eq_ignore_ascii_case("wip"))
        })
    }

    /// The labelled values to show under the title, in display order.
    pub fn rows(&self) -> Vec<(&'static str, &str)> {
        [
            ("Status", &self.status),
            ("Owner", &self.owner),
            ("Spec ID", &self.spec_id),
            ("Version", &self.version),
            ("Created", &self.created),
            ("Last updated", &self.updated),
        ]
        .into_iter()
        .filter_map(|(label, v)| v.as_deref().map(|v| (label, v)))
        .collect()
    }
}

/// A field value without the Markdown around it: `**x**`, `` `x` ``, `"x"`.
fn clean(value: &str) -> String {
    let mut v = value.trim();
    loop {
        let before = v;
        for d in ["**", "__", "`", "\"", "'", "*", "_"] {
            if v.len() >= 2 * d.len() && v.starts_with(d) && v.ends_with(d) {
                v = v[d.len()..v.len() - d.len()].trim();
            }
        }
        if v == before {
            break;
        }
    }
    v.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Metadata {
        Metadata::of(&Document::parse(text).0)
    }

    #[test]
    fn bold_label_fields() {
        let m = meta(
            "# Payments\n\n**Status**: Draft\n**Owner**: Ann\n**Spec ID**: spec-20250101-pay\n",
        );
        assert_eq!(m.title, "Payments");
        assert_eq!(m.status.as_deref(), Some("Draft"));
        assert_eq!(m.owner.as_deref(), Some("Ann"));
        assert_eq!(m.spec_id.as_deref(), Some("spec-20250101-pay"));
        assert!(m.is_draft());
    }

    #[test]
    fn front_matter_title_wins_and_tables_count() {
        let m = meta(
            "---\ntitle: \"Fast search\"\nstatus: approved\n---\n# Other\n\n| Field | Value |\n|---|---|\n| **Author** | Bo |\n| **Last Updated** | 2025-02-03 |\n",
        );
        assert_eq!(m.title, "Fast search");
        assert_eq!(m.owner.as_deref(), Some("Bo"));
        assert_eq!(m.updated.as_deref(), Some("2025-02-03"));
        assert!(!m.is_draft());
    }

    #[test]
    fn untitled_without_anything() {
        assert_eq!(meta("just text").title, "Untitled specification");
    }
}
