//! Keystroke → preview painted, typed in the real window, and the breakdown
//! through the app's `analyze` command alone.

use std::time::Duration;

use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::Options;
use crate::documents::Doc;
use crate::harness::{Session, as_env};
use crate::stats::loadavg;

/// The app's editor and preview, as the probes find them.
const EDITOR: &str = ".cm-content";
const PREVIEW: &str = "[data-testid=preview]";

const EDITOR_SHOWS: &str = "const el = document.querySelector('.cm-content'); return !!el && el.textContent.includes(arguments[0]);";
const PREVIEW_SHOWS: &str = "const el = document.querySelector('[data-testid=preview]'); return !!el && el.textContent.includes(arguments[0]);";

/// Arms the in-page probe for one keystroke whose effect, a new node holding
/// `arguments[0]`, will appear under `arguments[1]` (the preview); `arguments[2]`,
/// when not null, is the editor, whose active line shows the typed character.
const ARM: &str = r#"
const [expected, targetSelector, editorSelector] = arguments;
const target = document.querySelector(targetSelector);
if (!window.__wbKeydown) {
  window.__wbKeydown = true;
  window.addEventListener('keydown', (e) => {
    const st = window.__wb;
    if (st && st.t0 === null) { st.t0 = performance.now(); st.stamp = e.timeStamp; }
  }, true);
}
const st = { t0: null, stamp: null, echo: null, dom: null, raf: null, paint: null, collect: null };
window.__wb = st;
// The editor shows the typed character (typing is not held up by the preview).
if (editorSelector) {
  const editor = document.querySelector(editorSelector);
  const echo = new MutationObserver(() => {
    const line = editor.querySelector('.cm-activeLine');
    if (st.echo === null && line && line.textContent.includes(expected)) {
      st.echo = performance.now();
      echo.disconnect();
    }
  });
  echo.observe(editor, { childList: true, subtree: true, characterData: true });
}
const obs = new MutationObserver((records) => {
  if (st.dom !== null) return;
  for (const r of records) for (const n of r.addedNodes) {
    if (n.textContent && n.textContent.includes(expected)) {
      st.dom = performance.now();
      if (st.echo === null) st.echo = st.dom;
      obs.disconnect();
      requestAnimationFrame(() => {
        st.raf = performance.now();
        setTimeout(() => { st.paint = performance.now(); st.collect?.(); }, 0);
      });
      return;
    }
  }
});
obs.observe(target, { childList: true, subtree: true });
return true;
"#;

/// Waits (in the page) for the armed probe to finish; returns its times or null after
/// 25 s. Told by the probe when it is done rather than polling: a timer firing every
/// millisecond on the page's thread would be in the very interval measured.
const COLLECT: &str = r#"
const done = arguments[arguments.length - 1];
const st = window.__wb;
const times = () => ({ t0: st.t0, stamp: st.stamp, echo: st.echo, dom: st.dom, raf: st.raf, paint: st.paint });
if (st.paint !== null) done(times());
else {
  const timeout = setTimeout(() => done(null), 25000);
  st.collect = () => { clearTimeout(timeout); done(times()); };
}
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
const st = { t0: null, stamp: null, echo: null, dom: null, raf: null, paint: null, collect: null };
window.__wb = st;
const obs = new MutationObserver(() => {
  if (st.dom !== null || preview.dataset.version === before) return;
  st.dom = performance.now();
  obs.disconnect();
  requestAnimationFrame(() => setTimeout(() => { st.paint = performance.now(); st.collect?.(); }, 0));
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

pub(crate) struct Keystrokes {
    pub(crate) doc_label: &'static str,
    pub(crate) bytes: usize,
    pub(crate) target_ms: Option<f64>,
    /// keydown → the editor shows the character.
    pub(crate) echo: Vec<f64>,
    /// keydown → frame after the preview change (painted).
    pub(crate) paint: Vec<f64>,
    /// keydown → preview DOM changed.
    pub(crate) dom: Vec<f64>,
    /// Enter in a paragraph in the middle of the document: keydown → the last
    /// block's new line numbers, and → the frame after that (painted).
    pub(crate) enter_dom: Vec<f64>,
    pub(crate) enter_paint: Vec<f64>,
    pub(crate) failed: usize,
    /// In-page round trip of the `analyze` command alone (IPC + engine), ms:
    /// the whole text, and one edit to it.
    pub(crate) analyze: Vec<f64>,
    pub(crate) analyze_edit: Vec<f64>,
    pub(crate) load_before: String,
    pub(crate) load_after: String,
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

pub(crate) async fn keystrokes(o: &Options, doc: &Doc) -> Keystrokes {
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
    let timed = type_and_time(&s, &editor, &mut typed, o, PREVIEW, Some(EDITOR)).await;
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
    let Timed {
        echo,
        dom,
        paint,
        failed,
    } = timed;
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

/// Keystroke times (ms, sorted) after the warm-up: keydown → the editor shows the
/// character, → the target shows the effect, → the frame after that (painted).
struct Timed {
    echo: Vec<f64>,
    dom: Vec<f64>,
    paint: Vec<f64>,
    failed: usize,
}

/// Types `x` into `element` `o.warmup + o.samples` times, one at a time, each
/// timed by the in-page probe until a node holding `typed` appears under `target`.
async fn type_and_time(
    s: &Session,
    element: &fantoccini::elements::Element,
    typed: &mut String,
    o: &Options,
    target: &str,
    editor: Option<&str>,
) -> Timed {
    let (mut echo, mut paint, mut dom, mut failed) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for i in 0..o.warmup + o.samples {
        typed.push('x');
        let armed = s
            .js(ARM, vec![json!(typed), json!(target), json!(editor)])
            .await;
        assert_eq!(armed, Value::Bool(true), "could not arm the probe");
        element.send_keys("x").await.unwrap();
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
        // Let the work this keystroke started (checklist, findings) finish first.
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    for list in [&mut echo, &mut dom, &mut paint] {
        list.sort_by(f64::total_cmp);
    }
    Timed {
        echo,
        dom,
        paint,
        failed,
    }
}

/// The floor under every keystroke figure: the bare window's echo page
/// (`crates/bare-window/dist/echo.html`), where a textarea's `input` handler
/// copies the text into another element synchronously — the least any page can
/// do between a keystroke and showing its effect elsewhere — timed the same way,
/// with WebKit's defaults and with the painting Specwright chooses without a GPU.
pub(crate) struct Floor {
    pub(crate) label: &'static str,
    pub(crate) dom: Vec<f64>,
    pub(crate) paint: Vec<f64>,
    pub(crate) failed: usize,
    pub(crate) load: String,
}

pub(crate) async fn floors(o: &Options, painting: &[(String, String)]) -> Vec<Floor> {
    let mut floors = vec![floor(o, "as Tauri starts it", &[]).await];
    if !painting.is_empty() {
        let label = "painting on the CPU as Specwright does";
        floors.push(floor(o, label, &as_env(painting)).await);
    }
    floors
}

async fn floor(o: &Options, label: &'static str, env: &[(&str, &str)]) -> Floor {
    let s = Session::launch_with_env(&o.bare, &[], env).await;
    s.poll_until(
        "the bare window shows its page",
        "return !!document.getElementById('hello');",
        vec![],
        Duration::from_millis(50),
    )
    .await;
    s.client
        .goto("tauri://localhost/echo.html")
        .await
        .expect("the bare window's echo page");
    let input = s.element("#input").await;
    input.click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut typed = String::new();
    let timed = type_and_time(&s, &input, &mut typed, o, "#echo", None).await;
    s.quit().await;
    Floor {
        label,
        dom: timed.dom,
        paint: timed.paint,
        failed: timed.failed,
        load: loadavg(),
    }
}
