//! `specwright export`: a document as PDF, Markdown for sharing, self-contained
//! HTML or template-metadata JSON. Glue only: read, call the exporter, write
//! atomically next to the input (never over it).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use specwright_core::{Error, document::Document, storage};
use specwright_export::{Format, format};
use specwright_pdf::{ExportJob, export_as};

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

impl From<To> for Format {
    fn from(to: To) -> Self {
        match to {
            To::Pdf => Format::Pdf,
            To::Md => Format::Md,
            To::Html => Format::Html,
            To::Json => Format::Json,
        }
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
    let format = Format::from(to);
    // Default output beside the input: spec.pdf, spec.shared.md, spec.html, spec.template.json.
    let out = output.unwrap_or_else(|| {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        file.with_file_name(format::file_name(&name, format))
    });
    if format::is_same_file(file, &out) {
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
    // Markdown only: the template that says which sections are unfilled — the
    // one given, else the one the text follows.
    let catalog = (format == Format::Md).then(|| super::catalog(template_dirs));
    let chosen = match (&catalog, template) {
        (Some(catalog), Some(t)) => Some(catalog.resolve(t)?),
        _ => None,
    };
    let recognised = match (&catalog, &chosen) {
        (Some(catalog), None) => catalog.recognise_document(&Document::parse(&text).0),
        _ => None,
    };
    let template = chosen.as_ref().or(recognised);
    let job = ExportJob {
        template,
        base_dir: Some(base_dir),
        diagrams: Default::default(),
        drop_unfilled,
    };
    let bytes = match export_as(&text, format, &job) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("specwright: {}: {err}", file.display());
            return Ok(ExitCode::from(1));
        }
    };
    storage::save_bytes_atomically(&out, &bytes)?;
    eprintln!("Exported {} to {}", file.display(), out.display());
    Ok(ExitCode::SUCCESS)
}
