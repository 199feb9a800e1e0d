//! Specwright's PDF exporter: a spec typeset with the Typst library, offline,
//! with nothing to install and no other program run.
//!
//! The document is parsed once with the engine's comrak options; its AST is
//! written as Typst markup ([`emit`], with rigorous escaping in [`escape`]) after
//! a preamble that sets the style and the title block (`style.typ`, from the
//! engine's document fields via [`specwright_export::Metadata`]). Images are
//! checked before compiling ([`images`]); Mermaid diagrams come pre-rendered as
//! SVG from the UI ([`specwright_export::Diagrams`]). The Typst [`world`] holds
//! the fonts ([`fonts`]) and the standard library once per process.
//!
//! Any input yields a PDF or a typed [`PdfError`]; a Typst error on generated
//! markup is a bug, caught by the tests. [`export_as`] puts every export format
//! (this one and `specwright-export`'s) behind one call for the app and the CLI.

pub mod emit;
pub mod error;
pub mod escape;
pub mod export_as;
pub mod fonts;
pub mod images;
pub mod world;

use std::path::Path;

use specwright_core::document::Document;
use specwright_core::markdown::{self, LineIndex};
use specwright_export::{Diagrams, Metadata};
use typst::WorldExt;
use typst_layout::PagedDocument;

pub use error::PdfError;
pub use export_as::{ExportFailure, ExportJob, export_as};

const STYLE: &str = include_str!("style.typ");

/// Options of [`export_pdf`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfOptions<'a> {
    /// Folder that relative image paths are resolved against (the document's).
    pub base_dir: Option<&'a Path>,
    /// Mermaid diagrams pre-rendered as SVG, by block index; blocks without one
    /// are shown as source.
    pub diagrams: Option<&'a Diagrams>,
}

/// The generated Typst source of a document and the files it refers to.
pub struct TypstSource {
    pub markup: String,
    /// Virtual path → bytes (checked images and diagrams).
    pub files: Vec<(String, Vec<u8>)>,
}

/// Typesets the Markdown `text` as a PDF.
pub fn export_pdf(text: &str, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let source = to_typst(text, options);
    compile(source)
}

/// Writes the Typst source for `text` (for [`compile`], tests and debugging).
pub fn to_typst(text: &str, options: &PdfOptions) -> TypstSource {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let lines = LineIndex::new(text);
    let doc = Document::from_ast(text, &lines, root);
    let meta = Metadata::of(&doc);
    let first_h1 = doc.sections.iter().find(|s| s.heading.level == 1);
    let title_from_heading = first_h1.is_some_and(|s| s.heading.text.trim() == meta.title);

    let emitter = emit::Emitter::new(root, title_from_heading, options.base_dir, options.diagrams);
    let toc = emitter.body_headings() >= 3;
    let (body, images) = emitter.document(root);

    let mut markup = String::with_capacity(body.len() + STYLE.len() + 512);
    markup.push_str(&format!(
        "#let sw-title = {}\n",
        escape::string(&meta.title)
    ));
    match &meta.status {
        Some(s) => markup.push_str(&format!("#let sw-status = {}\n", escape::string(s))),
        None => markup.push_str("#let sw-status = none\n"),
    }
    markup.push_str(&format!("#let sw-draft = {}\n", meta.is_draft()));
    markup.push_str("#let sw-rows = (");
    for (label, value) in meta.rows() {
        markup.push_str(&format!(
            "({}, {}), ",
            escape::string(label),
            escape::string(value)
        ));
    }
    markup.push_str(")\n");
    markup.push_str(&format!("#let sw-toc = {toc}\n"));
    markup.push_str(STYLE);
    markup.push('\n');
    markup.push_str(&body);
    TypstSource {
        markup,
        files: images.into_files(),
    }
}

/// Compiles generated Typst source to PDF bytes.
pub fn compile(source: TypstSource) -> Result<Vec<u8>, PdfError> {
    let world =
        world::SpecWorld::new(source.markup, source.files).ok_or_else(|| PdfError::Internal {
            message: "cannot create the virtual main file".to_owned(),
        })?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let compiled = typst::compile::<PagedDocument>(&world).output;
        let out = match compiled {
            Ok(doc) => typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|diags| {
                PdfError::Write {
                    message: describe(&world, &diags),
                }
            }),
            Err(diags) => Err(PdfError::Typeset {
                message: describe(&world, &diags),
            }),
        };
        // Drop Typst's memoized results of this document: a long-running app
        // exports many documents.
        typst::comemo::evict(0);
        out
    }));
    result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(PdfError::Internal { message })
    })
}

/// The first few diagnostics with their line in the generated markup.
fn describe(world: &world::SpecWorld, diags: &[typst::diag::SourceDiagnostic]) -> String {
    let text = world.markup();
    diags
        .iter()
        .take(3)
        .map(|d| match world.range(d.span) {
            Some(range) if range.start <= text.len() => {
                let line = text[..range.start].matches('\n').count() + 1;
                let end = range.end.min(text.len()).min(range.start + 80);
                let snippet = text.get(range.start..end).unwrap_or("");
                format!("{} (generated line {line}: {snippet:?})", d.message)
            }
            _ => d.message.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
