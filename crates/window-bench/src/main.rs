//! Measures the real Specwright window next to a bare Tauri 2 window and writes the
//! section "Desktop app in the real window" of `docs/benchmarks.md`.
//!
//! Run through `scripts/bench-window` (it builds both binaries and the `.deb`).
//!
//! * Keystroke → preview painted: a character typed into CodeMirror through
//!   WebDriver (Element Send Keys); in the page, `performance.now()` at the
//!   `keydown` (capture listener on `window`) until a `MutationObserver` on the
//!   preview sees a block holding the new text, then `requestAnimationFrame` and a
//!   `MessageChannel` message posted from it (runs after that frame is painted).
//! * Start: from the kernel's start time of the app process to the first
//!   WebDriver poll (every 10 ms) that sees the document's first line in the
//!   editor (`.cm-content`); the bare window: its page's text in `#hello`.
//! * Memory: PSS summed over the app process and all its descendants (WebKit web,
//!   network, … processes), 3 s after the document / page was shown.
//! * Frame interval: the median time between frames while a small element's text
//!   changes on every frame, i.e. what one frame of the window costs (the floor
//!   under any keystroke figure).
//! * Start-up timeline: the page's `boot:*` performance marks on the process clock.
//! * CPU when idle: one more launch of each window, left alone past the editor's
//!   cursor blinking, then the CPU time of its processes over 10 s.

mod harness;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use harness::{BootClock, Session};
use serde_json::{Value, json};

struct Options {
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
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(o.app.is_file(), "--app {} is not a file", o.app.display());
    assert!(
        o.bare.is_file(),
        "--bare {} is not a file",
        o.bare.display()
    );
    o
}

/// A benchmark document written to a scratch folder.
struct Doc {
    label: &'static str,
    path: PathBuf,
    bytes: usize,
    /// Text of its first non-empty line (what the editor shows first).
    first_line: String,
    target_ms: Option<f64>,
}

fn documents(fixtures: &Path, scratch: &Path) -> Vec<Doc> {
    let spec30 = std::fs::read_to_string(
        fixtures.join("sig-api-machinery/598-crd-conversion-webhook/README.md"),
    )
    .unwrap();
    let mut keps: Vec<PathBuf> = Vec::new();
    for group in sorted_dir(fixtures) {
        for kep in sorted_dir(&group) {
            if kep.join("README.md").is_file() {
                keps.push(kep.join("README.md"));
            }
        }
    }
    let largest = keps
        .iter()
        .filter(|p| p.to_string_lossy().contains("sig-node/5554-"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("tests/fixtures/keps/sig-node/5554-*/README.md");
    let doc170 = format!(
        "{}\n\n{}",
        std::fs::read_to_string(largest).unwrap(),
        spec30
    );
    // All KEPs come to ~0.87 MB: cycle through them (sorted) until the size.
    let keps_to = |size: usize| {
        let mut doc = String::new();
        'fill: loop {
            for kep in &keps {
                doc.push_str(&std::fs::read_to_string(kep).unwrap());
                doc.push_str("\n\n");
                if doc.len() >= size {
                    break 'fill doc;
                }
            }
        }
    };
    [
        ("30 KB spec", "spec-30k.md", spec30, Some(16.0)),
        ("170 KB document", "doc-170k.md", doc170, Some(30.0)),
        ("1 MB document", "doc-1m.md", keps_to(1 << 20), Some(50.0)),
        ("10 MB document", "doc-10m.md", keps_to(10 << 20), None),
    ]
    .into_iter()
    .map(|(label, name, text, target_ms)| {
        let path = scratch.join(name);
        std::fs::write(&path, &text).unwrap();
        let first_line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap()
            .chars()
            .take(30)
            .collect();
        Doc {
            label,
            path,
            bytes: text.len(),
            first_line,
            target_ms,
        }
    })
    .collect()
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_dir())
        .collect();
    list.sort();
    list
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Nearest-rank percentile.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
    }
}

// ---------------------------------------------------------------- keystroke

const EDITOR_SHOWS: &str = "const el = document.querySelector('.cm-content'); return !!el && el.textContent.includes(arguments[0]);";
const PREVIEW_SHOWS: &str = "const el = document.querySelector('[data-testid=preview]'); return !!el && el.textContent.includes(arguments[0]);";

/// Arms the in-page probe for one keystroke whose preview block will contain `arguments[0]`.
const ARM: &str = r#"
const expected = arguments[0];
const preview = document.querySelector('[data-testid=preview]');
if (!window.__wbKeydown) {
  window.__wbKeydown = true;
  window.addEventListener('keydown', (e) => {
    const st = window.__wb;
    if (st && st.t0 === null) { st.t0 = performance.now(); st.stamp = e.timeStamp; }
  }, true);
}
const st = { t0: null, stamp: null, echo: null, dom: null, raf: null, paint: null };
window.__wb = st;
// The editor shows the typed character (typing is not held up by the preview).
const echo = new MutationObserver(() => {
  const line = document.querySelector('.cm-content .cm-activeLine');
  if (st.echo === null && line && line.textContent.includes(expected)) {
    st.echo = performance.now();
    echo.disconnect();
  }
});
echo.observe(document.querySelector('.cm-content'), { childList: true, subtree: true, characterData: true });
const obs = new MutationObserver((records) => {
  if (st.dom !== null) return;
  for (const r of records) for (const n of r.addedNodes) {
    if (n.textContent && n.textContent.includes(expected)) {
      st.dom = performance.now();
      obs.disconnect();
      requestAnimationFrame(() => {
        st.raf = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { st.paint = performance.now(); };
        ch.port2.postMessage(0);
      });
      return;
    }
  }
});
obs.observe(preview, { childList: true, subtree: true });
return true;
"#;

/// Waits (in the page) for the armed probe to finish; returns its times or null after 10 s.
const COLLECT: &str = r#"
const done = arguments[arguments.length - 1];
const until = performance.now() + 25000;
const check = () => {
  const st = window.__wb;
  if (st.paint !== null) done({ t0: st.t0, stamp: st.stamp, echo: st.echo, dom: st.dom, raf: st.raf, paint: st.paint });
  else if (performance.now() > until) done(null);
  else setTimeout(check, 1);
};
check();
"#;

/// Moves the editor to the end of a paragraph in the middle of the document: clicks
/// the middle top-level paragraph of the preview (which jumps the editor there).
const TO_MIDDLE: &str = r#"
const paragraphs = [...document.querySelectorAll('[data-testid=preview] > p')];
const p = paragraphs[Math.floor(paragraphs.length / 2)];
if (!p) return false;
p.scrollIntoView({ block: 'center' });
p.click();
return true;
"#;

/// Arms the probe for one Enter in the middle of the document: every later block
/// moves down a line, so the preview is up to date once it shows the analysis of
/// the new text (its `data-version` changed: the preview's blocks and their first
/// lines are in place).
const ARM_ENTER: &str = r#"
const preview = document.querySelector('[data-testid=preview]');
const before = preview.dataset.version;
const st = { t0: null, stamp: null, echo: null, dom: null, raf: null, paint: null };
window.__wb = st;
const obs = new MutationObserver(() => {
  if (st.dom !== null || preview.dataset.version === before) return;
  st.dom = performance.now();
  obs.disconnect();
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { st.paint = performance.now(); };
    ch.port2.postMessage(0);
  });
});
obs.observe(preview, { attributes: true, attributeFilter: ['data-version'] });
return before !== undefined;
"#;

/// Times `arguments[1]` rounds of the app's `analyze` command from the page: the
/// text `arguments[0]` sent whole (as on opening), then one character added at its
/// end as an edit answered against it (as while typing). `{whole, edit}` in ms.
const ANALYZE: &str = r#"
const done = arguments[arguments.length - 1];
const [text, n] = arguments;
const end = text.length;
(async () => {
  const whole = [], edit = [];
  const analyze = (request) => window.__TAURI_INTERNALS__.invoke('analyze', { request: { template_id: null, ...request } });
  for (let i = 0; i < n; i++) {
    const v = 1e9 + 2 * i;
    const t0 = performance.now();
    await analyze({ version: v, text: { kind: 'whole', text }, shown: null });
    const t1 = performance.now();
    await analyze({ version: v + 1, text: { kind: 'edits', base: v, edits: [{ from: end, to: end, insert: 'x' }] }, shown: v });
    whole.push(t1 - t0);
    edit.push(performance.now() - t1);
  }
  done({ whole, edit });
})().catch((e) => done(String(e)));
"#;

struct Keystrokes {
    doc_label: &'static str,
    bytes: usize,
    target_ms: Option<f64>,
    /// keydown → the editor shows the character.
    echo: Vec<f64>,
    /// keydown → frame after the preview change (painted).
    paint: Vec<f64>,
    /// keydown → preview DOM changed.
    dom: Vec<f64>,
    /// Enter in a paragraph in the middle of the document: keydown → the last
    /// block's new line numbers, and → the frame after that (painted).
    enter_dom: Vec<f64>,
    enter_paint: Vec<f64>,
    failed: usize,
    /// In-page round trip of the `analyze` command alone (IPC + engine), ms:
    /// the whole text, and one edit to it.
    analyze: Vec<f64>,
    analyze_edit: Vec<f64>,
    load_before: String,
    load_after: String,
}

/// Presses Enter at the end of a paragraph in the middle of the document, as when
/// filling in a template: every later block's line numbers change. Returns the
/// sorted keydown → DOM updated and → painted times (ms) after the warm-up.
async fn enter_in_the_middle(
    s: &Session,
    editor: &fantoccini::elements::Element,
    o: &Options,
) -> (Vec<f64>, Vec<f64>) {
    let (mut dom, mut paint) = (Vec::new(), Vec::new());
    if s.js(TO_MIDDLE, vec![]).await != Value::Bool(true) {
        eprintln!("  no paragraph in the middle of the preview: Enter not measured");
        return (dom, paint);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    editor
        .send_keys(&char::from(Key::End).to_string())
        .await
        .unwrap();
    let enter = char::from(Key::Enter).to_string();
    for i in 0..o.warmup + o.samples / 2 {
        if s.js(ARM_ENTER, vec![]).await != Value::Bool(true) {
            break;
        }
        editor.send_keys(&enter).await.unwrap();
        let times = s.js_async(COLLECT, vec![]).await;
        let get = |k: &str| times.get(k).and_then(Value::as_f64);
        if let (Some(t0), Some(d), Some(p)) = (get("t0"), get("dom"), get("paint"))
            && i >= o.warmup
        {
            dom.push(d - t0);
            paint.push(p - t0);
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    dom.sort_by(f64::total_cmp);
    paint.sort_by(f64::total_cmp);
    (dom, paint)
}

async fn keystrokes(o: &Options, doc: &Doc) -> Keystrokes {
    let load_before = loadavg();
    let s = Session::launch(&o.app, &[doc.path.display().to_string()]).await;
    s.poll_until(
        "the editor shows the document",
        EDITOR_SHOWS,
        vec![json!(doc.first_line)],
        Duration::from_millis(50),
    )
    .await;
    s.poll_until(
        "the preview shows the document",
        PREVIEW_SHOWS,
        vec![json!(doc.first_line.trim_start_matches(['#', ' ']))],
        Duration::from_millis(50),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Cursor to the end, then start a paragraph of our own there.
    let editor = s.element(".cm-content").await;
    editor.click().await.unwrap();
    let end = format!(
        "{}{}{}",
        char::from(Key::Control),
        char::from(Key::End),
        char::from(Key::Control)
    );
    editor.send_keys(&end).await.unwrap();
    let enter = char::from(Key::Enter).to_string();
    editor.send_keys(&enter).await.unwrap();
    editor.send_keys(&enter).await.unwrap();
    let token = "zqbench ";
    editor.send_keys(token).await.unwrap();
    s.poll_until(
        "the preview shows the typed paragraph",
        PREVIEW_SHOWS,
        vec![json!(token.trim())],
        Duration::from_millis(50),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let mut typed = token.to_owned();
    let (mut echo, mut paint, mut dom, mut failed) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for i in 0..o.warmup + o.samples {
        typed.push('x');
        let armed = s.js(ARM, vec![json!(typed)]).await;
        assert_eq!(armed, Value::Bool(true), "could not arm the probe");
        editor.send_keys("x").await.unwrap();
        let times = s
            .client
            .execute_async(COLLECT, vec![])
            .await
            .unwrap_or(Value::Null);
        let get = |k: &str| times.get(k).and_then(Value::as_f64);
        match (get("t0"), get("echo"), get("dom"), get("paint")) {
            (Some(t0), Some(e), Some(d), Some(p)) if i >= o.warmup => {
                echo.push(e - t0);
                dom.push(d - t0);
                paint.push(p - t0);
            }
            (Some(_), Some(_), Some(_), Some(_)) => {}
            _ => failed += 1,
        }
        // Let the analysis of this keystroke (checklist, findings) finish first.
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let (enter_dom, enter_paint) = enter_in_the_middle(&s, &editor, o).await;
    // Breakdown: the same text through the app's `analyze` command alone.
    let text = format!("{}\n\n{typed}", std::fs::read_to_string(&doc.path).unwrap());
    let rounds = s
        .client
        .execute_async(ANALYZE, vec![json!(text), json!(10)])
        .await
        .unwrap_or(Value::Null);
    let times = |key: &str| -> Vec<f64> {
        let mut list: Vec<f64> = rounds
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        list.sort_by(f64::total_cmp);
        list
    };
    let (analyze, analyze_edit) = (times("whole"), times("edit"));
    if analyze.is_empty() {
        eprintln!("  analyze round trip not measured: {rounds}");
    }
    s.quit().await;
    echo.sort_by(f64::total_cmp);
    paint.sort_by(f64::total_cmp);
    dom.sort_by(f64::total_cmp);
    Keystrokes {
        enter_dom,
        enter_paint,
        doc_label: doc.label,
        bytes: doc.bytes,
        target_ms: doc.target_ms,
        echo,
        paint,
        dom,
        failed,
        analyze,
        analyze_edit,
        load_before,
        load_after: loadavg(),
    }
}

// ---------------------------------------------------------------- start + memory

struct Launch {
    /// Process start → editor/page shows the text (s).
    start: f64,
    /// Process start → new-session request returned (s).
    session: f64,
    /// The page's `performance` marks (`boot:*`), and its navigation start, in
    /// seconds since the process started.
    marks: Vec<(String, f64)>,
    /// Median time between frames (ms) while one small element changes its text
    /// on every frame: the cost of one frame of this window.
    frame_ms: f64,
    /// PSS of the whole process tree (KiB) and its processes.
    pss: u64,
    processes: Vec<(String, u64)>,
}

async fn launch_once(
    binary: &Path,
    args: &[String],
    selector: &str,
    needle: &str,
    clock: &BootClock,
) -> Launch {
    let s = Session::launch(binary, args).await;
    let script = "const el = document.querySelector(arguments[0]); return !!el && el.textContent.includes(arguments[1]);";
    let shown = s
        .poll_until(
            "the window shows its text",
            script,
            vec![json!(selector), json!(needle)],
            Duration::from_millis(10),
        )
        .await;
    let pid = s.app_pid().expect("the launched app process");
    let start = clock.since_start(pid, shown).unwrap();
    let session = clock.since_start(pid, s.connected).unwrap();
    let marks = page_marks(&s, pid, clock).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let processes: Vec<(String, u64)> = harness::process_tree(pid)
        .into_iter()
        .map(|p| (harness::comm(p), harness::pss_kib(p)))
        .collect();
    let pss = processes.iter().map(|(_, k)| k).sum();
    let frame_ms = s
        .js_async(FRAMES, vec![])
        .await
        .as_f64()
        .unwrap_or(f64::NAN);
    s.quit().await;
    Launch {
        start,
        session,
        marks,
        frame_ms,
        pss,
        processes,
    }
}

/// Changes the text of a small element on each of 80 frames and answers the median
/// interval between the frames after the first 10, in ms.
const FRAMES: &str = r#"
const done = arguments[arguments.length - 1];
const probe = document.createElement('div');
probe.style.cssText = 'position:absolute;left:0;bottom:0;font-size:10px';
document.body.append(probe);
const times = [];
const frame = () => {
  times.push(performance.now());
  probe.textContent = String(times.length);
  if (times.length < 80) { requestAnimationFrame(frame); return; }
  probe.remove();
  const gaps = times.slice(11).map((t, i) => t - times[i + 10]).sort((a, b) => a - b);
  done(gaps[Math.floor(gaps.length / 2)]);
};
requestAnimationFrame(frame);
"#;

/// The page's marks, placed on the process clock through `performance.now()` read
/// at a known instant (good to a few ms: the WebDriver round trip).
async fn page_marks(s: &Session, pid: u32, clock: &BootClock) -> Vec<(String, f64)> {
    let script = "return { now: performance.now(), marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]) };";
    let asked = Instant::now();
    let page = s.js(script, vec![]).await;
    let answered = Instant::now();
    let (Some(now), Some(list)) = (page["now"].as_f64(), page["marks"].as_array()) else {
        return Vec::new();
    };
    let at = asked + (answered - asked) / 2;
    let Some(origin) = clock.since_start(pid, at).map(|t| t - now / 1000.0) else {
        return Vec::new();
    };
    let mut marks = vec![("navigation".to_owned(), origin)];
    marks.extend(
        list.iter()
            .filter_map(|m| Some((m[0].as_str()?.to_owned(), origin + m[1].as_f64()? / 1000.0))),
    );
    marks
}

/// CPU used by a window left alone (% of one core): launched, shown, then left
/// for `IDLE_AFTER` (past the editor's ten seconds of cursor blinking) and
/// measured over `IDLE_FOR`, the app and its WebKit processes together.
async fn idle_cpu(binary: &Path, args: &[String], selector: &str, needle: &str) -> f64 {
    const IDLE_AFTER: Duration = Duration::from_secs(12);
    const IDLE_FOR: Duration = Duration::from_secs(10);
    let s = Session::launch(binary, args).await;
    let script = "const el = document.querySelector(arguments[0]); return !!el && el.textContent.includes(arguments[1]);";
    s.poll_until(
        "the window shows its text",
        script,
        vec![json!(selector), json!(needle)],
        Duration::from_millis(50),
    )
    .await;
    tokio::time::sleep(IDLE_AFTER).await;
    let pid = s.app_pid().expect("the launched app process");
    let tree = harness::process_tree(pid);
    let used = || tree.iter().map(|&p| harness::cpu_seconds(p)).sum::<f64>();
    let before = used();
    tokio::time::sleep(IDLE_FOR).await;
    let percent = (used() - before) / IDLE_FOR.as_secs_f64() * 100.0;
    s.quit().await;
    percent
}

struct Startup {
    label: String,
    launches: Vec<Launch>,
    /// CPU while left alone, % of one core.
    idle_cpu: f64,
    load: String,
}

impl Startup {
    fn start(&self) -> f64 {
        median(&self.launches.iter().map(|l| l.start).collect::<Vec<_>>())
    }
    fn session(&self) -> f64 {
        median(&self.launches.iter().map(|l| l.session).collect::<Vec<_>>())
    }
    fn frame_ms(&self) -> f64 {
        median(&self.launches.iter().map(|l| l.frame_ms).collect::<Vec<_>>())
    }
    /// Median time of each page mark since the process started (ms), in page order.
    fn marks(&self) -> Vec<(String, f64)> {
        let Some(first) = self.launches.first() else {
            return Vec::new();
        };
        first
            .marks
            .iter()
            .map(|(name, _)| {
                let times: Vec<f64> = self
                    .launches
                    .iter()
                    .filter_map(|l| l.marks.iter().find(|(n, _)| n == name).map(|m| m.1))
                    .collect();
                (name.clone(), median(&times) * 1000.0)
            })
            .collect()
    }
    fn pss_mib(&self) -> f64 {
        median(
            &self
                .launches
                .iter()
                .map(|l| l.pss as f64 / 1024.0)
                .collect::<Vec<_>>(),
        )
    }
    fn processes(&self) -> String {
        let Some(first) = self.launches.last() else {
            return String::new();
        };
        first
            .processes
            .iter()
            .map(|(name, kib)| format!("{name} {:.0}", *kib as f64 / 1024.0))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn startups(o: &Options, docs: &[Doc], clock: &BootClock) -> Vec<Startup> {
    let spec = &docs[0];
    let big = &docs[1];
    let kinds: Vec<(String, &Path, Vec<String>, &str, String)> = vec![
        (
            "Bare Tauri 2 window".into(),
            &o.bare,
            vec![],
            "#hello",
            "Hello".into(),
        ),
        (
            format!("Specwright, {} open", spec.label),
            &o.app,
            vec![spec.path.display().to_string()],
            ".cm-content",
            spec.first_line.clone(),
        ),
        (
            format!("Specwright, {} open", big.label),
            &o.app,
            vec![big.path.display().to_string()],
            ".cm-content",
            big.first_line.clone(),
        ),
    ];
    let mut results: Vec<Startup> = kinds
        .iter()
        .map(|k| Startup {
            label: k.0.clone(),
            launches: Vec::new(),
            idle_cpu: f64::NAN,
            load: String::new(),
        })
        .collect();
    let mut loads = Vec::new();
    // One warm-up launch of each (page cache), then interleaved runs.
    for round in 0..=o.runs {
        for (i, (_, binary, args, selector, needle)) in kinds.iter().enumerate() {
            let launch = launch_once(binary, args, selector, needle, clock).await;
            eprintln!(
                "  {}{}: start {:.3} s (session {:.3} s), PSS {:.0} MiB",
                results[i].label,
                if round == 0 { " (warm-up)" } else { "" },
                launch.start,
                launch.session,
                launch.pss as f64 / 1024.0
            );
            if !launch.marks.is_empty() {
                let marks: Vec<String> = launch
                    .marks
                    .iter()
                    .map(|(name, t)| format!("{name} {:.0}", t * 1000.0))
                    .collect();
                eprintln!("    ms since process start: {}", marks.join(", "));
            }
            if round > 0 {
                results[i].launches.push(launch);
            }
            loads.push(loadavg());
        }
    }
    for (i, (_, binary, args, selector, needle)) in kinds.iter().enumerate() {
        results[i].idle_cpu = idle_cpu(binary, args, selector, needle).await;
        eprintln!(
            "  {}: {:.1} % CPU idle",
            results[i].label, results[i].idle_cpu
        );
    }
    let load = format!(
        "{} … {}",
        loads.first().cloned().unwrap_or_default(),
        loads.last().cloned().unwrap_or_default()
    );
    for r in &mut results {
        r.load = load.clone();
    }
    results
}

// ---------------------------------------------------------------- report

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

fn report(o: &Options, keys: &[Keystrokes], starts: &[Startup], date: &str) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "## Desktop app in the real window\n");
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
the new text, then to a `MessageChannel` message posted from the next \
`requestAnimationFrame` callback, which runs once that frame has been painted (an \
approximation of paint: WebKit exposes no paint timing per update). The whole path is \
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
the kernel's start time of the app process (`/proc/PID/stat`, 10 ms ticks) to the first \
WebDriver poll (every 10 ms) that finds the document's first line in the editor \
(`.cm-content`), i.e. the document is loaded in an editor that takes input; for the bare \
window, to the poll that finds its page's text. Both include waiting for WebKitWebDriver to \
attach (\"session\" column: process start → new-session request returned). **Memory** is \
PSS summed from `/proc/PID/smaps_rollup` over the app process and all its descendants (WebKit \
web and network processes), 3 s after the text was shown. The bare window is \
`crates/bare-window`: `tauri::Builder::default().run(generate_context!())` with a static \
one-line page, same tauri version, features and profile as the app.\n",
        o.runs
    );
    let bare = &starts[0];
    let _ = writeln!(
        md,
        "| Window | Start | × bare (target ≤ 1.2×) | Session | PSS | × bare (target ≤ 1.3×) | Processes (MiB PSS, last run) | Frame interval | CPU when idle |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---|---:|---:|");
    for (i, s) in starts.iter().enumerate() {
        let (rs, rm) = (s.start() / bare.start(), s.pss_mib() / bare.pss_mib());
        let (ratio_start, ratio_mem) = if i == 0 {
            ("1.00×".to_owned(), "1.00×".to_owned())
        } else {
            (
                format!("{rs:.2}× ({})", verdict(rs <= 1.2)),
                if s.label.contains("170") {
                    format!("{rm:.2}× ({})", verdict(rm <= 1.3))
                } else {
                    format!("{rm:.2}×")
                },
            )
        };
        let _ = writeln!(
            md,
            "| {} | {:.2} s | {} | {:.2} s | {:.0} MiB | {} | {} | {:.0} ms | {:.1} % |",
            s.label,
            s.start(),
            ratio_start,
            s.session(),
            s.pss_mib(),
            ratio_mem,
            s.processes(),
            s.frame_ms(),
            s.idle_cpu
        );
    }
    let _ = writeln!(
        md,
        "\n**Frame interval**: after the memory reading, a small element's text changed on \
each of 80 frames (`requestAnimationFrame`); the median time between frames 11–80 is what \
one frame of the window costs. No keystroke can be shown sooner than one frame. \
**CPU when idle**: one more launch of each, left alone for 12 s after its text was shown \
(past the editor's ten seconds of cursor blinking), then the CPU time of the app and its \
WebKit processes over 10 s, as % of one core.\n"
    );
    let _ = writeln!(
        md,
        "**Start-up timeline** (medians, ms since the process started; `performance.mark` in \
the page, placed on the process clock through `performance.now()` read over WebDriver, \
good to ≈ 10 ms): \"navigation\" is the page's navigation start, `boot:script` the app's \
JavaScript evaluated, `boot:start-screen` the start screen filled (the first IPC answer), \
`boot:opened` the file in the editor, `boot:first-preview` the first preview shown.\n"
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
    let _ = writeln!(md, "All runs (start s / PSS MiB):\n");
    for s in starts {
        let runs: Vec<String> = s
            .launches
            .iter()
            .map(|l| format!("{:.2} / {:.0}", l.start, l.pss as f64 / 1024.0))
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

/// Replaces (or appends) the section "## Desktop app in the real window" of `path`.
fn write_section(path: &Path, section: &str) {
    let old = std::fs::read_to_string(path).unwrap_or_else(|_| "# Benchmarks\n".to_owned());
    let heading = "## Desktop app in the real window";
    let new = match old.find(heading) {
        Some(start) => {
            let after = &old[start + heading.len()..];
            let end = after
                .find("\n## ")
                .map(|i| start + heading.len() + i + 1)
                .unwrap_or(old.len());
            format!(
                "{}{}{}{}",
                &old[..start],
                section.trim_end(),
                if end < old.len() { "\n\n" } else { "\n" },
                &old[end..]
            )
        }
        None => format!("{}\n\n{}\n", old.trim_end(), section.trim_end()),
    };
    std::fs::write(path, new).unwrap();
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

    let starts = if o.no_start {
        None
    } else {
        eprintln!("start + memory ({} rounds)…", o.runs);
        Some(startups(&o, &docs, &clock).await)
    };
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
    let md = report(&o, &keys, &starts, &date);
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
