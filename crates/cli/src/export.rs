//! `specwright export`: a document as PDF, Markdown for sharing, self-contained
//! HTML or template-metadata JSON. Glue only: read, call the exporter, write
//! atomically next to the input (never over it).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use specwright_core::{Error, document::Document, storage};
use specwright_export::{HtmlOptions, ShareOptions, Unfilled};
use specwright_pdf::PdfOptions;

/// The export formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum To {
    /// PDF, typeset by Specwright itself.
    Pdf,
    /// Markdown for sharing: guidance comments removed, unfilled parts flagged.
    Md,
    /// One self-contained HTML file.
    Html,
    /// The template-metadata JSON of the evidence template's section 0.1.
    Json,
}

impl To {
    /// Default output: `spec.pdf`, `spec.shared.md`, `spec.html`, `spec.template.json`.
    fn default_output(self, input: &Path) -> PathBuf {
        let ext = match self {
            To::Pdf => "pdf",
            To::Md => "shared.md",
            To::Html => "html",
            To::Json => "template.json",
        };
        input.with_extension(ext)
    }
}

/// Runs the export; errors reading the input or writing the output are the
/// engine's (exit 2), an exporter failure is reported here (exit 1).
pub fn run(
    file: &Path,
    to: To,
    output: Option<PathBuf>,
    template: Option<&str>,
    drop_unfilled: bool,
    template_dirs: &[PathBuf],
) -> Result<ExitCode, Error> {
    let text = storage::read_document(file)?.text;
    let out = output.unwrap_or_else(|| to.default_output(file));
    if same_file(file, &out) {
        return Err(Error::WriteFailed {
            path: out,
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "refusing to overwrite the document being exported",
            ),
        });
    }
    let base_dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let result: Result<Vec<u8>, String> = match to {
        To::Pdf => specwright_pdf::export_pdf(
            &text,
            &PdfOptions {
                base_dir: Some(base_dir),
                diagrams: None,
            },
        )
        .map_err(|e| e.to_string()),
        To::Md => {
            let catalog = super::catalog(template_dirs);
            let fixed = template.map(|t| catalog.resolve(t)).transpose()?;
            let (doc, _) = Document::parse(&text);
            let template = fixed.as_ref().or_else(|| catalog.recognise_document(&doc));
            let unfilled = if drop_unfilled {
                Unfilled::Drop
            } else {
                Unfilled::Flag
            };
            Ok(
                specwright_export::to_markdown(&text, &ShareOptions { template, unfilled })
                    .into_bytes(),
            )
        }
        To::Html => specwright_export::to_html(
            &text,
            &HtmlOptions {
                base_dir: Some(base_dir),
                diagrams: None,
            },
        )
        .map(String::into_bytes)
        .map_err(|e| e.to_string()),
        To::Json => specwright_export::template_metadata(&text)
            .to_json()
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
    };
    let bytes = match result {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("specwright: {}: {message}", file.display());
            return Ok(ExitCode::from(1));
        }
    };
    storage::save_bytes_atomically(&out, &bytes)?;
    eprintln!("Exported {} to {}", file.display(), out.display());
    Ok(ExitCode::SUCCESS)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
