//! File → Export…: the shell's side of an export — the IPC format mapped to the
//! exporters' (`specwright-export`, `specwright-pdf`), the template the
//! Markdown export checks against, and writing the bytes atomically, never over
//! the document itself. `commands/export.rs` asks where to write and runs
//! [`write`] off the UI thread.

use std::path::Path;

use specwright_core::document::Document;
use specwright_core::{Catalog, Template, storage};
use specwright_export::{Diagrams, Format, format};
use specwright_pdf::{ExportJob, export_as};

use crate::error::{AppError, AppResult};
use crate::ipc::ExportFormat;

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Pdf => Format::Pdf,
            ExportFormat::Md => Format::Md,
            ExportFormat::Html => Format::Html,
            ExportFormat::Json => Format::Json,
        }
    }
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

/// Exports `text` as `format` and writes it atomically to `target`; errors name
/// the file.
pub fn write(text: &str, format: Format, job: &ExportJob, target: &Path) -> AppResult<()> {
    let bytes = export_as(text, format, job).map_err(|err| {
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
    if document.is_some_and(|doc| format::is_same_file(doc, target)) {
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

    const SPEC: &str =
        "# Checkout redesign\n\n<!-- guidance -->\n\nPeople give up at the payment step.\n";

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
    fn writing_names_the_file_and_leaves_no_partial_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing-folder").join("spec.pdf");
        let err = write(SPEC, Format::Md, &ExportJob::default(), &target).unwrap_err();
        assert_eq!(err.kind, "write-failed");
        assert!(err.message.contains("spec.pdf"), "{}", err.message);
        let ok = dir.path().join("spec.pdf");
        write(SPEC, Format::Pdf, &ExportJob::default(), &ok).unwrap();
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
