//! Validation: a document against the template it was written from.
//!
//! Sections are matched by [`crate::headings`]; then each rule adds findings.
//! The completeness score (see `docs/validation.md`):
//! - a section scores 0 when missing, empty or still the template's guidance, and
//!   otherwise `1 − r/(p+1)` where `r` is the number of placeholders left in its
//!   own body and `p = max(r, placeholders the template had there)` (1 when none);
//! - the overall score is the mean over the template's required sections
//!   (without a template: over the document's sections).

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::{Document, Field};
use crate::finding::{Finding, Rule, Severity};
use crate::headings::HeadingKey;
use crate::markdown::LineIndex;
use crate::template::{FieldRole, Template, TemplateField, strip_brackets, strip_trailing_remark};

/// Completeness of one section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionScore {
    /// The section's name (the template's heading without numbering).
    pub section: String,
    /// Line of the matching heading in the document, if present.
    pub line: Option<usize>,
    pub required: bool,
    pub score: f64,
}

/// The result of validating one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    /// The template's id (or path), if one was used.
    pub template: Option<String>,
    /// Overall completeness, 0–1.
    pub score: f64,
    pub sections: Vec<SectionScore>,
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Validates `text` against `template` (parses it once).
pub fn validate(text: &str, template: Option<&Template>) -> Report {
    let arena = comrak::Arena::new();
    let root = crate::markdown::parse(&arena, text);
    let lines = LineIndex::new(text);
    let doc = Document::from_ast(text, &lines, root);
    validate_document(text, &lines, &doc, template)
}

/// Validates an already analysed document.
pub fn validate_document(
    text: &str,
    lines: &LineIndex,
    doc: &Document,
    template: Option<&Template>,
) -> Report {
    let mut v = Validator {
        text,
        lines,
        doc,
        findings: Vec::new(),
    };
    v.front_matter();
    let (score, sections) = match template {
        Some(t) => v.against(t),
        None => v.without_template(),
    };
    let mut findings = v.findings;
    findings.sort_by_key(|f| (f.start, f.rule));
    Report {
        template: template.map(|t| t.id.clone()),
        score,
        sections,
        findings,
    }
}

struct Validator<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    doc: &'a Document,
    findings: Vec<Finding>,
}

impl Validator<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: Rule,
        severity: Severity,
        range: Range<usize>,
        section: Option<String>,
        message: String,
        hint: Option<String>,
    ) {
        let (line, column) = self.lines.line_col(range.start);
        let (end_line, end_column) = self.lines.line_col(range.end);
        self.findings.push(Finding {
            rule,
            severity,
            message,
            line,
            column,
            end_line,
            end_column,
            section,
            hint,
            start: range.start,
            end: range.end,
        });
    }

    fn section_name(&self, index: Option<usize>) -> Option<String> {
        index.map(|i| self.doc.sections[i].heading.text.clone())
    }

    fn front_matter(&mut self) {
        if let Some(fm) = &self.doc.front_matter
            && let Some(error) = &fm.error
        {
            self.push(
                Rule::FrontMatter,
                Severity::Error,
                fm.range.clone(),
                None,
                format!("The front matter is not valid YAML: {error}"),
                Some("Fix the `key: value` lines between the `---` markers.".to_owned()),
            );
        }
    }

    fn placeholders(&mut self, skip: &[bool]) {
        for p in &self.doc.placeholders {
            if p.section.is_some_and(|s| skip[s]) {
                continue;
            }
            let message = format!("Placeholder “{}” is still to be filled in", p.text);
            self.push(
                Rule::Placeholder,
                Severity::Warning,
                p.range.clone(),
                self.section_name(p.section),
                message,
                Some("Replace it with the real value.".to_owned()),
            );
        }
    }

    fn has_subsections(&self, index: usize) -> bool {
        self.doc
            .sections
            .get(index + 1)
            .is_some_and(|s| s.parent == Some(index))
    }

    fn is_empty(&self, index: usize) -> bool {
        self.doc.sections[index].content_blocks == 0 && !self.has_subsections(index)
    }

    fn placeholder_score(&self, index: usize, template_count: usize) -> f64 {
        let left = self
            .doc
            .placeholders
            .iter()
            .filter(|p| p.section == Some(index))
            .count();
        if left == 0 {
            return 1.0;
        }
        let p = left.max(template_count);
        1.0 - left as f64 / (p + 1) as f64
    }

    fn without_template(&mut self) -> (f64, Vec<SectionScore>) {
        self.placeholders(&vec![false; self.doc.sections.len()]);
        let mut scores = Vec::new();
        for (i, s) in self.doc.sections.iter().enumerate() {
            let score = if self.is_empty(i) {
                0.0
            } else {
                self.placeholder_score(i, 0)
            };
            scores.push(SectionScore {
                section: s.heading.text.clone(),
                line: Some(s.heading.line),
                required: false,
                score,
            });
        }
        (mean(scores.iter().map(|s| s.score)), scores)
    }

    fn against(&mut self, t: &Template) -> (f64, Vec<SectionScore>) {
        let matched = match_sections(self.doc, t);
        let mut doc_to_template = vec![None; self.doc.sections.len()];
        for (ti, m) in matched.iter().enumerate() {
            if let Some(d) = m {
                doc_to_template[*d] = Some(ti);
            }
        }
        let fixed: Vec<bool> = doc_to_template
            .iter()
            .map(|m| m.is_some_and(|ti| t.sections[ti].fixed))
            .collect();
        let mut scores = Vec::new();
        for (ti, ts) in t.sections.iter().enumerate() {
            if ts.fixed || ts.key.is_free() {
                continue;
            }
            let score = match matched[ti] {
                None => {
                    let parent_missing = ts
                        .parent
                        .is_some_and(|p| matched[p].is_none() && t.sections[p].required);
                    if ts.required && !parent_missing {
                        self.missing(t, ti, &matched);
                    }
                    0.0
                }
                Some(di) => self.check_section(ts, di),
            };
            if ts.required || matched[ti].is_some() {
                scores.push(SectionScore {
                    section: ts.name.clone(),
                    line: matched[ti].map(|d| self.doc.sections[d].heading.line),
                    required: ts.required,
                    score,
                });
            }
        }
        self.placeholders(&fixed);
        self.fields(t, &doc_to_template);
        if let Some(rule) = &t.evidence {
            self.evidence(&rule.markers, &fixed);
        }
        let required: Vec<f64> = scores
            .iter()
            .filter(|s| s.required)
            .map(|s| s.score)
            .collect();
        let overall = if required.is_empty() {
            mean(scores.iter().map(|s| s.score))
        } else {
            mean(required.into_iter())
        };
        (overall, scores)
    }

    fn missing(&mut self, t: &Template, ti: usize, matched: &[Option<usize>]) {
        let ts = &t.sections[ti];
        // Point at where the section belongs: before the next section that is present.
        let at = matched[ti + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(self.text.len(), |d| {
                self.doc.sections[*d].heading.range.start
            });
        let hashes = "#".repeat(ts.level as usize);
        let (message, hint) = if ts.title {
            (
                "The document has no title (a level-1 heading)".to_owned(),
                format!("Start the document with `# {}`.", ts.heading),
            )
        } else {
            (
                format!("Missing section “{}” (required by the template)", ts.name),
                format!("Add a heading `{hashes} {}`.", ts.heading),
            )
        };
        self.push(
            Rule::MissingSection,
            Severity::Error,
            at..at,
            Some(ts.heading.clone()),
            message,
            Some(hint),
        );
    }

    fn check_section(&mut self, ts: &crate::template::TemplateSection, di: usize) -> f64 {
        let s = &self.doc.sections[di];
        let heading = s.heading.range.clone();
        let name = Some(s.heading.text.clone());
        if self.is_empty(di) {
            let severity = if ts.required {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.push(
                Rule::EmptySection,
                severity,
                heading,
                name,
                format!("Section “{}” is empty", ts.name),
                Some("Write this section, or remove it if it does not apply (say why).".to_owned()),
            );
            return 0.0;
        }
        if !ts.guidance.is_empty() && self.doc.body_is(self.text, di, &ts.guidance) {
            self.push(
                Rule::UnfilledSection,
                Severity::Warning,
                heading,
                name,
                format!(
                    "Section “{}” still has the template's guidance text, unchanged",
                    ts.name
                ),
                Some("Replace the guidance with this spec's content.".to_owned()),
            );
            return 0.0;
        }
        self.placeholder_score(di, ts.placeholders)
    }

    fn fields(&mut self, t: &Template, doc_to_template: &[Option<usize>]) {
        let mut rules: HashMap<(Option<usize>, &str), &TemplateField> = HashMap::new();
        for f in &t.fields {
            if !f.choices.is_empty() || f.date || f.id_pattern.is_some() {
                rules.entry((f.section, f.label_key.as_str())).or_insert(f);
            }
        }
        if rules.is_empty() {
            return;
        }
        // Dates by section, for the created/updated order.
        let mut dates: HashMap<Option<usize>, SectionDates> = HashMap::new();
        for (fi, f) in self.doc.fields.iter().enumerate() {
            let ts = f.section.and_then(|d| doc_to_template[d]);
            let key = HeadingKey::of_document(&f.label);
            let Some(rule) = rules.get(&(ts, key.as_str())) else {
                continue;
            };
            if self.has_placeholder(f.value_range.clone()) || f.value.is_empty() {
                continue;
            }
            if let Some(date) = self.check_field(rule, f) {
                let entry = dates.entry(f.section).or_default();
                match rule.role {
                    FieldRole::Created => entry.0 = Some(date),
                    FieldRole::Updated => entry.1 = Some((date, fi)),
                    _ => {}
                }
            }
        }
        for (created, updated) in dates.into_values() {
            if let (Some(c), Some((u, fi))) = (created, updated)
                && u < c
            {
                let f = &self.doc.fields[fi];
                let message = format!("“{}” ({u}) is before the creation date ({c})", f.label);
                self.push(
                    Rule::DateOrder,
                    Severity::Error,
                    f.value_range.clone(),
                    self.section_name(f.section),
                    message,
                    Some("A spec cannot be updated before it was created.".to_owned()),
                );
            }
        }
    }

    /// Checks one field; returns its date if it is a valid date field.
    fn check_field(&mut self, rule: &TemplateField, f: &Field) -> Option<chrono::NaiveDate> {
        let value = clean_value(&f.value);
        let section = self.section_name(f.section);
        if !rule.choices.is_empty() && !rule.choices.iter().any(|c| is_choice(value, c)) {
            let list = rule.choices.join(", ");
            let message = if value.contains(['|', '/']) {
                format!(
                    "“{}” still lists every choice; keep one of: {list}",
                    f.label
                )
            } else {
                format!("“{}” is “{value}”, which is not one of: {list}", f.label)
            };
            self.push(
                Rule::InvalidChoice,
                Severity::Error,
                f.value_range.clone(),
                section,
                message,
                Some(format!("Use one of: {list}.")),
            );
            return None;
        }
        if rule.date {
            return match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    let message = format!("“{}” is “{value}”, which is not a valid date", f.label);
                    self.push(
                        Rule::InvalidDate,
                        Severity::Error,
                        f.value_range.clone(),
                        section,
                        message,
                        Some("Write the date as YYYY-MM-DD, e.g. 2026-03-31.".to_owned()),
                    );
                    None
                }
            };
        }
        if let Some(p) = &rule.id_pattern
            && !p.matches(value)
        {
            let message = format!(
                "“{}” is “{value}”, which does not match the pattern {}",
                f.label, p.pattern
            );
            self.push(
                Rule::IdPattern,
                Severity::Error,
                f.value_range.clone(),
                section,
                message,
                Some(format!("Use the form {}.", p.pattern)),
            );
        }
        None
    }

    fn has_placeholder(&self, range: Range<usize>) -> bool {
        let i = self
            .doc
            .placeholders
            .partition_point(|p| p.range.start < range.start);
        self.doc
            .placeholders
            .get(i)
            .is_some_and(|p| p.range.end <= range.end)
    }

    fn evidence(&mut self, markers: &[String], fixed: &[bool]) {
        let starts_with_marker = |line: &str| {
            let l = line.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '*' | '_' | '>' | '-')
            });
            markers
                .iter()
                .any(|m| l.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m)))
        };
        let paragraphs = &self.doc.paragraphs;
        let mut missing = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            if p.only_fields || p.section.is_some_and(|s| fixed[s]) {
                continue;
            }
            let src = &self.text[p.range.clone()];
            if src.lines().next().is_some_and(starts_with_marker) {
                continue;
            }
            let last_ok = src.lines().last().is_some_and(starts_with_marker);
            let next_ok = paragraphs.get(i + 1).is_some_and(|n| {
                n.section == p.section
                    && n.line == p.end_line + 2
                    && self.text[n.range.clone()]
                        .lines()
                        .next()
                        .is_some_and(starts_with_marker)
            });
            if !last_ok && !next_ok {
                missing.push((p.range.clone(), p.section));
            }
        }
        let list = markers
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(" or ");
        for (range, section) in missing {
            self.push(
                Rule::Evidence,
                Severity::Warning,
                range,
                self.section_name(section),
                format!("This paragraph does not end with an {list} line"),
                Some(format!("Add a last line starting with {list}.")),
            );
        }
    }
}

/// The created date and the updated date (with its field index) of one section.
type SectionDates = (
    Option<chrono::NaiveDate>,
    Option<(chrono::NaiveDate, usize)>,
);

/// A field value without brackets, emphasis, code ticks or a trailing remark.
fn clean_value(value: &str) -> &str {
    let v = strip_trailing_remark(strip_brackets(value));
    v.trim_matches(|c: char| c == '*' || c == '_' || c == '`' || c.is_whitespace())
}

/// `Approved` is the choice `approved`; so is `Approved (2026-01-03)` or `Approved — by X`.
fn is_choice(value: &str, choice: &str) -> bool {
    let (v, c) = (value.to_lowercase(), choice.to_lowercase());
    v == c
        || v.strip_prefix(&c).is_some_and(|rest| {
            rest.starts_with(|ch: char| !ch.is_alphanumeric() && ch != '-' && ch != '_')
        })
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 1.0 } else { sum / n as f64 }
}

/// For every template section, the document section that matches it.
///
/// The title matches the first level-1 heading. Other sections match by key; among
/// several candidates, one under the matched parent wins, then the first after the
/// previous match (document order), then the first unused one.
pub fn match_sections(doc: &Document, t: &Template) -> Vec<Option<usize>> {
    let keys: Vec<String> = doc
        .sections
        .iter()
        .map(|s| HeadingKey::of_document(&s.heading.text))
        .collect();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        by_key.entry(k.as_str()).or_default().push(i);
    }
    let mut used = vec![false; doc.sections.len()];
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(t.sections.len());
    let mut last = 0usize;
    for ts in &t.sections {
        let candidates: Vec<usize> = if ts.title {
            doc.sections
                .iter()
                .position(|s| s.heading.level == 1)
                .into_iter()
                .collect()
        } else if ts.key.is_free() {
            Vec::new()
        } else if let Some(lit) = ts.key.literal() {
            by_key.get(lit).cloned().unwrap_or_default()
        } else {
            (0..keys.len())
                .filter(|i| ts.key.matches(&keys[*i]))
                .collect()
        };
        let parent = ts.parent.and_then(|p| matched[p]);
        let free: Vec<usize> = candidates.into_iter().filter(|c| !used[*c]).collect();
        let pick = free
            .iter()
            .find(|c| parent.is_some() && doc.sections[**c].parent == parent)
            .or_else(|| free.iter().find(|c| **c >= last))
            .or_else(|| free.first())
            .copied();
        if let Some(p) = pick {
            used[p] = true;
            last = p;
        }
        matched.push(pick);
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Manifest, Origin};

    fn template(text: &str) -> Template {
        Template::from_markdown(
            text,
            &Manifest {
                id: "t".into(),
                ..Default::default()
            },
            Origin::File,
            None,
        )
    }

    fn rules(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.rule.id()).collect()
    }

    #[test]
    fn choices_dates_and_ids_are_checked() {
        let t = template(
            "# S: [Name]\n\n**Status**: draft | approved\n**Created**: YYYY-MM-DD\n**Updated**: YYYY-MM-DD\n**Spec ID**: spec-YYYYMMDD-feature-name\n\n## Goals\n\nguidance\n",
        );
        let ok = validate(
            "# S: Pay\n\n**Status**: Approved\n**Created**: 2026-01-02\n**Updated**: 2026-02-01\n**Spec ID**: spec-20260102-pay\n\n## Goals\n\nShip it.\n",
            Some(&t),
        );
        assert!(ok.findings.is_empty(), "{:?}", ok.findings);
        assert_eq!(ok.score, 1.0);
        let bad = validate(
            "# S: Pay\n\n**Status**: shipped\n**Created**: 2026-02-30\n**Updated**: 2026-01-01\n**Spec ID**: spec-pay\n\n## Goals\n\nguidance\n",
            Some(&t),
        );
        assert_eq!(
            rules(&bad),
            [
                "invalid-choice",
                "invalid-date",
                "id-pattern",
                "unfilled-section"
            ]
        );
        let order = validate(
            "# S: Pay\n\n**Status**: draft\n**Created**: 2026-02-03\n**Updated**: 2026-01-01\n**Spec ID**: spec-20260102-pay\n\n## Goals\n\nx\n",
            Some(&t),
        );
        assert_eq!(rules(&order), ["date-order"]);
    }

    #[test]
    fn missing_and_empty_sections_are_found() {
        let t = template("# T\n\n## Summary\n\nx\n\n## Risks (optional)\n\ny\n\n## Plan\n\nz\n");
        let r = validate(
            "# Mine\n\n## Summary\n\n<!-- nothing yet -->\n\n---\n",
            Some(&t),
        );
        assert_eq!(rules(&r), ["empty-section", "missing-section"]);
        assert_eq!(r.findings[1].section.as_deref(), Some("Plan"));
        assert_eq!(r.score, 0.5 * (1.0 + 0.0) * 0.0 + (1.0 + 0.0 + 0.0) / 3.0);
    }

    #[test]
    fn evidence_rule_applies_to_prose_paragraphs() {
        let t = template(
            "# T\n\n> Every paragraph must end with an `Evidence:` line or `Evidence gap:` line.\n\n## A\n\nx\n",
        );
        let r = validate(
            "# T\n\n## A\n\nWe will cache.\nEvidence: bench.md\n\nNo proof here.\n\nClaim.\n\nEvidence gap: none yet\n",
            Some(&t),
        );
        assert_eq!(rules(&r), ["evidence"]);
        assert_eq!(r.findings[0].line, 8);
    }
}
