//! PDF export against pandoc + wkhtmltopdf on the same files, in the same run:
//! a ~20 KB spec (the 917-go-modules KEP, 21 KB), the largest KEP (139 KB) and a
//! 170 KB document (the largest KEP followed by the 30 KB 598 KEP).
//!
//! Run: `cargo bench -p specwright-pdf --bench pdf_export` (release profile).
//! The pandoc side spawns `pandoc FILE -o out.pdf --pdf-engine=wkhtmltopdf`
//! (Debian's pandoc and wkhtmltopdf); it is skipped with a note when they are
//! missing. Figures are recorded in docs/benchmarks.md ("PDF export").

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use specwright_pdf::{PdfOptions, export_pdf};

/// The inputs, each as a file (pandoc reads it): the two KEPs as they are, and
/// the 170 KB document of the issue (the largest KEP followed by a 30 KB one)
/// written into `scratch`.
fn inputs(scratch: &Path) -> Vec<(&'static str, PathBuf)> {
    let keps = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/keps");
    let largest = keps.join(
        "sig-node/5554-in-place-update-pod-resources-alongside-static-cpu-manager-policy/README.md",
    );
    let kep30 = keps.join("sig-api-machinery/598-crd-conversion-webhook/README.md");
    let read = |p: &Path| std::fs::read_to_string(p).expect("fixture");
    let doc170 = scratch.join("doc-170k.md");
    std::fs::write(&doc170, format!("{}\n\n{}", read(&largest), read(&kep30))).expect("scratch");
    vec![
        (
            "21 KB spec",
            keps.join("sig-architecture/917-go-modules/README.md"),
        ),
        ("139 KB KEP", largest),
        ("170 KB document", doc170),
    ]
}

fn pandoc_available() -> bool {
    ["pandoc", "wkhtmltopdf"].iter().all(|t| {
        Command::new(t)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn bench(c: &mut Criterion) {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let pandoc = pandoc_available();
    if !pandoc {
        eprintln!("note: pandoc/wkhtmltopdf not installed; measuring Specwright only");
    }
    // Fonts and the Typst library are loaded once per process, as in the app.
    let _ = export_pdf("# warm up", &PdfOptions::default());
    for (name, path) in inputs(out_dir.path()) {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let mut group = c.benchmark_group(format!("pdf export/{name}"));
        group.sample_size(10);
        group.bench_function("specwright", |b| {
            b.iter(|| {
                export_pdf(
                    &text,
                    &PdfOptions {
                        base_dir: path.parent(),
                        diagrams: None,
                    },
                )
                .expect("export")
            })
        });
        if pandoc {
            let out = out_dir.path().join("out.pdf");
            group.bench_function("pandoc+wkhtmltopdf", |b| {
                b.iter(|| {
                    let status = Command::new("pandoc")
                        .arg(&path)
                        .arg("-o")
                        .arg(&out)
                        .arg("--pdf-engine=wkhtmltopdf")
                        .output()
                        .expect("pandoc runs");
                    assert!(
                        status.status.success(),
                        "{}",
                        String::from_utf8_lossy(&status.stderr)
                    );
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
