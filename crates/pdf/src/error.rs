//! Typed errors of the PDF exporter.

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Typst rejected the markup generated for the document. This is a bug in
    /// the exporter (the markup is generated, never written by a user).
    #[error("typesetting failed (a Specwright bug; please report it): {message}")]
    Typeset { message: String },
    /// Typst laid the document out but could not write it as PDF.
    #[error("writing the PDF failed: {message}")]
    Write { message: String },
    /// Something in the typesetting library panicked.
    #[error("typesetting crashed (a Specwright bug; please report it): {message}")]
    Internal { message: String },
}

impl PdfError {
    /// A stable, machine-readable kind, for the UI.
    pub fn kind(&self) -> &'static str {
        match self {
            PdfError::Typeset { .. } => "pdf-typeset",
            PdfError::Write { .. } => "pdf-write",
            PdfError::Internal { .. } => "pdf-internal",
        }
    }
}
