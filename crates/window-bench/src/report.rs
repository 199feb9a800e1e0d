//! The section "Desktop app in the real window" of `docs/benchmarks.md`.

use std::fmt::Write as _;
use std::path::Path;

use crate::Options;
use crate::keystrokes::{Floor, Keystrokes};
use crate::startup::{BARE, BARE_CPU_PAINTING, Startup};
use crate::stats::percentile;

const HEADING: &str = "## Desktop app in the real window";

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map(|kib| format!("{:.1} GiB RAM", kib as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cores} cores ({cpu}), {mem}")
}

fn verdict(ok: bool) -> &'static str {
    if ok { "meets" } else { "**misses**" }
}

pub(crate) fn report(
    o: &Options,
    floors: &[Floor],
    keys: &[Keystrokes],
    starts: &[Startup],
    date: &str,
    painting: &[(String, String)],
) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "{HEADING}\n");
    let _ = writeln!(
        md,
        "Command: `scripts/bench-window` (builds the UI, the `{}` app binary, the bare window \
and the `.deb`, then runs `specwright-window-bench`). Measured {date} on {}, Xvfb \
display, WebKitGTK driven through `tauri-driver` + WebKitWebDriver. Other builds \
shared the machine: load averages (1/5/15 min) are given per measurement, so read \
the side-by-side ratios rather than the absolute times.\n",
        o.profile,
        machine()
    );
    let _ = writeln!(md, "### Keystroke → preview painted\n");
    let _ = writeln!(
        md,
        "One character typed into the CodeMirror editor through WebDriver (Element Send \
Keys on `.cm-content`, i.e. real `keydown`/`input` events in the page), at the end of \
the document in a paragraph of its own, {} times after {} warm-up keystrokes, one at a \
time. Timed inside the webview with `performance.now()`: from the `keydown` (capture \
listener on `window`) until a `MutationObserver` on the preview sees a block holding \
the new text, then to a timer (`setTimeout(…, 0)`) set from the next \
`requestAnimationFrame` callback, which fires once that frame has been painted: WebKit \
runs the callbacks, lays out and paints the page in one task when painting without \
compositing (an approximation of paint all the same: WebKit exposes no paint timing per \
update, and the window server shows the frame later). Until 2026-12-07 the probe posted a \
`MessageChannel` message instead, which WebKit passes through its network process and \
back: it arrived 2–10 ms after the frame while the page was busy, and its traffic took \
CPU from the page. The whole path is \
included: CodeMirror, the IPC call with the edit, the engine's parse, HTML and \
analysis of the whole text, the answer (a splice of the preview HTML and the panel \
data that changed), the preview patch and the panels. WebKit rounds `performance.now()` \
to whole milliseconds. \"`analyze` alone\" is the breakdown: 10 rounds through the \
app's `analyze` command from the page (`__TAURI_INTERNALS__.invoke`), i.e. IPC + engine \
without CodeMirror and the page: \"edit\" is one character added as an edit (the \
typing path), \"whole\" the whole text sent and answered whole (the path on opening). \"Typed char shown\" is keydown until the editor's \
line holds the new character (a `MutationObserver` on `.cm-content`): typing must stay \
immediate however long the preview takes.\n",
        o.samples, o.warmup
    );
    let _ = writeln!(
        md,
        "| Document | Size | p50 painted | p95 painted | p95 target | p50 DOM updated | p95 DOM updated | p50 `analyze` alone: edit / whole | p95 typed char shown | Failed | Load before → after |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for k in keys {
        let p95 = percentile(&k.paint, 95.0);
        let _ = writeln!(
            md,
            "| {} | {:.0} KB | {:.0} ms | {:.0} ms | {} | {:.0} ms | {:.0} ms | {:.0} / {:.0} ms | {:.0} ms | {} | {} → {} |",
            k.doc_label,
            k.bytes as f64 / 1000.0,
            percentile(&k.paint, 50.0),
            p95,
            k.target_ms.map_or_else(
                || "—".to_owned(),
                |t| format!("≤ {t:.0} ms ({})", verdict(p95 <= t))
            ),
            percentile(&k.dom, 50.0),
            percentile(&k.dom, 95.0),
            percentile(&k.analyze_edit, 50.0),
            percentile(&k.analyze, 50.0),
            percentile(&k.echo, 95.0),
            k.failed,
            k.load_before,
            k.load_after
        );
    }
    for floor in floors {
        let _ = writeln!(
            md,
            "| *Floor: bare Tauri 2 window {}, echo page* | — | {:.0} ms | {:.0} ms | — | {:.0} ms | {:.0} ms | — | — | {} | → {} |",
            floor.label,
            percentile(&floor.paint, 50.0),
            percentile(&floor.paint, 95.0),
            percentile(&floor.dom, 50.0),
            percentile(&floor.dom, 95.0),
            floor.failed,
            floor.load
        );
    }
    let _ = writeln!(
        md,
        "\n**Floor**: the same probe and the same {} keystrokes in the bare window's \
`echo.html` (`crates/bare-window/dist/echo.html`): a textarea whose `input` handler \
copies its text into another element synchronously, the least any page can do between a \
keystroke and showing its effect elsewhere; once with WebKit's defaults, once painting on \
the CPU as Specwright does here. No page painted the same way on this machine can show a \
keystroke's effect sooner than its row.",
        o.samples
    );
    let _ = writeln!(
        md,
        "\n**Enter in the middle of the document** (same sessions, after the typing above): the \
editor put at the end of the middle top-level paragraph (clicked in the preview), then Enter \
pressed {} times after {} warm-up presses, as when filling in a template. Every later block \
moves down a line: timed from the `keydown` until the preview shows the analysis of the new \
text, its blocks and their new first lines in place (a `MutationObserver` on the preview's \
`data-version`), then to the next frame as above.\n",
        o.samples / 2,
        o.warmup
    );
    let _ = writeln!(
        md,
        "| Document | p50 painted | p95 painted | p50 DOM updated | p95 DOM updated |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|");
    for k in keys.iter().filter(|k| !k.enter_paint.is_empty()) {
        let _ = writeln!(
            md,
            "| {} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms |",
            k.doc_label,
            percentile(&k.enter_paint, 50.0),
            percentile(&k.enter_paint, 95.0),
            percentile(&k.enter_dom, 50.0),
            percentile(&k.enter_dom, 95.0),
        );
    }
    let _ = writeln!(
        md,
        "\nDocuments: the 30 KB spec is `tests/fixtures/keps/sig-api-machinery/598-crd-conversion-webhook/README.md`; \
the 170 KB document is the largest KEP (`sig-node/5554-*`) followed by the 30 KB one; the 1 MB \
document is the KEP READMEs (sorted by path) concatenated, cycling until it reaches 1 MiB (all \
26 together are 0.87 MB), and the 10 MB one the same until 10 MiB.\n"
    );

    let _ = writeln!(md, "### Start and memory against a bare Tauri 2 window\n");
    let _ = writeln!(
        md,
        "Each binary launched with the document as its argument (the bare window: none), {} \
interleaved rounds after one warm-up round (warm page cache); medians. **Start** is from \
the kernel's start time of the app process (`/proc/PID/stat`, 10 ms ticks) until the frame \
that shows the text has been painted, as the page itself marks it: Specwright once the \
document's first lines are in the editor (it takes input from then on), the bare window \
once its one-line page is on screen (`crates/bare-window/dist/ready.js`). Both pages mark \
that moment the same way (a timer set from the `requestAnimationFrame` callback of the \
frame, `ui/src/app/frames.ts`), and the mark is placed on the process clock \
through `performance.timeOrigin`, so no WebDriver round trip is in it. \"WebDriver sees \
it\" is the older figure: until the first WebDriver poll (every 10 ms) that finds the text \
in the page. It depends on when WebKitWebDriver gets to answer: single polls took 90–240 ms \
during a start in a probe of three launches, so a launch can be seen before or well after its \
painted mark. \
Both include waiting for WebKitWebDriver to attach (\"session\" column: process start → \
new-session request returned). **Memory** is \
PSS summed from `/proc/PID/smaps_rollup` over the app process and all its descendants (WebKit \
web and network processes), 3 s after the text was shown. The bare window is \
`crates/bare-window`: `tauri::Builder::default().run(generate_context!())` with a static \
one-line page, same tauri version, features and profile as the app.\n",
        o.runs
    );
    let bare = starts
        .iter()
        .find(|s| s.label == BARE)
        .expect("the bare window row");
    let bare_cpu = starts.iter().find(|s| s.label == BARE_CPU_PAINTING);
    let _ = writeln!(
        md,
        "| Window | Start | × bare (target ≤ 1.2×) | × bare painting on the CPU | WebDriver sees it | × bare | Session | PSS | × bare (target ≤ 1.3×) | × bare painting on the CPU | Processes (MiB PSS, last run) | Frame interval | CPU when idle |"
    );
    let _ = writeln!(
        md,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"
    );
    for s in starts {
        let app = s.label.starts_with("Specwright");
        let (rs, rm) = (s.painted() / bare.painted(), s.pss_mib() / bare.pss_mib());
        let ratio_start = if app {
            format!("{rs:.2}× ({})", verdict(rs <= 1.2))
        } else {
            format!("{rs:.2}×")
        };
        let ratio_mem = if s.label.contains("170") {
            format!("{rm:.2}× ({})", verdict(rm <= 1.3))
        } else {
            format!("{rm:.2}×")
        };
        let (cpu_start, cpu_mem) = match bare_cpu {
            Some(b) if app => {
                let (rs, rm) = (s.painted() / b.painted(), s.pss_mib() / b.pss_mib());
                let mem = if s.label.contains("170") {
                    format!("{rm:.2}× ({})", verdict(rm <= 1.3))
                } else {
                    format!("{rm:.2}×")
                };
                (format!("{rs:.2}× ({})", verdict(rs <= 1.2)), mem)
            }
            _ => ("—".to_owned(), "—".to_owned()),
        };
        let _ = writeln!(
            md,
            "| {} | {:.2} s | {} | {} | {:.2} s | {:.2}× | {:.2} s | {:.0} MiB | {} | {} | {} | {:.0} ms | {:.1} % |",
            s.label,
            s.painted(),
            ratio_start,
            cpu_start,
            s.start(),
            s.start() / bare.start(),
            s.session(),
            s.pss_mib(),
            ratio_mem,
            cpu_mem,
            s.processes(),
            s.frame_ms(),
            s.idle_cpu
        );
    }
    let switches: Vec<String> = painting.iter().map(|(k, v)| format!("`{k}={v}`")).collect();
    if switches.is_empty() {
        let _ = writeln!(
            md,
            "\n**Painting**: on this machine Specwright kept WebKit's defaults (it has a GPU \
render node, `src-tauri/src/rendering.rs`), as the bare window does; there is no row for \
the bare window painting on the CPU.\n"
        );
    } else {
        let _ = writeln!(
            md,
            "\n**Painting on the CPU**: on a machine without a GPU, as this one, Specwright turns \
off WebKit's OpenGL compositing and paints with Skia on the CPU (`src-tauri/src/rendering.rs`; \
its web process got {}); the bare window runs as Tauri starts it. The last row is the bare \
window given the same settings, and the \"painting on the CPU\" columns compare against it: \
what the app costs over the webview with the rendering choice taken out. Both comparisons \
carry a verdict: the first is against a bare Tauri window as it comes, the second against \
one painting the same way.\n",
            switches.join(", ")
        );
    }
    let _ = writeln!(
        md,
        "\n**Frame interval**: after the memory reading, a small element's text changed on \
each of 80 frames (`requestAnimationFrame`); the median time between frames 11–80 is what \
one frame of the window costs. Specwright's frames, in WebKit's non-composited mode, \
are not held to the display's 60 Hz as the bare page's are (why was not looked into): \
its interval is what painting that small change costs. \
**CPU when idle**: one more launch of each, left alone for 12 s after its text was shown \
(past the editor's ten seconds of cursor blinking), then the CPU time of the app and its \
WebKit processes over 10 s, as % of one core.\n"
    );
    let _ = writeln!(
        md,
        "**Start-up timeline** (medians, ms since the process started; `performance.mark` in \
the page, placed on the process clock through `performance.timeOrigin`): \"navigation\" is \
the page's navigation start, `boot:asking` the start-up question sent to the shell (the \
page's first script), `boot:loaded` the editor's code loaded and evaluated, `boot:start` \
the app built, `boot:asked` the answer in (drafts, recent files, the file already read), \
`boot:opened` the file in the editor, `boot:shown` the frame showing it painted, \
`boot:first-preview` the first preview shown (after that frame).\n"
    );
    for s in starts {
        let marks: Vec<String> = s
            .marks()
            .iter()
            .map(|(name, ms)| format!("{name} {ms:.0}"))
            .collect();
        let _ = writeln!(md, "- {}: {}", s.label, marks.join(", "));
    }
    let _ = writeln!(md);
    let _ = writeln!(md, "\nLoad average during these launches: {}.\n", bare.load);
    let _ = writeln!(md, "All runs (start s / WebDriver sees it s / PSS MiB):\n");
    for s in starts {
        let runs: Vec<String> = s
            .launches
            .iter()
            .map(|l| {
                format!(
                    "{:.2} / {:.2} / {:.0}",
                    l.painted.unwrap_or(f64::NAN),
                    l.start,
                    l.pss as f64 / 1024.0
                )
            })
            .collect();
        let _ = writeln!(md, "- {}: {}", s.label, runs.join("; "));
    }

    let _ = writeln!(md, "\n### Installer size\n");
    match (&o.deb, &o.deb_note) {
        (Some(deb), note) if deb.is_file() => {
            let bytes = std::fs::metadata(deb).unwrap().len();
            let _ = writeln!(
                md,
                "`ui/node_modules/.bin/tauri build --bundles deb` at the repository root: `{}` is {:.1} MiB ({} bytes){}.",
                deb.file_name().unwrap().to_string_lossy(),
                bytes as f64 / 1024.0 / 1024.0,
                bytes,
                note.as_deref()
                    .map(|n| format!("; {n}"))
                    .unwrap_or_default()
            );
        }
        (_, Some(note)) => {
            let _ = writeln!(
                md,
                "`ui/node_modules/.bin/tauri build --bundles deb`: {note}"
            );
        }
        _ => {
            let _ = writeln!(md, "`.deb` not built in this run.");
        }
    }
    md
}

/// Marks around the measured part of `docs/benchmarks.md`: what lies between them
/// is replaced by each run; what follows (the analysis, written by hand) is kept.
const BEGIN: &str = "<!-- measured by scripts/bench-window: begin -->";
const END: &str = "<!-- measured by scripts/bench-window: end -->";

/// Replaces the measured part of the section "## Desktop app in the real window"
/// of `path` (the whole section the first time), or appends the section.
pub(crate) fn write_section(path: &Path, section: &str) {
    let old = std::fs::read_to_string(path).unwrap_or_else(|_| "# Benchmarks\n".to_owned());
    let measured = format!("{BEGIN}\n{}\n{END}", section.trim_end());
    let new = if let (Some(begin), Some(end)) = (old.find(BEGIN), old.find(END)) {
        format!("{}{measured}{}", &old[..begin], &old[end + END.len()..])
    } else if let Some(start) = old.find(HEADING) {
        let after = &old[start + HEADING.len()..];
        let end = after
            .find("\n## ")
            .map(|i| start + HEADING.len() + i + 1)
            .unwrap_or(old.len());
        format!("{}{measured}\n\n{}", &old[..start], &old[end..])
    } else {
        format!("{}\n\n{measured}\n", old.trim_end())
    };
    std::fs::write(path, new).unwrap();
}
