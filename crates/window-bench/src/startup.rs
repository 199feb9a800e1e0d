//! Start time, memory, frame interval and idle CPU of the app against the bare window.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::Options;
use crate::documents::Doc;
use crate::harness::{self, BootClock, Session, as_env};
use crate::stats::{loadavg, median};

/// The mark both pages set once the frame showing their text has been painted
/// (`ui/src/app/controller.ts`, `crates/bare-window/dist/ready.js`).
const SHOWN: &str = "boot:shown";

pub(crate) struct Launch {
    /// Process start → the page's own mark that the frame showing the text (the
    /// document's first lines in the editor) has been painted (s), if it set one.
    pub(crate) painted: Option<f64>,
    /// Process start → the first WebDriver poll that finds the text in the page (s).
    pub(crate) start: f64,
    /// Process start → new-session request returned (s).
    pub(crate) session: f64,
    /// The page's `performance` marks (`boot:*`), and its navigation start, in
    /// seconds since the process started.
    pub(crate) marks: Vec<(String, f64)>,
    /// Median time between frames (ms) while one small element changes its text
    /// on every frame: the cost of one frame of this window.
    pub(crate) frame_ms: f64,
    /// PSS of the whole process tree (KiB) and its processes.
    pub(crate) pss: u64,
    pub(crate) processes: Vec<(String, u64)>,
}

/// One kind of window measured: a binary, what it opens and how to tell it is shown.
struct Kind<'a> {
    label: String,
    binary: &'a Path,
    args: Vec<String>,
    /// Where the window's text appears, and a piece of it.
    selector: &'static str,
    needle: String,
    /// Environment for the launch (the app's own painting choice, given to the bare window).
    env: &'a [(&'a str, &'a str)],
}

impl Kind<'_> {
    async fn launch(&self) -> Session {
        Session::launch_with_env(self.binary, &self.args, self.env).await
    }

    /// Polls every `every` until the window shows its text; returns when it did.
    async fn shown(&self, s: &Session, every: Duration) -> Instant {
        let script = "const el = document.querySelector(arguments[0]); return !!el && el.textContent.includes(arguments[1]);";
        s.poll_until(
            "the window shows its text",
            script,
            vec![json!(self.selector), json!(self.needle)],
            every,
        )
        .await
    }
}

async fn launch_once(kind: &Kind<'_>, clock: &BootClock) -> Launch {
    let s = kind.launch().await;
    let shown = kind.shown(&s, Duration::from_millis(10)).await;
    let pid = s.app_pid().expect("the launched app process");
    let start = clock.since_start(pid, shown).unwrap();
    let session = clock.since_start(pid, s.connected).unwrap();
    // The page marks the painted frame just after the text appears in its DOM.
    s.poll_until(
        "the page marks the frame showing its text",
        "return performance.getEntriesByName(arguments[0]).length > 0;",
        vec![json!(SHOWN)],
        Duration::from_millis(10),
    )
    .await;
    let marks = page_marks(&s, pid, clock).await;
    let painted = marks
        .iter()
        .find(|(name, _)| name == SHOWN)
        .map(|(_, t)| *t);
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
        painted,
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

/// The page's marks, on the process clock: `performance.timeOrigin` (the page's
/// navigation start, wall clock) plus each mark's time, so no WebDriver round
/// trip is in them.
async fn page_marks(s: &Session, pid: u32, clock: &BootClock) -> Vec<(String, f64)> {
    let script = "return { origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]) };";
    let page = s.js(script, vec![]).await;
    let (Some(origin), Some(list)) = (page["origin"].as_f64(), page["marks"].as_array()) else {
        return Vec::new();
    };
    let at = |ms: f64| clock.since_start_at_epoch(pid, origin + ms);
    let mut marks: Vec<(String, f64)> = at(0.0)
        .map(|t| ("navigation".to_owned(), t))
        .into_iter()
        .collect();
    marks.extend(
        list.iter()
            .filter_map(|m| Some((m[0].as_str()?.to_owned(), at(m[1].as_f64()?)?))),
    );
    marks
}

/// Prints each window's median start, and from the page's navigation to its
/// painted text, against the bare window painting as the app does.
fn summary(results: &[Startup]) {
    let floor = results
        .iter()
        .find(|r| r.label == BARE_CPU_PAINTING)
        .or(results.first());
    let Some(floor) = floor else { return };
    eprintln!("Medians (× {}):", floor.label);
    for r in results {
        let after_navigation: Vec<f64> = r
            .launches
            .iter()
            .filter_map(|l| {
                let navigation = l.marks.iter().find(|(n, _)| n == "navigation")?;
                Some(l.painted? - navigation.1)
            })
            .collect();
        eprintln!(
            "  {}: painted {:.3} s ({:.2}×), navigation → painted {:.0} ms",
            r.label,
            r.painted(),
            r.painted() / floor.painted(),
            median(&after_navigation) * 1000.0
        );
    }
}

/// CPU used by a window left alone (% of one core): launched, shown, then left
/// for `IDLE_AFTER` (past the editor's ten seconds of cursor blinking) and
/// measured over `IDLE_FOR`, the app and its WebKit processes together.
async fn idle_cpu(kind: &Kind<'_>) -> f64 {
    const IDLE_AFTER: Duration = Duration::from_secs(12);
    const IDLE_FOR: Duration = Duration::from_secs(10);
    let s = kind.launch().await;
    kind.shown(&s, Duration::from_millis(50)).await;
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

pub(crate) struct Startup {
    pub(crate) label: String,
    pub(crate) launches: Vec<Launch>,
    /// CPU while left alone, % of one core.
    pub(crate) idle_cpu: f64,
    pub(crate) load: String,
}

impl Startup {
    /// Median process start → text painted, from the page's own mark (s).
    pub(crate) fn painted(&self) -> f64 {
        median(
            &self
                .launches
                .iter()
                .filter_map(|l| l.painted)
                .collect::<Vec<_>>(),
        )
    }
    pub(crate) fn start(&self) -> f64 {
        median(&self.launches.iter().map(|l| l.start).collect::<Vec<_>>())
    }
    pub(crate) fn session(&self) -> f64 {
        median(&self.launches.iter().map(|l| l.session).collect::<Vec<_>>())
    }
    pub(crate) fn frame_ms(&self) -> f64 {
        median(&self.launches.iter().map(|l| l.frame_ms).collect::<Vec<_>>())
    }
    /// Median time of each page mark since the process started (ms), in page order.
    pub(crate) fn marks(&self) -> Vec<(String, f64)> {
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
    pub(crate) fn pss_mib(&self) -> f64 {
        median(
            &self
                .launches
                .iter()
                .map(|l| l.pss as f64 / 1024.0)
                .collect::<Vec<_>>(),
        )
    }
    pub(crate) fn processes(&self) -> String {
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

/// The labels of the bare window's rows: as Tauri starts it, and with the
/// painting Specwright chooses on a machine without a GPU.
pub(crate) const BARE: &str = "Bare Tauri 2 window";
pub(crate) const BARE_CPU_PAINTING: &str =
    "Bare Tauri 2 window, painting on the CPU as Specwright does";

/// Start and memory of each kind of window: the bare window first (what the
/// ratios are against), the app with each document, and the bare window with
/// the app's painting choice (so the ratios can be read without that choice).
pub(crate) async fn startups(
    o: &Options,
    docs: &[Doc],
    clock: &BootClock,
    painting: &[(String, String)],
) -> Vec<Startup> {
    let spec = &docs[0];
    let big = &docs[1];
    let bare = |label: &str, env| Kind {
        label: label.into(),
        binary: &o.bare,
        args: vec![],
        selector: "#hello",
        needle: "Hello".into(),
        env,
    };
    let app = |doc: &Doc| Kind {
        label: format!("Specwright, {} open", doc.label),
        binary: &o.app,
        args: vec![doc.path.display().to_string()],
        selector: ".cm-content",
        needle: doc.first_line.clone(),
        env: &[],
    };
    let cpu_painting = as_env(painting);
    let mut kinds = vec![bare(BARE, &[]), app(spec), app(big)];
    if !painting.is_empty() {
        kinds.push(bare(BARE_CPU_PAINTING, &cpu_painting));
    }
    kinds.extend(o.also.iter().map(|(label, binary)| Kind {
        binary,
        ..bare(label, &cpu_painting)
    }));
    let mut results: Vec<Startup> = kinds
        .iter()
        .map(|k| Startup {
            label: k.label.clone(),
            launches: Vec::new(),
            idle_cpu: f64::NAN,
            load: String::new(),
        })
        .collect();
    let mut loads = Vec::new();
    // One warm-up launch of each (page cache), then interleaved runs.
    for round in 0..=o.runs {
        for (i, kind) in kinds.iter().enumerate() {
            let launch = launch_once(kind, clock).await;
            eprintln!(
                "  {}{}: painted {:.3} s, WebDriver sees it {:.3} s (session {:.3} s), PSS {:.0} MiB",
                results[i].label,
                if round == 0 { " (warm-up)" } else { "" },
                launch.painted.unwrap_or(f64::NAN),
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
    summary(&results);
    for (i, kind) in kinds.iter().enumerate() {
        results[i].idle_cpu = idle_cpu(kind).await;
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
