//! Specwright's engine: everything the product knows about specs, with no GUI.
//!
//! One comrak parse serves the preview HTML and the whole analysis ([`analyze`]).
//! Templates are inferred from their Markdown ([`Template::from_markdown`]); a
//! document is validated against one ([`validate`]); its task items form the
//! [`Checklist`]; [`toggle`] flips exactly one byte; [`storage`] reads strictly and
//! saves atomically. The desktop app and the `specwright` CLI are thin shells over it.

pub mod analysis;
pub mod catalog;
pub mod checklist;
pub mod document;
pub mod error;
pub mod finding;
pub mod headings;
pub mod instantiate;
pub mod journal;
pub mod live;
pub mod markdown;
pub mod placeholder;
pub mod spelling;
pub mod storage;
pub mod template;
pub mod toggle;
pub mod validate;

pub use analysis::{
    Analysis, OutlineEntry, Parsed, analyze, analyze_recognising, analyze_recognising_parsed,
};
pub use catalog::{Catalog, Origin, TemplateInfo};
pub use checklist::{Checklist, ChecklistGroup, ChecklistItem, Progress};
pub use error::{Error, Result};
pub use finding::{Finding, Rule, Severity};
pub use instantiate::{NewDocument, new_document};
pub use storage::{ContentHash, LoadedDocument, read_document, save_atomically};
pub use template::Template;
pub use toggle::toggle;
pub use validate::{Report, SectionScore, validate};
