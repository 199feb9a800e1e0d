//! Specwright's sharing exports, with no typesetting engine in them: the
//! document as clean Markdown ([`share`]), as one self-contained HTML file
//! ([`html`]) and as the template-metadata JSON that the evidence template
//! describes ([`template_json`]). [`meta`] reads the title-block metadata that the
//! HTML and the PDF exporter (`specwright-pdf`) both show; [`diagrams`] carries the
//! Mermaid diagrams the UI rendered; [`format`] names the formats and the files
//! they are written to.
//!
//! Every function takes text and returns bytes or a value; reading and writing
//! files is left to the caller (the CLI, the app).

pub mod diagrams;
pub mod error;
pub mod format;
pub mod html;
pub mod images;
pub mod meta;
pub mod share;
pub mod template_json;

pub use diagrams::Diagrams;
pub use error::{ExportError, Result};
pub use format::Format;
pub use html::{HtmlOptions, to_html};
pub use meta::Metadata;
pub use share::{ShareOptions, Unfilled, to_markdown};
pub use template_json::{TemplateMetadata, template_metadata};
