//! PDF export against pandoc + wkhtmltopdf on the same files, in the same run:
//! a ~20 KB spec (the 917-go-modules KEP, 21 KB) and the largest KEP (139 KB).
//!
//! Run: `cargo bench -p specwright-pdf --bench pdf_export` (release profile).
//! The pandoc side spawns `pandoc FILE -o out.pdf --pdf-engine=wkhtmltopdf`
//! (Debian's pandoc and wkhtmltopdf); it is skipped with a note when they are
//! missing. Figures are recorded in docs/benchmarks.md ("PDF export").

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use specwright_pdf::{PdfOptions, export_pdf};

fn inputs() -> Vec<(&'static str, PathBuf)> {
    let keps = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/keps");
    vec![
        ("21 KB spec", keps.join("sig-architecture/917-go-modules/README.md")),
        (
            "139 KB KEP",
            keps.join("sig-node/5554-in-place-update-pod-resources-alongside-static-cpu-manager-policy/README.md"),
        ),
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
    for (name, path) in inputs() {
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
