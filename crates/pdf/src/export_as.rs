//! Every export format behind one call, for the app and the CLI alike. It lives
//! here because this crate is the one that sees both the typesetter and the
//! sharing exporters (`specwright-export`).

use std::path::Path;

use specwright_core::Template;
use specwright_export::{Diagrams, ExportError, Format, HtmlOptions, ShareOptions, Unfilled};

use crate::{PdfError, PdfOptions, export_pdf};

/// Everything an export needs besides the text and the format.
#[derive(Debug, Default)]
pub struct ExportJob<'a> {
    /// Markdown only: the template that says which sections are unfilled.
    pub template: Option<&'a Template>,
    /// The document's folder, for relative image paths; `None` while untitled.
    pub base_dir: Option<&'a Path>,
    /// Mermaid diagrams the UI drew, by block index (empty: shown as source).
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
pub fn export_as(text: &str, format: Format, job: &ExportJob) -> Result<Vec<u8>, ExportFailure> {
    let diagrams = (!job.diagrams.is_empty()).then_some(&job.diagrams);
    Ok(match format {
        Format::Pdf => export_pdf(
            text,
            &PdfOptions {
                base_dir: job.base_dir,
                diagrams,
            },
        )?,
        Format::Md => {
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
        Format::Html => specwright_export::to_html(
            text,
            &HtmlOptions {
                base_dir: job.base_dir,
                diagrams,
            },
        )?
        .into_bytes(),
        Format::Json => specwright_export::template_metadata(text)
            .to_json()?
            .into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "---\ntitle: Checkout redesign\nstatus: Draft\n---\n\n# Checkout redesign\n\n<!-- guidance for the author -->\n\n## Problem\n\nPeople give up at the payment step.\n\n```mermaid\ngraph TD; A-->B\n```\n";

    fn text(format: Format, job: &ExportJob) -> String {
        String::from_utf8(export_as(SPEC, format, job).unwrap()).unwrap()
    }

    #[test]
    fn every_format_renders_the_document() {
        let job = ExportJob::default();
        let pdf = export_as(SPEC, Format::Pdf, &job).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let md = text(Format::Md, &job);
        assert!(md.contains("People give up") && !md.contains("guidance for the author"));
        let html = text(Format::Html, &job);
        assert!(html.contains("Checkout redesign") && !html.contains("<script"));
        let json = export_as(SPEC, Format::Json, &job).unwrap();
        assert!(json.starts_with(b"{"), "{}", String::from_utf8_lossy(&json));
    }

    #[test]
    fn html_embeds_the_diagrams_from_the_ui() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="1" y="5">A</text></svg>"#;
        let job = ExportJob {
            diagrams: [(0, svg.to_owned())].into_iter().collect(),
            ..ExportJob::default()
        };
        let html = text(Format::Html, &job);
        assert_eq!(html.matches("data:image/svg+xml;base64,").count(), 1);
        assert!(!html.contains("graph TD"), "drawn, not shown as source");
        assert!(text(Format::Html, &ExportJob::default()).contains("graph TD"));
    }
}
