//! The export formats, the file name proposed for each and the rule that an
//! export never replaces the document it comes from — shared by the app's
//! File → Export… and the CLI's `specwright export`.

use std::path::Path;

/// What a document exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PDF, typeset by Specwright itself (`specwright-pdf`).
    Pdf,
    /// Markdown for sharing: guidance comments removed, unfilled parts flagged.
    Md,
    /// One self-contained HTML file.
    Html,
    /// The template-metadata JSON of the evidence template's section 0.1.
    Json,
}

impl Format {
    /// What the format is called in messages and in a save dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Md => "Markdown",
            Self::Html => "HTML",
            Self::Json => "Template JSON",
        }
    }

    /// Extensions a save dialog filters on.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Pdf => &["pdf"],
            Self::Md => &["md", "markdown"],
            Self::Html => &["html", "htm"],
            Self::Json => &["json"],
        }
    }

    /// What replaces the document's extension in the proposed file name. The
    /// Markdown export is `.shared.md` so it never proposes the document itself.
    fn suffix(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Md => "shared.md",
            Self::Html => "html",
            Self::Json => "template.json",
        }
    }
}

/// The file name proposed for exporting the document called `document`:
/// `checkout.md` → `checkout.pdf`, `checkout.shared.md`, `checkout.html`,
/// `checkout.template.json`.
pub fn file_name(document: &str, format: Format) -> String {
    let path = Path::new(document);
    let is_markdown = path.extension().is_some_and(|ext| {
        ["md", "markdown", "txt"]
            .iter()
            .any(|m| ext.eq_ignore_ascii_case(m))
    });
    let stem = if is_markdown {
        path.file_stem()
    } else {
        path.file_name()
    }
    .map(|s| s.to_string_lossy().into_owned())
    .filter(|s| !s.trim().is_empty())
    .unwrap_or_else(|| "untitled".to_owned());
    format!("{stem}.{}", format.suffix())
}

/// Whether writing to `target` would replace `document` itself (the same file,
/// whatever the path says).
pub fn is_same_file(document: &Path, target: &Path) -> bool {
    match (document.canonicalize(), target.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        // A target that does not exist yet is another file, unless spelled the same.
        _ => document == target,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposed_names_replace_the_documents_extension() {
        assert_eq!(file_name("checkout.md", Format::Pdf), "checkout.pdf");
        assert_eq!(file_name("checkout.MD", Format::Md), "checkout.shared.md");
        assert_eq!(
            file_name("checkout.markdown", Format::Html),
            "checkout.html"
        );
        assert_eq!(
            file_name("notes.v2", Format::Json),
            "notes.v2.template.json"
        );
        assert_eq!(file_name("", Format::Pdf), "untitled.pdf");
    }

    #[test]
    fn the_document_is_the_same_file_by_any_path() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("spec.md");
        std::fs::write(&doc, "# Spec\n").unwrap();
        assert!(is_same_file(&doc, &doc));
        assert!(is_same_file(&doc, &dir.path().join(".").join("spec.md")));
        assert!(!is_same_file(&doc, &dir.path().join("spec.shared.md")));
    }
}
