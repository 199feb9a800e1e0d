//! File → Export…: which exporter each format uses, the file name proposed for
//! it, and writing its bytes atomically. The exporters themselves live in
//! `specwright-export` and `specwright-pdf`; `commands/export.rs` asks where to
//! write and runs [`write`] off the UI thread.

use std::path::Path;

use specwright_core::document::Document;
use specwright_core::{Catalog, Template, storage};
use specwright_export::{Diagrams, ExportError, HtmlOptions, ShareOptions, Unfilled};
use specwright_pdf::{PdfError, PdfOptions};

use crate::error::{AppError, AppResult};
use crate::ipc::ExportFormat;

impl ExportFormat {
    /// What the format is called in messages and in the save dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Md => "Markdown",
            Self::Html => "HTML",
            Self::Json => "Template JSON",
        }
    }

    /// Extensions the save dialog filters on.
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
pub fn export_file_name(document: &str, format: ExportFormat) -> String {
    let path = Path::new(document);
    let is_markdown = path.extension().is_some_and(|ext| {
        ["md", "markdown", "txt"]
            .iter()
            .any(|m| ext.eq_ignore_ascii_case(m))
    });
    let stem = if is_markdown {
        path.file_stem().map(|s| s.to_string_lossy().into_owned())
    } else {
        path.file_name().map(|s| s.to_string_lossy().into_owned())
    };
    let stem = stem
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "untitled".to_owned());
    format!("{stem}.{}", format.suffix())
}

/// The UI's diagrams, keyed the way the exporters expect (block index).
pub fn diagrams(rendered: Vec<Option<String>>) -> Diagrams {
    rendered
        .into_iter()
        .enumerate()
        .filter_map(|(index, svg)| Some((index, svg?)))
        .collect()
}

/// The template whose unfilled sections the Markdown export flags or drops: the
/// one the document was created from, else the one its text follows.
pub fn template_for(catalog: &Catalog, id: Option<&str>, text: &str) -> Option<Template> {
    if let Some(template) = id.and_then(|id| catalog.get(id)) {
        return Some(template.clone());
    }
    let (doc, _) = Document::parse(text);
    catalog.recognise_document(&doc).cloned()
}

/// Everything an export needs besides the text.
#[derive(Debug, Default)]
pub struct ExportJob<'a> {
    /// Markdown only: the template that says which sections are unfilled.
    pub template: Option<&'a Template>,
    /// The document's folder, for relative image paths; `None` while untitled.
    pub base_dir: Option<&'a Path>,
    pub diagrams: Diagrams,
    /// Markdown only: drop unfilled sections rather than flag them.
    pub drop_unfilled: bool,
}

/// Why an exporter refused.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Share(#[from] ExportError),
}

impl ExportFailure {
    /// The exporter's stable kind, e.g. `pdf-typeset`, `unsafe-html`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Pdf(err) => err.kind(),
            Self::Share(err) => err.kind(),
        }
    }
}

/// The bytes of `text` exported as `format`.
pub fn render(text: &str, format: ExportFormat, job: &ExportJob) -> Result<Vec<u8>, ExportFailure> {
    let diagrams = (!job.diagrams.is_empty()).then_some(&job.diagrams);
    Ok(match format {
        ExportFormat::Pdf => specwright_pdf::export_pdf(
            text,
            &PdfOptions {
                base_dir: job.base_dir,
                diagrams,
            },
        )?,
        ExportFormat::Md => {
            let unfilled = if job.drop_unfilled {
                Unfilled::Drop
            } else {
                Unfilled::Flag
            };
            let options = ShareOptions {
                template: job.template,
                unfilled,
            };
            specwright_export::to_markdown(text, &options).into_bytes()
        }
        ExportFormat::Html => specwright_export::to_html(
            text,
            &HtmlOptions {
                base_dir: job.base_dir,
                diagrams,
            },
        )?
        .into_bytes(),
        ExportFormat::Json => specwright_export::template_metadata(text)
            .to_json()?
            .into_bytes(),
    })
}

/// Exports `text` as `format` and writes it atomically to `target`; errors name
/// the file.
pub fn write(text: &str, format: ExportFormat, job: &ExportJob, target: &Path) -> AppResult<()> {
    let bytes = render(text, format, job).map_err(|err| {
        AppError::new(
            err.kind(),
            format!(
                "Could not export {} as {}: {err}",
                target.display(),
                format.label()
            ),
        )
    })?;
    storage::save_bytes_atomically(target, &bytes)?;
    Ok(())
}

/// Refuses a destination that is the document itself: exporting Markdown over
/// the spec would replace it with the shared version.
pub fn check_target(document: Option<&Path>, target: &Path) -> AppResult<()> {
    let same = document.is_some_and(|doc| match (doc.canonicalize(), target.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => doc == target,
    });
    if same {
        return Err(AppError::new(
            "export-over-document",
            format!(
                "{} is the document being edited; choose another name for the export.",
                target.display()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "---\ntitle: Checkout redesign\nstatus: Draft\n---\n\n# Checkout redesign\n\n<!-- guidance for the author -->\n\n## Problem\n\nPeople give up at the payment step.\n\n```mermaid\ngraph TD; A-->B\n```\n";

    #[test]
    fn proposed_names_replace_the_documents_extension() {
        assert_eq!(
            export_file_name("checkout.md", ExportFormat::Pdf),
            "checkout.pdf"
        );
        assert_eq!(
            export_file_name("checkout.MD", ExportFormat::Md),
            "checkout.shared.md"
        );
        assert_eq!(
            export_file_name("checkout.markdown", ExportFormat::Html),
            "checkout.html"
        );
        assert_eq!(
            export_file_name("notes.v2", ExportFormat::Json),
            "notes.v2.template.json"
        );
        assert_eq!(export_file_name("", ExportFormat::Pdf), "untitled.pdf");
    }

    #[test]
    fn diagrams_are_keyed_by_block_index_skipping_failures() {
        let d = diagrams(vec![
            None,
            Some("<svg/>".into()),
            None,
            Some("<svg></svg>".into()),
        ]);
        assert_eq!(d.keys().copied().collect::<Vec<_>>(), [1, 3]);
    }

    #[test]
    fn every_format_renders_the_document() {
        let job = ExportJob::default();
        let pdf = render(SPEC, ExportFormat::Pdf, &job).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let md = String::from_utf8(render(SPEC, ExportFormat::Md, &job).unwrap()).unwrap();
        assert!(md.contains("People give up") && !md.contains("guidance for the author"));
        let html = String::from_utf8(render(SPEC, ExportFormat::Html, &job).unwrap()).unwrap();
        assert!(html.contains("Checkout redesign") && !html.contains("<script"));
        let json = render(SPEC, ExportFormat::Json, &job).unwrap();
        serde_json::from_slice::<serde_json::Value>(&json).unwrap();
    }

    #[test]
    fn html_embeds_the_diagrams_from_the_ui() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="1" y="5">A</text></svg>"#;
        let job = ExportJob {
            diagrams: diagrams(vec![Some(svg.to_owned())]),
            ..ExportJob::default()
        };
        let html = String::from_utf8(render(SPEC, ExportFormat::Html, &job).unwrap()).unwrap();
        assert_eq!(html.matches("data:image/svg+xml;base64,").count(), 1);
        assert!(!html.contains("graph TD"), "drawn, not shown as source");
        let without = render(SPEC, ExportFormat::Html, &ExportJob::default()).unwrap();
        assert!(String::from_utf8(without).unwrap().contains("graph TD"));
    }

    #[test]
    fn writing_names_the_file_and_leaves_no_partial_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing-folder").join("spec.pdf");
        let err = write(SPEC, ExportFormat::Md, &ExportJob::default(), &target).unwrap_err();
        assert_eq!(err.kind, "write-failed");
        assert!(err.message.contains("spec.pdf"), "{}", err.message);
        let ok = dir.path().join("spec.pdf");
        write(SPEC, ExportFormat::Pdf, &ExportJob::default(), &ok).unwrap();
        assert!(std::fs::read(&ok).unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn the_document_itself_is_never_an_export_target() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("spec.md");
        std::fs::write(&doc, SPEC).unwrap();
        let err = check_target(Some(&doc), &doc).unwrap_err();
        assert_eq!(err.kind, "export-over-document");
        assert!(check_target(Some(&doc), &dir.path().join("spec.shared.md")).is_ok());
        assert!(check_target(None, &doc).is_ok());
    }
}
