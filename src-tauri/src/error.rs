//! The error every command returns: a stable `kind` the UI can branch on and a
//! human `message` that names the file and the problem.

use serde::Serialize;

/// An error as the UI receives it: `{kind, message}`, and `file` when it is about one.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AppError {
    /// Stable identifier, e.g. `changed-on-disk`, `not-utf8`, `no-path`.
    pub kind: String,
    /// One sentence for a person; names the file when there is one.
    pub message: String,
    /// The file the error is about, as `message` names it (so the UI can show
    /// the problem and the file apart).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub file: Option<String>,
}

impl AppError {
    /// An error raised by the shell itself rather than the engine.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            message: message.into(),
            file: None,
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.kind)
    }
}

impl std::error::Error for AppError {}

impl From<specwright_core::Error> for AppError {
    fn from(err: specwright_core::Error) -> Self {
        Self {
            kind: err.kind().to_owned(),
            message: err.to_string(),
            file: err.path().map(|p| p.display().to_string()),
        }
    }
}

impl From<tauri::Error> for AppError {
    fn from(err: tauri::Error) -> Self {
        Self::new(
            "window",
            format!("The window system reported a problem: {err}"),
        )
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(err: tokio::task::JoinError) -> Self {
        Self::new("internal", format!("A background task failed: {err}"))
    }
}

impl From<specwright_core::live::EngineStopped> for AppError {
    fn from(err: specwright_core::live::EngineStopped) -> Self {
        Self::new("internal", format!("The live preview failed: {err}"))
    }
}

/// Result type of every command.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_errors_keep_their_kind_and_name_the_file() {
        let err = specwright_core::Error::ChangedOnDisk {
            path: "/specs/checkout.md".into(),
        };
        let app = AppError::from(err);
        assert_eq!(app.kind, "changed-on-disk");
        assert!(
            app.message.contains("/specs/checkout.md"),
            "{}",
            app.message
        );
    }

    #[test]
    fn errors_serialize_as_kind_and_message() {
        let json =
            serde_json::to_value(AppError::new("no-path", "Choose where to save it.")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "no-path", "message": "Choose where to save it."})
        );
    }
}
