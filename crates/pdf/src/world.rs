//! The Typst [`World`] of one export: the generated markup as the main file,
//! the checked images and diagrams as virtual files, and the process-wide
//! library and fonts (built once, see [`crate::fonts`]).
//!
//! Nothing is read from disk here: images were read and checked beforehand
//! ([`crate::images`]); any other path Typst asks for does not exist.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The standard library, built once per process.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The file id of a virtual path. Ids are interned for the life of the process
/// (at most 65 535 of them), so exports reuse a fixed set of paths.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// One export's world.
pub struct SpecWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl SpecWorld {
    /// A world whose main file is `markup` and whose other files are `files`
    /// (virtual path → bytes).
    pub fn new(markup: String, files: Vec<(String, Vec<u8>)>) -> Option<Self> {
        let main = Source::new(file_id("/main.typ")?, markup);
        let files = files
            .into_iter()
            .filter_map(|(path, bytes)| Some((file_id(&path)?, Bytes::new(bytes))))
            .collect();
        Some(Self { main, files })
    }

    /// The generated markup.
    pub fn markup(&self) -> &str {
        self.main.text()
    }

    /// The main source, for turning diagnostics into line numbers.
    pub fn source(&self) -> &Source {
        &self.main
    }
}

impl World for SpecWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        crate::fonts::store().book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::Other(Some("not part of this export".into())))
    }

    fn font(&self, index: usize) -> Option<Font> {
        crate::fonts::store().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
