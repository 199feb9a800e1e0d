//! Measures the real Specwright window next to a bare Tauri 2 window and writes the
//! measured part of the section "Desktop app in the real window" of
//! `docs/benchmarks.md` (the analysis written by hand after it is kept).
//!
//! Run through `scripts/bench-window` (it builds both binaries and the `.deb`).
//!
//! * Keystroke → preview painted: a character typed into CodeMirror through
//!   WebDriver (Element Send Keys); in the page, `performance.now()` at the
//!   `keydown` (capture listener on `window`) until a `MutationObserver` on the
//!   preview sees a block holding the new text, then `requestAnimationFrame` and a
//!   timer set from it (fires after that frame is painted; not a `MessageChannel`
//!   message, which WebKit routes through its network process).
//! * The floor under that: the same probe on the bare window's echo page, with
//!   WebKit's defaults and with the app's painting choice.
//! * Start: from the kernel's start time of the app process until the page's own
//!   mark that the frame showing its text was painted (`boot:shown`, placed on the
//!   process clock through `performance.timeOrigin`); beside it, the first
//!   WebDriver poll (every 10 ms) that finds the text.
//! * Memory: PSS summed over the app process and all its descendants (WebKit web,
//!   network, … processes), 3 s after the document / page was shown.
//! * Frame interval: the median time between frames while a small element's text
//!   changes on every frame.
//! * Start-up timeline: the page's `boot:*` performance marks on the process clock.
//! * CPU when idle: one more launch of each window, left alone past the editor's
//!   cursor blinking, then the CPU time of its processes over 10 s.

mod documents;
mod harness;
mod keystrokes;
mod report;
mod startup;
mod stats;

use std::path::PathBuf;
use std::time::Instant;

use documents::documents;
use harness::BootClock;
use keystrokes::keystrokes;
use report::{report, write_section};
use startup::startups;
use stats::percentile;

pub(crate) struct Options {
    app: PathBuf,
    bare: PathBuf,
    profile: String,
    fixtures: PathBuf,
    out: Option<PathBuf>,
    samples: usize,
    warmup: usize,
    runs: usize,
    deb: Option<PathBuf>,
    deb_note: Option<String>,
    /// Only the documents whose label starts with one of these (all when empty).
    only: Vec<String>,
    /// Skip start-up and memory (a quick keystroke run).
    no_start: bool,
    /// Skip the keystroke runs and the floor (a quick start-up run).
    no_keys: bool,
    /// More windows started like the bare window, painting as the app does,
    /// in the same interleaved rounds (`--also LABEL=BINARY`; quick start-up
    /// runs only): the editor's floor, `scripts/bench-editor-floor`.
    also: Vec<(String, PathBuf)>,
}

fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        app: PathBuf::new(),
        bare: PathBuf::new(),
        profile: "debug".into(),
        fixtures: PathBuf::from("tests/fixtures/keps"),
        out: None,
        samples: 40,
        warmup: 5,
        runs: 5,
        deb: None,
        deb_note: None,
        only: Vec::new(),
        no_start: false,
        no_keys: false,
        also: Vec::new(),
    };
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--app" => o.app = value().into(),
            "--bare" => o.bare = value().into(),
            "--profile" => o.profile = value(),
            "--fixtures" => o.fixtures = value().into(),
            "--out" => o.out = Some(value().into()),
            "--samples" => o.samples = value().parse().unwrap(),
            "--warmup" => o.warmup = value().parse().unwrap(),
            "--runs" => o.runs = value().parse().unwrap(),
            "--deb" => o.deb = Some(value().into()),
            "--deb-note" => o.deb_note = Some(value()),
            "--only" => o.only = value().split(',').map(str::to_owned).collect(),
            "--no-start" => o.no_start = true,
            "--no-keys" => o.no_keys = true,
            "--also" => {
                let value = value();
                let (label, binary) = value
                    .split_once('=')
                    .unwrap_or_else(|| panic!("--also {value}: LABEL=BINARY"));
                o.also.push((label.to_owned(), binary.into()));
            }
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(o.app.is_file(), "--app {} is not a file", o.app.display());
    for (_, binary) in &o.also {
        assert!(
            binary.is_file(),
            "--also {} is not a file",
            binary.display()
        );
    }
    assert!(
        o.also.is_empty() || (o.no_keys && !o.no_start && o.out.is_none()),
        "--also is for start-up runs alone (--no-keys, no --no-start, no --out)"
    );
    assert!(
        o.bare.is_file(),
        "--bare {} is not a file",
        o.bare.display()
    );
    o
}

#[tokio::main]
async fn main() {
    let o = options();
    harness::ensure_display();
    let scratch = tempfile::Builder::new()
        .prefix("specwright-window-bench-docs-")
        .tempdir()
        .unwrap();
    let docs = documents(&o.fixtures, scratch.path());
    let date = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let clock = BootClock::calibrate();
    let started = Instant::now();

    let painting = harness::app_painting(&o.app).await;
    eprintln!("Specwright's painting switches on this machine: {painting:?}");
    let starts = if o.no_start {
        None
    } else {
        eprintln!("start + memory ({} rounds)…", o.runs);
        Some(startups(&o, &docs, &clock, &painting).await)
    };
    if o.no_keys {
        return; // a quick start-up run: figures on stderr only
    }
    eprintln!("keystroke floor: the bare window's echo page…");
    let floors = keystrokes::floors(&o, &painting).await;
    for floor in &floors {
        eprintln!(
            "  {}: painted p50 {:.1} ms p95 {:.1} ms; DOM p50 {:.1} ms p95 {:.1} ms; {} failed",
            floor.label,
            percentile(&floor.paint, 50.0),
            percentile(&floor.paint, 95.0),
            percentile(&floor.dom, 50.0),
            percentile(&floor.dom, 95.0),
            floor.failed
        );
    }
    let mut keys = Vec::new();
    let chosen = docs
        .iter()
        .filter(|d| o.only.is_empty() || o.only.iter().any(|p| d.label.starts_with(p.as_str())));
    for doc in chosen {
        eprintln!("keystrokes: {} ({} bytes)…", doc.label, doc.bytes);
        let k = keystrokes(&o, doc).await;
        eprintln!(
            "  painted p50 {:.1} ms p95 {:.1} ms; DOM p50 {:.1} ms p95 {:.1} ms; echo p50 {:.1} ms p95 {:.1} ms; analyze p50 edit {:.1} / whole {:.1} ms; {} failed",
            percentile(&k.paint, 50.0),
            percentile(&k.paint, 95.0),
            percentile(&k.dom, 50.0),
            percentile(&k.dom, 95.0),
            percentile(&k.echo, 50.0),
            percentile(&k.echo, 95.0),
            percentile(&k.analyze_edit, 50.0),
            percentile(&k.analyze, 50.0),
            k.failed
        );
        eprintln!(
            "  Enter in the middle: painted p50 {:.1} ms p95 {:.1} ms; DOM p50 {:.1} ms p95 {:.1} ms ({} presses)",
            percentile(&k.enter_paint, 50.0),
            percentile(&k.enter_paint, 95.0),
            percentile(&k.enter_dom, 50.0),
            percentile(&k.enter_dom, 95.0),
            k.enter_paint.len()
        );
        keys.push(k);
    }
    let Some(starts) = starts else {
        return; // a quick run: figures on stderr only
    };
    let md = report(&o, &floors, &keys, &starts, &date, &painting);
    println!("{md}");
    if let Some(out) = &o.out {
        write_section(out, &md);
        eprintln!(
            "wrote {} ({:.0} s)",
            out.display(),
            started.elapsed().as_secs_f64()
        );
    }
}
