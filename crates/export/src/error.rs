//! Typed errors of the sharing exports.

/// What an export can refuse.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The HTML produced would load something from the network or run a script:
    /// a bug in the exporter, refused rather than written.
    #[error("the HTML export would contain {what}; refusing to write it")]
    UnsafeHtml { what: String },
    /// The template-metadata JSON could not be serialised.
    #[error("cannot write the template metadata as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl ExportError {
    /// A stable, machine-readable kind, for the UI.
    pub fn kind(&self) -> &'static str {
        match self {
            ExportError::UnsafeHtml { .. } => "unsafe-html",
            ExportError::Json(_) => "json",
        }
    }
}

/// Result with [`ExportError`].
pub type Result<T, E = ExportError> = std::result::Result<T, E>;
