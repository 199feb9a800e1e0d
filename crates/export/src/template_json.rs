//! The template-metadata JSON that the evidence template describes in its
//! section "0.1) Template Metadata": `name`, `description`, `title_template`,
//! `acceptance_criteria`, `priority`, `variables` and `metadata`.
//!
//! With that section, each key is read from its bold-label line
//! (`- **name:** …`); `acceptance_criteria` from the nested list under its line,
//! `variables` from a `[a, b]` list, `metadata` parsed as JSON when it is JSON
//! (else kept as the string written).
//!
//! Without it, the JSON is derived from what the document has:
//! - `name` ← the title, slugified (`Checkout Revamp` → `checkout-revamp`);
//! - `description` ← a `Description`/`One-liner`/`Summary` field, else the first
//!   paragraph of the first section with prose;
//! - `title_template` ← the title as written;
//! - `acceptance_criteria` ← the task items of sections named "acceptance
//!   criteria" or "success criteria" (all task items if there are none such);
//! - `priority` ← a `Priority` field, else `null`;
//! - `variables` ← the distinct placeholders left (`[Feature Name]` → `Feature Name`);
//! - `metadata` ← the title-block metadata (owner, status, spec id, version, dates).

use comrak::nodes::{AstNode, NodeValue};
use serde::Serialize;
use serde_json::{Map, Value};
use specwright_core::document::{Document, FieldKind};
use specwright_core::headings::HeadingKey;
use specwright_core::markdown::{self, LineIndex, inline_text};
use specwright_core::template::slugify;

use crate::meta::Metadata;

/// The template metadata of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateMetadata {
    pub name: String,
    pub description: Option<String>,
    pub title_template: String,
    pub acceptance_criteria: Vec<String>,
    pub priority: Option<String>,
    pub variables: Vec<String>,
    pub metadata: Value,
}

impl TemplateMetadata {
    /// Pretty-printed JSON, with a final newline.
    pub fn to_json(&self) -> crate::Result<String> {
        let mut s = serde_json::to_string_pretty(self)?;
        s.push('\n');
        Ok(s)
    }
}

/// Reads (or derives) the template metadata of `text`.
pub fn template_metadata(text: &str) -> TemplateMetadata {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let lines = LineIndex::new(text);
    let doc = Document::from_ast(text, &lines, root);
    let meta = Metadata::of(&doc);
    let section = doc
        .sections
        .iter()
        .position(|s| HeadingKey::of_document(&s.heading.text).contains("template metadata"));
    match section {
        Some(i) => from_section(root, &doc, i, &meta),
        None => derived(root, &doc, &meta),
    }
}

fn from_section<'a>(
    root: &'a AstNode<'a>,
    doc: &Document,
    index: usize,
    meta: &Metadata,
) -> TemplateMetadata {
    let heading_line = doc.sections[index].heading.line;
    let mut out = TemplateMetadata {
        name: String::new(),
        description: None,
        title_template: String::new(),
        acceptance_criteria: Vec::new(),
        priority: None,
        variables: Vec::new(),
        metadata: Value::Object(Map::new()),
    };
    let mut seen_heading = false;
    for block in root.children() {
        let line = block.data().sourcepos.start.line;
        if let NodeValue::Heading(_) = block.data().value {
            if seen_heading {
                break;
            }
            seen_heading = line == heading_line;
            continue;
        }
        if !seen_heading || !matches!(block.data().value, NodeValue::List(_)) {
            continue;
        }
        for item in block.children() {
            let Some(para) = item.first_child() else {
                continue;
            };
            let para_line = para.data().sourcepos.start.line;
            let Some(field) = doc
                .fields
                .iter()
                .find(|f| f.line == para_line && f.kind == FieldKind::BoldLabel)
            else {
                continue;
            };
            let value = unquote(&field.value);
            match HeadingKey::of_document(&field.label)
                .replace(' ', "_")
                .as_str()
            {
                "name" => out.name = value,
                "description" => out.description = Some(value).filter(|v| !v.is_empty()),
                "title_template" => out.title_template = value,
                "priority" => out.priority = Some(value).filter(|v| !v.is_empty()),
                "variables" => out.variables = list_value(&value),
                "metadata" => {
                    out.metadata = serde_json::from_str::<Value>(&field.value)
                        .unwrap_or(Value::String(field.value.clone()))
                }
                "acceptance_criteria" => {
                    out.acceptance_criteria = nested_items(item);
                    if out.acceptance_criteria.is_empty() && !value.is_empty() {
                        out.acceptance_criteria = vec![value];
                    }
                }
                _ => {}
            }
        }
    }
    if out.name.is_empty() {
        out.name = slugify(&meta.title);
    }
    if out.title_template.is_empty() {
        out.title_template = meta.title.clone();
    }
    out
}

fn derived<'a>(root: &'a AstNode<'a>, doc: &Document, meta: &Metadata) -> TemplateMetadata {
    let field = |names: &[&str]| {
        doc.fields
            .iter()
            .find(|f| names.contains(&HeadingKey::of_document(&f.label).as_str()))
            .map(|f| unquote(&f.value))
            .filter(|v| !v.is_empty())
    };
    let description = field(&["description", "one liner", "one-liner", "summary"])
        .or_else(|| first_paragraph(root));
    let criteria_sections: Vec<usize> = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let key = HeadingKey::of_document(&s.heading.text);
            key.contains("acceptance criteria") || key.contains("success criteria")
        })
        .map(|(i, _)| i)
        .collect();
    let in_criteria = |s: Option<usize>| {
        let mut cur = s;
        while let Some(i) = cur {
            if criteria_sections.contains(&i) {
                return true;
            }
            cur = doc.sections[i].parent;
        }
        false
    };
    let mut criteria: Vec<String> = doc
        .tasks
        .iter()
        .filter(|t| in_criteria(t.section))
        .map(|t| t.text.clone())
        .collect();
    if criteria.is_empty() {
        criteria = doc.tasks.iter().map(|t| t.text.clone()).collect();
    }
    let mut variables: Vec<String> = Vec::new();
    for p in &doc.placeholders {
        let v = p
            .text
            .trim_start_matches(['[', '<'])
            .trim_end_matches([']', '>'])
            .trim()
            .to_owned();
        if !v.is_empty() && !variables.contains(&v) {
            variables.push(v);
        }
    }
    let mut metadata = Map::new();
    for (key, value) in [
        ("owner", &meta.owner),
        ("status", &meta.status),
        ("spec_id", &meta.spec_id),
        ("version", &meta.version),
        ("created", &meta.created),
        ("updated", &meta.updated),
    ] {
        if let Some(v) = value {
            metadata.insert(key.to_owned(), Value::String(v.clone()));
        }
    }
    TemplateMetadata {
        name: slugify(&meta.title),
        description,
        title_template: meta.title.clone(),
        acceptance_criteria: criteria,
        priority: field(&["priority"]),
        variables,
        metadata: Value::Object(metadata),
    }
}

/// The first paragraph of prose under a heading (not a field line).
fn first_paragraph<'a>(root: &'a AstNode<'a>) -> Option<String> {
    let mut after_heading = false;
    for block in root.children() {
        match block.data().value {
            NodeValue::Heading(_) => after_heading = true,
            NodeValue::Paragraph if after_heading => {
                let starts_bold = block
                    .first_child()
                    .is_some_and(|c| matches!(c.data().value, NodeValue::Strong));
                let text = inline_text(block)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if !starts_bold && !text.is_empty() {
                    return Some(text);
                }
            }
            _ => {}
        }
    }
    None
}

/// The texts of the items of the lists nested in `item`.
fn nested_items<'a>(item: &'a AstNode<'a>) -> Vec<String> {
    item.children()
        .filter(|c| matches!(c.data().value, NodeValue::List(_)))
        .flat_map(|list| list.children())
        .filter_map(|li| li.first_child())
        .map(|p| match &p.data().value {
            // `<criterion>` alone on a line is an HTML block to CommonMark.
            NodeValue::HtmlBlock(h) => h.literal.trim().to_owned(),
            _ => inline_text(p).trim().to_owned(),
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// `[a, b]` → `["a", "b"]`; a single value → one item.
fn list_value(value: &str) -> Vec<String> {
    let v = value.trim();
    if let Ok(Value::Array(items)) = serde_json::from_str::<Value>(v) {
        return items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => s,
                other => other.to_string(),
            })
            .collect();
    }
    let inner = v
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(v);
    inner
        .split(',')
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect()
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    let v = v
        .strip_prefix('`')
        .and_then(|s| s.strip_suffix('`'))
        .unwrap_or(v);
    let v = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(v);
    v.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_metadata_section() {
        let text = "# Fix login\n\n## 0.1) Template Metadata\n- **name:** \"bug-fix\"\n- **description:** Fixes a bug\n- **title_template:** Fix {area}\n- **acceptance_criteria:**\n  - It works\n  - It is tested\n- **priority:** high\n- **variables:** [area, \"owner\"]\n- **metadata:** { \"author\": \"Ann\", \"version\": \"1.0\" }\n\n## 1) Overview\nText.\n";
        let m = template_metadata(text);
        assert_eq!(m.name, "bug-fix");
        assert_eq!(m.description.as_deref(), Some("Fixes a bug"));
        assert_eq!(m.title_template, "Fix {area}");
        assert_eq!(m.acceptance_criteria, ["It works", "It is tested"]);
        assert_eq!(m.priority.as_deref(), Some("high"));
        assert_eq!(m.variables, ["area", "owner"]);
        assert_eq!(m.metadata["author"], "Ann");
    }

    #[test]
    fn metadata_that_is_not_json_stays_a_string() {
        let text = "# T\n\n## Template Metadata\n- **metadata:** { author: <name> }\n";
        assert_eq!(
            template_metadata(text).metadata,
            Value::String("{ author: <name> }".into())
        );
    }

    #[test]
    fn derived_without_the_section() {
        let text = "# Checkout Revamp\n\n**Owner**: Ann\n\n## Overview\n\nMake checkout fast for [Customer Segment].\n\n## Acceptance Criteria\n- [ ] Loads in 1s\n- [x] Works offline\n";
        let m = template_metadata(text);
        assert_eq!(m.name, "checkout-revamp");
        assert_eq!(
            m.description.as_deref(),
            Some("Make checkout fast for [Customer Segment].")
        );
        assert_eq!(m.acceptance_criteria, ["Loads in 1s", "Works offline"]);
        assert_eq!(m.variables, ["Customer Segment"]);
        assert_eq!(m.metadata["owner"], "Ann");
        assert!(m.to_json().unwrap().ends_with("}\n"));
    }
}
