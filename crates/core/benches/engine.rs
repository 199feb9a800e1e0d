//! Parse + preview HTML + analysis, side by side in one run with comrak's own
//! parse/render and with cmark-gfm (the C reference, Debian's libcmark-gfm)
//! parsing and rendering the same input.
//!
//! Run: `cargo bench -p specwright-core --bench engine` (figures: docs/benchmarks.md).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use specwright_core::document::Document;
use specwright_core::live::{LiveDocument, TextChange, TextEdit, block_relative, utf16_len};
use specwright_core::markdown::{self, LineIndex};
use specwright_core::validate::validate_document;
use specwright_core::{Catalog, Checklist, Template, analyze, analyze_recognising_parsed};

mod cmark {
    //! The few libcmark-gfm calls needed to parse and render GFM.
    use std::ffi::{CStr, c_char, c_int, c_void};

    #[link(name = "cmark-gfm-extensions")]
    #[link(name = "cmark-gfm")]
    unsafe extern "C" {
        fn cmark_gfm_core_extensions_ensure_registered();
        fn cmark_parser_new(options: c_int) -> *mut c_void;
        fn cmark_find_syntax_extension(name: *const c_char) -> *mut c_void;
        fn cmark_parser_attach_syntax_extension(parser: *mut c_void, ext: *mut c_void) -> c_int;
        fn cmark_parser_feed(parser: *mut c_void, buffer: *const c_char, len: usize);
        fn cmark_parser_finish(parser: *mut c_void) -> *mut c_void;
        fn cmark_parser_get_syntax_extensions(parser: *mut c_void) -> *mut c_void;
        fn cmark_render_html(
            root: *mut c_void,
            options: c_int,
            extensions: *mut c_void,
        ) -> *mut c_char;
        fn cmark_node_free(node: *mut c_void);
        fn cmark_parser_free(parser: *mut c_void);
        fn free(ptr: *mut c_void);
    }

    const SOURCEPOS: c_int = 1 << 1;
    const FOOTNOTES: c_int = 1 << 13;

    /// Parses and renders `text` as GFM with source positions; returns the HTML length.
    pub fn parse_and_render(text: &str) -> usize {
        // SAFETY: plain use of the libcmark-gfm C API; every allocation is freed.
        unsafe {
            cmark_gfm_core_extensions_ensure_registered();
            let options = SOURCEPOS | FOOTNOTES;
            let parser = cmark_parser_new(options);
            for name in [
                c"table",
                c"strikethrough",
                c"autolink",
                c"tasklist",
                c"tagfilter",
            ] {
                let ext = cmark_find_syntax_extension(name.as_ptr());
                assert!(!ext.is_null(), "cmark-gfm extension {name:?} is registered");
                cmark_parser_attach_syntax_extension(parser, ext);
            }
            cmark_parser_feed(parser, text.as_ptr().cast(), text.len());
            let doc = cmark_parser_finish(parser);
            let html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
            let len = CStr::from_ptr(html).to_bytes().len();
            free(html.cast());
            cmark_node_free(doc);
            cmark_parser_free(parser);
            len
        }
    }
}

fn keps() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/keps")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(keps().join(rel)).expect("fixture")
}

/// All KEP READMEs concatenated, repeated up to `size` bytes.
fn concatenation(size: usize) -> String {
    let mut files = Vec::new();
    let mut stack = vec![keps()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "README.md") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = String::with_capacity(size + 200_000);
    while out.len() < size {
        for f in &files {
            out.push_str(&std::fs::read_to_string(f).unwrap());
            out.push_str("\n\n");
            if out.len() >= size {
                break;
            }
        }
    }
    out
}

/// Parse + model + validation + checklist, without preview HTML.
fn analysis_only(text: &str, template: &Template) -> usize {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let lines = LineIndex::new(text);
    let doc = Document::from_ast(text, &lines, root);
    let report = validate_document(text, &lines, &doc, Some(template));
    Checklist::of(&doc).items.len() + report.findings.len()
}

/// What one keystroke costs the engine, as the app types: a character added at
/// the end (or taken away again) sent as an edit, and analysed with the preview's
/// blocks kept from the analysis before, answered as a change to the one on show.
fn typing(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    text: &str,
    template: &Template,
) {
    let catalog = Catalog::builtin();
    let end = u32::try_from(utf16_len(text)).unwrap();
    let arena = comrak::Arena::new();
    let mut live = LiveDocument::new(&arena);
    live.update(
        0,
        TextChange::Whole {
            text: text.to_owned(),
        },
    )
    .unwrap();
    live.analyze(None, |t, p| {
        analyze_recognising_parsed(t, &catalog, Some(template), p)
    });
    let mut version = 0;
    group.bench_function(BenchmarkId::new("specwright", "typing: one edit"), |b| {
        b.iter(|| {
            let (to, insert) = if version % 2 == 0 {
                (end, "x")
            } else {
                (end + 1, "")
            };
            let edits = vec![TextEdit {
                from: end,
                to,
                insert: insert.into(),
            }];
            live.update(
                version + 1,
                TextChange::Edits {
                    base: version,
                    edits,
                },
            )
            .unwrap();
            let answer = live.analyze(Some(version), |t, p| {
                analyze_recognising_parsed(t, &catalog, Some(template), p)
            });
            version += 1;
            black_box(answer.html.insert.len())
        })
    });
}

fn bench(c: &mut Criterion) {
    let template = Catalog::builtin()
        .resolve(keps().join("NNNN-kep-template/README.md").to_str().unwrap())
        .unwrap();
    let largest = read(
        "sig-node/5554-in-place-update-pod-resources-alongside-static-cpu-manager-policy/README.md",
    );
    let thirty = read("sig-api-machinery/598-crd-conversion-webhook/README.md");
    let inputs = [
        ("30KB-kep", thirty.clone()),
        ("139KB-largest-kep", largest.clone()),
        ("170KB-keps", format!("{largest}\n\n{thirty}")),
        ("1MB-keps", concatenation(1 << 20)),
        ("10MB-keps", concatenation(10 << 20)),
    ];
    for (name, text) in &inputs {
        let mut group = c.benchmark_group(*name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 2 << 20 {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::new("cmark-gfm", "parse+html"), |b| {
            b.iter(|| cmark::parse_and_render(black_box(text)))
        });
        group.bench_function(BenchmarkId::new("comrak", "parse"), |b| {
            b.iter(|| {
                let arena = comrak::Arena::new();
                black_box(markdown::parse(&arena, black_box(text)).children().count())
            })
        });
        group.bench_function(BenchmarkId::new("comrak", "parse+html"), |b| {
            b.iter(|| {
                let arena = comrak::Arena::new();
                black_box(markdown::render_html(markdown::parse(&arena, black_box(text))).len())
            })
        });
        group.bench_function(BenchmarkId::new("specwright", "analysis"), |b| {
            b.iter(|| analysis_only(black_box(text), &template))
        });
        group.bench_function(BenchmarkId::new("specwright", "parse+html+analysis"), |b| {
            b.iter(|| black_box(analyze(black_box(text), Some(&template)).html.len()))
        });
        // What the live preview adds: positions counted from their block.
        let html = analyze(text, Some(&template)).html;
        group.bench_function(
            BenchmarkId::new("specwright", "block-relative positions"),
            |b| b.iter(|| black_box(block_relative(black_box(&html)).starts.len())),
        );
        typing(&mut group, text, &template);
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
