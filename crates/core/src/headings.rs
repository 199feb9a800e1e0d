//! Matching a document heading to a template section.
//!
//! The rule (also in `docs/validation.md`): both headings are reduced to a *key* —
//! 1. leading numbering is dropped: `1)`, `2.`, `1.1`, `0.1)`, `16b)`, `A.`, `IV.`;
//! 2. trailing parenthetical remarks are dropped: `(required)`, `(Optional)`, `(Mermaid)`;
//! 3. `&` becomes `and`; case, punctuation and spacing are ignored.
//!
//! In a template heading, placeholders (`[Feature Name]`, `<name>`) match any
//! text, so `Component: <name>` matches `Component: Billing worker`. A template
//! heading that is nothing but a placeholder matches any heading at its level.

/// How a heading's parenthetical remarks mark it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `(required)`, `(Required or N/A with reason)`.
    Required,
    /// `(Optional)`, `(Recommended)`, `(if applicable)`, `(only if needed)`.
    Optional,
    /// No remark about need.
    None,
}

/// A heading reduced for matching: literal parts separated by wildcards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingKey {
    parts: Vec<String>,
    wild: bool,
}

impl HeadingKey {
    /// Key of a template heading: placeholders become wildcards.
    pub fn of_template(heading: &str) -> Self {
        let core = strip_remarks(strip_numbering(heading.trim()));
        let mut parts = Vec::new();
        let mut rest = core;
        let mut wild = false;
        while let Some((before, after, open)) = next_placeholder(rest) {
            parts.push(normalize(before));
            wild = true;
            rest = &after[open..];
        }
        parts.push(normalize(rest));
        Self { parts, wild }
    }

    /// Key of a document heading (its text is taken literally).
    pub fn of_document(heading: &str) -> String {
        normalize(strip_remarks(strip_numbering(heading.trim())))
    }

    /// Whether the template heading is only a placeholder (`#### [Component Name]`).
    pub fn is_free(&self) -> bool {
        self.wild && self.parts.iter().all(String::is_empty)
    }

    /// The literal text of the key (for lookups when there is no wildcard).
    pub fn literal(&self) -> Option<&str> {
        (!self.wild).then(|| self.parts[0].as_str())
    }

    /// Does a document heading key match this template key? Literal parts match
    /// whole words; each wildcard matches at least one word.
    pub fn matches(&self, doc_key: &str) -> bool {
        if !self.wild {
            return self.parts[0] == doc_key;
        }
        let doc = format!(" {doc_key} ");
        let last = self.parts.len() - 1;
        let mut pos = 0; // doc[pos] is the space before the next unmatched word
        for (i, part) in self.parts.iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            let needle = format!(" {part} ");
            if i == 0 {
                if !doc.starts_with(&needle) {
                    return false;
                }
                pos = needle.len() - 1;
            } else if i == last {
                return doc.len() > pos + needle.len() && doc.ends_with(&needle);
            } else {
                match doc[pos + 1..].find(&needle) {
                    Some(at) => pos = pos + 1 + at + needle.len() - 1,
                    None => return false,
                }
            }
        }
        doc.len() > pos + 1
    }
}

/// What a heading's parenthetical remarks say about whether it is needed.
pub fn marker(heading: &str) -> Marker {
    let lower = heading.to_lowercase();
    let remarks: Vec<&str> = lower
        .match_indices('(')
        .filter_map(|(i, _)| lower[i..].find(')').map(|j| &lower[i + 1..i + j]))
        .collect();
    if remarks.iter().any(|r| r.contains("required")) {
        return Marker::Required;
    }
    const OPTIONAL: [&str; 8] = [
        "optional",
        "recommended",
        "if applicable",
        "if relevant",
        "if needed",
        "if any",
        "nice to have",
        "if appropriate",
    ];
    if remarks
        .iter()
        .any(|r| OPTIONAL.iter().any(|o| r.contains(o)))
    {
        Marker::Optional
    } else {
        Marker::None
    }
}

/// The heading without numbering and remarks, as shown to the user in messages.
pub fn display_name(heading: &str) -> &str {
    strip_remarks(strip_numbering(heading.trim())).trim()
}

fn next_placeholder(s: &str) -> Option<(&str, &str, usize)> {
    let start = s.find(['[', '<'])?;
    let close = if s.as_bytes()[start] == b'[' {
        ']'
    } else {
        '>'
    };
    let end = s[start..].find(close)? + start;
    Some((&s[..start], s, end + 1))
}

/// Drops leading section numbering such as `1)`, `2.3`, `0.1)`, `16b)`, `A.`, `IV.`.
pub fn strip_numbering(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut saw_number = false;
    // Arabic numbering with dots: 1, 1.2, 16b
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        saw_number = true;
        if i < bytes.len()
            && bytes[i].is_ascii_lowercase()
            && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            break;
        }
    }
    if saw_number {
        let rest = &s[i..];
        let rest = rest.strip_prefix(['.', ')', ':']).unwrap_or(rest);
        if rest.starts_with(char::is_whitespace) {
            return rest.trim_start();
        }
        return s;
    }
    // A single capital letter or a roman numeral followed by `.` or `)`: `A.`, `IV)`.
    let word_end = bytes
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(bytes.len());
    let word = &s[..word_end];
    let is_letter = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
    let is_roman = !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b"IVX".contains(&b));
    if is_letter || is_roman {
        let rest = &s[word_end..];
        if let Some(rest) = rest.strip_prefix(['.', ')'])
            && rest.starts_with(char::is_whitespace)
        {
            return rest.trim_start();
        }
    }
    s
}

/// Drops trailing parenthetical remarks: `Goals (required)` → `Goals`.
fn strip_remarks(mut s: &str) -> &str {
    loop {
        let t = s.trim_end();
        if t.ends_with(')')
            && let Some(open) = t.rfind('(')
            && open > 0
        {
            s = &t[..open];
            continue;
        }
        return t;
    }
}

fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == '&' {
            if !out.is_empty() && !space {
                out.push(' ');
            }
            out.push_str("and ");
            space = true;
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            space = false;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space && !out.is_empty() {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_punctuation_are_ignored() {
        let key = HeadingKey::of_template("2. User Stories & Requirements");
        assert!(key.matches(&HeadingKey::of_document("2) user stories and requirements")));
        assert!(key.matches(&HeadingKey::of_document("User Stories & Requirements")));
        assert!(
            HeadingKey::of_template("0.1) Template Metadata (required for x)")
                .matches(&HeadingKey::of_document("Template metadata"))
        );
        assert!(
            HeadingKey::of_template("1) Overview / Context")
                .matches(&HeadingKey::of_document("1) Overview / Context"))
        );
        assert!(
            HeadingKey::of_template("16b) SLOs and Error Budget (Required or N/A with reason)")
                .matches(&HeadingKey::of_document("16b) SLOs and Error Budget"))
        );
        assert!(
            HeadingKey::of_template("A. References")
                .matches(&HeadingKey::of_document("References"))
        );
        assert!(!HeadingKey::of_template("Goals").matches(&HeadingKey::of_document("Non-Goals")));
    }

    #[test]
    fn placeholders_in_template_headings_match_anything() {
        let key = HeadingKey::of_template("Component: <name>");
        assert!(key.matches(&HeadingKey::of_document("Component: Billing worker")));
        assert!(!key.matches(&HeadingKey::of_document("Components")));
        assert!(HeadingKey::of_template("[Component Name]").is_free());
        let title = HeadingKey::of_template("Product Spec 2: [Feature Name]");
        assert!(title.matches(&HeadingKey::of_document("Product Spec 2: Checkout revamp")));
    }

    #[test]
    fn markers_say_required_or_optional() {
        assert_eq!(
            marker("Non-Goals (required; RNIA — if N/A, say why)"),
            Marker::Required
        );
        assert_eq!(marker("Story 1 (Optional)"), Marker::Optional);
        assert_eq!(marker("Migration Plan (if applicable)"), Marker::Optional);
        assert_eq!(marker("Architecture diagram (Mermaid)"), Marker::None);
        assert_eq!(marker("Glossary (only if needed)"), Marker::Optional);
    }

    #[test]
    fn numbering_rules() {
        assert_eq!(strip_numbering("1.1 Business Context"), "Business Context");
        assert_eq!(strip_numbering("16b) SLOs"), "SLOs");
        assert_eq!(strip_numbering("IV. Risks"), "Risks");
        assert_eq!(strip_numbering("2025 roadmap"), "roadmap");
        assert_eq!(strip_numbering("3D models"), "3D models");
        assert_eq!(strip_numbering("I think"), "I think");
    }
}
