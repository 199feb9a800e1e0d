//! Templates: what a spec should contain, inferred from the template's Markdown.
//!
//! Any Markdown file is a template. Its headings are the sections (required unless
//! marked optional); its placeholders are what to fill; bold-label lines, two-column
//! metadata tables and front matter give fields, whose template values say whether
//! they are choices (`draft | approved`), dates (`YYYY-MM-DD`) or ids
//! (`spec-YYYYMMDD-feature-name`). Usage notes outside the body ("Required
//! Sections" / "Optional Sections" lists) decide which sections are required. An
//! optional [`Manifest`] only names the template and says where its body is.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::document::{Document, FieldKind};
use crate::headings::{self, HeadingKey, Marker};
use crate::markdown::{self, LineIndex, inline_text};
use crate::placeholder::is_pattern_token;

/// Where a template comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Shipped with Specwright.
    Builtin,
    /// The user's own template folder.
    User,
    /// A folder the user chose (a synced team folder).
    Team,
    /// A path given on the command line.
    File,
}

/// The optional manifest beside a template: names it and says where its body is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Manifest {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub category: String,
    /// Exact text of the first line of the body (default: the first line).
    #[serde(default)]
    pub body_start: Option<String>,
    /// Exact text of the first line after the body (default: end of file).
    #[serde(default)]
    pub body_end: Option<String>,
    /// Sections that are explanatory boilerplate, kept as they are: not required,
    /// never "unfilled".
    #[serde(default)]
    pub fixed_sections: Vec<String>,
    /// Sections to treat as optional in addition to what the text marks.
    #[serde(default)]
    pub optional_sections: Vec<String>,
}

/// One section a spec made from the template should have.
#[derive(Debug, Clone)]
pub struct TemplateSection {
    /// The heading text as written in the template.
    pub heading: String,
    /// The heading without numbering and remarks, for messages.
    pub name: String,
    pub key: HeadingKey,
    pub level: u8,
    pub parent: Option<usize>,
    pub required: bool,
    /// Boilerplate kept as is.
    pub fixed: bool,
    /// The document title (the first level-1 heading).
    pub title: bool,
    /// The section's own body, normalized: unchanged guidance is compared to this.
    pub guidance: String,
    /// Placeholders in the section's own body (and heading).
    pub placeholders: usize,
}

/// What a field's value means, from its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    Title,
    Owner,
    Created,
    Updated,
    Status,
    Other,
}

/// A field the template shows, with what its value must be.
#[derive(Debug, Clone)]
pub struct TemplateField {
    pub label: String,
    pub label_key: String,
    /// Index of the template section it sits in (`None`: front matter or preamble).
    pub section: Option<usize>,
    pub kind: FieldKind,
    pub role: FieldRole,
    /// The value must be one of these (compared without case).
    pub choices: Vec<String>,
    /// The value must be a `YYYY-MM-DD` date.
    pub date: bool,
    /// The value must match this id pattern.
    pub id_pattern: Option<IdPattern>,
}

/// An id pattern such as `spec-YYYYMMDD-feature-name` or `TS-YYYY-NNN`.
#[derive(Debug, Clone)]
pub struct IdPattern {
    pub pattern: String,
    regex: regex::Regex,
}

/// The evidence rule: every prose paragraph ends with one of these line prefixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRule {
    pub markers: Vec<String>,
}

/// A template, with everything inferred from its text.
#[derive(Debug, Clone)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub description: String,
    pub category: String,
    pub origin: Origin,
    pub path: Option<PathBuf>,
    /// The Markdown a new document starts from: the template without wrappers,
    /// preambles or usage notes.
    pub body: String,
    pub sections: Vec<TemplateSection>,
    pub fields: Vec<TemplateField>,
    pub evidence: Option<EvidenceRule>,
    /// Normalized text before the first heading.
    pub preamble_guidance: String,
}

impl Template {
    /// Infers a template from its Markdown `text` and optional manifest.
    pub fn from_markdown(
        text: &str,
        manifest: &Manifest,
        origin: Origin,
        path: Option<PathBuf>,
    ) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (body, notes) = split_body(text, manifest);
        let arena = comrak::Arena::new();
        let root = markdown::parse(&arena, &body);
        let lines = LineIndex::new(&body);
        let doc = Document::from_ast(&body, &lines, root);
        let notes = UsageNotes::from_markdown(&notes);
        let sections = infer_sections(&body, &doc, &notes, manifest);
        let fields = doc
            .fields
            .iter()
            .map(|f| infer_field(&f.label, &f.value, f.kind, f.section))
            .collect();
        let name = if manifest.name.is_empty() {
            sections
                .iter()
                .find(|s| s.title)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| manifest.id.clone())
        } else {
            manifest.name.clone()
        };
        Template {
            id: manifest.id.clone(),
            name,
            description: manifest.description.clone(),
            category: manifest.category.clone(),
            origin,
            path,
            evidence: EvidenceRule::find(text),
            preamble_guidance: doc.normalized_preamble(&body),
            body,
            sections,
            fields,
        }
    }

    /// Number of sections (headings) the template has.
    pub fn section_count(&self) -> usize {
        self.sections.len()
    }
}

/// Splits the template text into its body and the notes around it.
fn split_body(text: &str, manifest: &Manifest) -> (String, String) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let find = |needle: &str, from: usize| {
        lines[from..]
            .iter()
            .position(|l| l.trim_end() == needle.trim_end())
            .map(|i| i + from)
    };
    let start = manifest
        .body_start
        .as_deref()
        .and_then(|s| find(s, 0))
        .unwrap_or(0);
    let mut end = manifest
        .body_end
        .as_deref()
        .and_then(|s| find(s, start))
        .unwrap_or(lines.len());
    if end < lines.len() {
        // Drop what only separated the body from the notes: blank lines, rules and
        // the closing fence of a wrapper (```markdown … ```).
        let mut fence_dropped = false;
        while end > start {
            let l = lines[end - 1].trim();
            if l.is_empty()
                || l == "---"
                || (!fence_dropped && l.starts_with("```") && l.trim_start_matches('`').is_empty())
            {
                fence_dropped |= l.starts_with("```");
                end -= 1;
            } else {
                break;
            }
        }
    }
    let body = lines[start..end].concat();
    let notes = [lines[..start].concat(), lines[end..].concat()].concat();
    (body, notes)
}

/// "Required Sections" / "Optional Sections" lists in a template's usage notes.
#[derive(Debug, Default)]
struct UsageNotes {
    required: Vec<String>,
    optional: Vec<String>,
}

impl UsageNotes {
    fn from_markdown(notes: &str) -> Self {
        let mut out = UsageNotes::default();
        if notes.trim().is_empty() {
            return out;
        }
        let arena = comrak::Arena::new();
        let root = markdown::parse(&arena, notes);
        #[derive(PartialEq)]
        enum Mode {
            None,
            Required,
            Optional,
        }
        let mut mode = Mode::None;
        for block in root.children() {
            match &block.data().value {
                comrak::nodes::NodeValue::Heading(_) => {
                    let t = inline_text(block).to_lowercase();
                    mode = if t.contains("required section") {
                        Mode::Required
                    } else if t.contains("optional section") {
                        Mode::Optional
                    } else {
                        Mode::None
                    };
                }
                comrak::nodes::NodeValue::List(_) if mode != Mode::None => {
                    for item in block.children() {
                        let Some(p) = item.first_child() else {
                            continue;
                        };
                        let name = HeadingKey::of_document(&inline_text(p));
                        if mode == Mode::Required {
                            out.required.push(name);
                        } else {
                            out.optional.push(name);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn present(&self) -> bool {
        !self.required.is_empty() || !self.optional.is_empty()
    }
}

fn infer_sections(
    body: &str,
    doc: &Document,
    notes: &UsageNotes,
    manifest: &Manifest,
) -> Vec<TemplateSection> {
    let named = |list: &[String], key: &HeadingKey| {
        list.iter()
            .any(|n| key.matches(&HeadingKey::of_document(n)))
    };
    let mut out: Vec<TemplateSection> = Vec::with_capacity(doc.sections.len());
    let mut title_seen = false;
    for (i, s) in doc.sections.iter().enumerate() {
        let heading = s.heading.text.clone();
        let key = HeadingKey::of_template(&heading);
        let title = !title_seen && s.heading.level == 1;
        title_seen |= title;
        let parent = s.parent;
        let parent_info = parent.map(|p| (out[p].required, out[p].fixed, out[p].title));
        let fixed = named(&manifest.fixed_sections, &key) || parent_info.is_some_and(|(_, f, _)| f);
        let required = if title {
            true
        } else if fixed || named(&manifest.optional_sections, &key) {
            false
        } else {
            match headings::marker(&heading) {
                Marker::Optional => false,
                Marker::Required => true,
                Marker::None if notes.present() => {
                    if notes.required.iter().any(|n| key.matches(n)) {
                        true
                    } else if notes.optional.iter().any(|n| key.matches(n)) {
                        false
                    } else {
                        // The notes decide: unlisted top sections are optional,
                        // subsections follow their section.
                        parent_info.is_some_and(|(r, _, t)| r && !t)
                    }
                }
                Marker::None => parent_info.is_none_or(|(r, _, _)| r),
            }
        };
        let placeholders = doc
            .placeholders
            .iter()
            .filter(|p| p.section == Some(i))
            .count();
        out.push(TemplateSection {
            name: headings::display_name(&heading).to_owned(),
            heading,
            key,
            level: s.heading.level,
            parent,
            required,
            fixed,
            title,
            guidance: doc.normalized_body(body, i),
            placeholders,
        });
    }
    out
}

/// Infers what a field's template value asks for.
pub fn infer_field(
    label: &str,
    value: &str,
    kind: FieldKind,
    section: Option<usize>,
) -> TemplateField {
    let label_key = HeadingKey::of_document(label);
    let role = role_of(&label_key);
    let bare = strip_brackets(value);
    let date = bare == "YYYY-MM-DD";
    let id_pattern = (!date && !bare.contains(char::is_whitespace) && is_pattern_token(bare))
        .then(|| IdPattern::new(bare))
        .flatten();
    let choices = match role {
        _ if date || id_pattern.is_some() => Vec::new(),
        FieldRole::Title | FieldRole::Owner | FieldRole::Created | FieldRole::Updated => Vec::new(),
        // A bracketed list is a choice only for a status: `[Draft / In Review]`;
        // elsewhere it describes what to write: `[Product Manager / Technical Lead]`.
        FieldRole::Other if value.trim().starts_with('[') => Vec::new(),
        _ => choices_of(value),
    };
    TemplateField {
        label: label.trim().to_owned(),
        label_key,
        section,
        kind,
        role,
        choices,
        date,
        id_pattern,
    }
}

fn role_of(key: &str) -> FieldRole {
    match key {
        "title" => FieldRole::Title,
        "owner" | "author" | "authors" => FieldRole::Owner,
        "created" | "date" | "created on" | "creation date" => FieldRole::Created,
        "updated" | "last updated" | "updated on" | "last modified" => FieldRole::Updated,
        "status" => FieldRole::Status,
        _ => FieldRole::Other,
    }
}

/// `[x]` → `x`; other values unchanged (trimmed).
pub fn strip_brackets(value: &str) -> &str {
    let v = value.trim();
    v.strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .map(str::trim)
        .unwrap_or(v)
}

/// The choices a template value lists: `draft | approved`, `Draft / In Review`,
/// `Yes/No`, `yes/no (how)`. Bracketed lists count only with `|` or spaced ` / `
/// (`[Read/Write/Both]` is a free-text placeholder).
fn choices_of(value: &str) -> Vec<String> {
    let v = value.trim();
    let bracketed = v.starts_with('[') && v.ends_with(']');
    let v = strip_brackets(v);
    let v = strip_trailing_remark(v);
    let sep: &str = if v.contains('|') {
        "|"
    } else if v.contains(" / ") {
        " / "
    } else if v.contains('/') && !bracketed {
        "/"
    } else {
        return Vec::new();
    };
    let options: Vec<String> = v.split(sep).map(|o| o.trim().to_owned()).collect();
    let plausible = options.len() >= 2
        && options.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 30
                && o.split_whitespace().count() <= 3
                && o.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '\''))
        });
    if plausible { options } else { Vec::new() }
}

/// `yes (via header)` → `yes`.
pub fn strip_trailing_remark(v: &str) -> &str {
    let t = v.trim_end();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open > 0
    {
        return t[..open].trim_end();
    }
    t
}

impl IdPattern {
    /// Compiles an id pattern; `None` if it has no variable part.
    pub fn new(pattern: &str) -> Option<Self> {
        let segments: Vec<&str> = pattern.split('-').collect();
        let last_variable = segments.iter().rposition(|s| is_variable(s))?;
        let mut re = String::from("^");
        for (i, seg) in segments.iter().enumerate() {
            if i > last_variable
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                // `feature-name` after the variable part: a slug of any length.
                re.push_str("-[a-z0-9]+(?:-[a-z0-9]+)*");
                break;
            }
            if i > 0 {
                re.push('-');
            }
            re.push_str(&segment_regex(seg));
        }
        re.push('$');
        let regex = regex::Regex::new(&re).ok()?;
        Some(IdPattern {
            pattern: pattern.to_owned(),
            regex,
        })
    }

    /// Whether `value` matches the pattern (dates inside it must be real dates).
    pub fn matches(&self, value: &str) -> bool {
        let Some(caps) = self.regex.captures(value) else {
            return false;
        };
        caps.name("ymd")
            .is_none_or(|m| chrono::NaiveDate::parse_from_str(m.as_str(), "%Y%m%d").is_ok())
    }

    /// An id for a new document: `spec-20261123-checkout-revamp`, `TS-2026-001`.
    pub fn generate(&self, today: chrono::NaiveDate, title: &str) -> String {
        let slug = slugify(title);
        let segments: Vec<&str> = self.pattern.split('-').collect();
        let last_variable = segments.iter().rposition(|s| is_variable(s)).unwrap_or(0);
        let mut out = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            if i > last_variable
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                out.push(if slug.is_empty() {
                    "untitled".to_owned()
                } else {
                    slug
                });
                break;
            }
            out.push(fill_segment(seg, today));
        }
        out.join("-")
    }
}

fn is_variable(seg: &str) -> bool {
    seg.contains("YYYY")
        || seg.contains("MM")
        || seg.contains("DD")
        || (seg.len() >= 2 && seg.bytes().all(|b| b == b'N'))
}

fn segment_regex(seg: &str) -> String {
    match seg {
        "YYYYMMDD" => "(?P<ymd>[0-9]{8})".to_owned(),
        "YYYY" => "[0-9]{4}".to_owned(),
        "MM" | "DD" => "[0-9]{2}".to_owned(),
        s if s.len() >= 2 && s.bytes().all(|b| b == b'N') => format!("[0-9]{{{}}}", s.len()),
        s => regex::escape(s),
    }
}

fn fill_segment(seg: &str, today: chrono::NaiveDate) -> String {
    match seg {
        "YYYYMMDD" => today.format("%Y%m%d").to_string(),
        "YYYY" => today.format("%Y").to_string(),
        "MM" => today.format("%m").to_string(),
        "DD" => today.format("%d").to_string(),
        s if s.len() >= 2 && s.bytes().all(|b| b == b'N') => {
            format!("{:0width$}", 1, width = s.len())
        }
        s => s.to_owned(),
    }
}

/// `Checkout Revamp: v2!` → `checkout-revamp-v2`.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

impl EvidenceRule {
    /// Finds a rule sentence such as "Every paragraph must end with an `Evidence:`
    /// line or `Evidence gap:` line" and takes the backticked markers from it.
    pub fn find(text: &str) -> Option<Self> {
        let line = text
            .lines()
            .find(|l| l.to_lowercase().contains("every paragraph must end with"))?;
        let markers: Vec<String> = line
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty())
            .collect();
        (!markers.is_empty()).then_some(EvidenceRule { markers })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_read_from_template_values() {
        assert_eq!(
            choices_of("draft | approved | in-progress | completed").len(),
            4
        );
        assert_eq!(
            choices_of("Draft / In Review / Approved / Implemented")[2],
            "Approved"
        );
        assert_eq!(
            choices_of("[Draft / In Review / Approved / In Progress / Complete]").len(),
            5
        );
        assert_eq!(choices_of("yes/no (how)"), ["yes", "no"]);
        assert!(choices_of("[Read/Write/Both]").is_empty());
        assert!(choices_of("[Available now, in development, blocked, etc.]").is_empty());
        assert!(choices_of("/v1/<...>").is_empty());
    }

    #[test]
    fn id_patterns_match_and_generate() {
        let p = IdPattern::new("spec-YYYYMMDD-feature-name").unwrap();
        assert!(p.matches("spec-20261123-checkout-revamp"));
        assert!(!p.matches("spec-20261332-checkout"));
        assert!(!p.matches("spec-2026-checkout"));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            p.generate(today, "Checkout Revamp!"),
            "spec-20261123-checkout-revamp"
        );
        let ts = IdPattern::new("TS-YYYY-NNN").unwrap();
        assert!(ts.matches("TS-2026-042"));
        assert!(!ts.matches("TS-26-42"));
        assert_eq!(ts.generate(today, "x"), "TS-2026-001");
    }

    #[test]
    fn evidence_rule_is_found_in_text() {
        let rule = EvidenceRule::find("> Evidence rule: Every paragraph must end with an `Evidence:` line or `Evidence gap:` line.").unwrap();
        assert_eq!(rule.markers, ["Evidence:", "Evidence gap:"]);
    }

    #[test]
    fn usage_notes_decide_required_sections() {
        let text = "# T\n\n## A\n\nx\n\n## B\n\ny\n\n## C\n\nz\n\n## Usage Notes\n\n### Required Sections\n\n- A (always)\n\n### Optional Sections\n\n- B\n";
        let manifest = Manifest {
            id: "t".into(),
            body_end: Some("## Usage Notes".into()),
            ..Default::default()
        };
        let t = Template::from_markdown(text, &manifest, Origin::File, None);
        let req: Vec<(&str, bool)> = t
            .sections
            .iter()
            .map(|s| (s.name.as_str(), s.required))
            .collect();
        assert_eq!(req, [("T", true), ("A", true), ("B", false), ("C", false)]);
    }
}
