//! Findings are data: the CLI prints them, the checklist panel lists them and the
//! editor underlines them.

use serde::{Deserialize, Serialize};

/// How much a finding matters. Errors make `specwright validate` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// The rule a finding comes from. Serialized as kebab-case ids (`missing-section`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A section the template requires has no matching heading.
    MissingSection,
    /// A section is present but has no content (headings and comments only).
    EmptySection,
    /// A section's body is still the template's guidance text, unchanged.
    UnfilledSection,
    /// A template placeholder (`[Feature Name]`, `<name>`, `YYYY-MM-DD`, `TBD`) is left.
    Placeholder,
    /// A field whose template lists choices holds none of them.
    InvalidChoice,
    /// A date field is malformed or impossible.
    InvalidDate,
    /// An "updated" date is before the "created" date.
    DateOrder,
    /// An id field does not match the pattern the template shows.
    IdPattern,
    /// A paragraph does not end with an `Evidence:` / `Evidence gap:` line.
    Evidence,
    /// The front matter is not valid YAML.
    FrontMatter,
}

impl Rule {
    /// The rule's stable id, as printed by the CLI.
    pub fn id(self) -> &'static str {
        match self {
            Rule::MissingSection => "missing-section",
            Rule::EmptySection => "empty-section",
            Rule::UnfilledSection => "unfilled-section",
            Rule::Placeholder => "placeholder",
            Rule::InvalidChoice => "invalid-choice",
            Rule::InvalidDate => "invalid-date",
            Rule::DateOrder => "date-order",
            Rule::IdPattern => "id-pattern",
            Rule::Evidence => "evidence",
            Rule::FrontMatter => "front-matter",
        }
    }
}

/// One thing validation found, located in the original text.
///
/// Lines are 1-based; columns are 1-based and count UTF-8 bytes; `end_*` is
/// exclusive. `start`/`end` are the same span as byte offsets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The section the finding belongs to (for `missing-section`: the template's heading text).
    pub section: Option<String>,
    pub hint: Option<String>,
    pub start: usize,
    pub end: usize,
}
