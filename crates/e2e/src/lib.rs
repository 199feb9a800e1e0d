//! Harness for Specwright's end-to-end tests: starts a display if needed, a
//! `tauri-driver` per test with its own HOME/XDG folders, launches the debug
//! `specwright-app` binary and offers the few actions the flows need.
//!
//! Dialogs are scripted: the app is started with `SPECWRIGHT_FAKE_DIALOGS=<dir>`,
//! so "Save as" writes `<dir>/<suggested name>` and "Open" reads the path in
//! `<dir>/open.txt`.

pub mod bus;
pub mod display;
pub mod dnd;
pub mod driver;
pub mod window;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
pub use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

/// Only one app window at a time: they would share the driver ports and the display.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How long to wait for the UI to react before failing.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// One running app, driven through WebDriver.
pub struct App {
    pub client: Client,
    /// Scratch folder: HOME, config, the scripted dialog folder, documents.
    pub dir: tempfile::TempDir,
    name: String,
    driver: driver::TauriDriver,
    native_dialogs: bool,
    /// Variables set for the app besides the scratch folders (see [`App::launch_with_env`]).
    env: &'static [(&'static str, &'static str)],
    /// The launch's own D-Bus session bus, when the test asked for one.
    bus: Option<bus::SessionBus>,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl App {
    /// Launches the app for the test `name` with optional command-line `args`.
    pub async fn launch(name: &str, args: &[&str]) -> App {
        Self::launch_in(name, args, false, &[]).await
    }

    /// Launches the app with `env` set, as a desktop session would set it (e.g.
    /// `GTK_THEME` for a dark desktop); a relaunch keeps it.
    pub async fn launch_with_env(
        name: &str,
        args: &[&str],
        env: &'static [(&'static str, &'static str)],
    ) -> App {
        Self::launch_in(name, args, false, env).await
    }

    /// Launches the app with the platform's own file dialogs (GTK's), which a
    /// test answers with [`App::press_native_keys`] and [`App::type_native_text`].
    pub async fn launch_with_native_dialogs(name: &str) -> App {
        Self::launch_in(name, &[], true, &[]).await
    }

    /// Launches the app with a D-Bus session bus of its own, as on a desktop: the
    /// bus through which a second launch ([`App::launch_again`]) finds this one.
    pub async fn launch_with_session_bus(name: &str, args: &[&str]) -> App {
        let turn = ONE_AT_A_TIME.lock().await;
        display::ensure();
        let dir = driver::scratch_dir(&format!("specwright-e2e-{name}-"));
        let bus = bus::SessionBus::start(&dir.path().join("bus"));
        Self::start_in(dir, name, args, false, &[], Some(bus), turn).await
    }

    async fn launch_in(
        name: &str,
        args: &[&str],
        native_dialogs: bool,
        env: &'static [(&'static str, &'static str)],
    ) -> App {
        let turn = ONE_AT_A_TIME.lock().await;
        display::ensure();
        let dir = driver::scratch_dir(&format!("specwright-e2e-{name}-"));
        Self::start_in(dir, name, args, native_dialogs, env, None, turn).await
    }

    /// Starts the app binary once more, as a file manager does when a file is
    /// double-clicked (same HOME, folders, display and bus, not through WebDriver;
    /// in HOME, so relative paths are found there), and waits for that launch to
    /// end; returns how it ended.
    pub fn launch_again(&self, args: &[&str]) -> std::process::ExitStatus {
        let dir = self.dir.path();
        let mut launch = std::process::Command::new(app_binary())
            .args(args)
            .current_dir(dir.join("home"))
            .envs(driver::launch_env(dir))
            .envs(self.env.iter().copied())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("the app binary");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = launch.try_wait().expect("the second launch") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = launch.kill();
                let _ = launch.wait();
                panic!(
                    "the second launch was still running after {TIMEOUT:?}: it opened a window of its own"
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ends this session and launches the app again in the same folders (HOME,
    /// config, data, dialogs), as a person restarting it would — e.g. after the
    /// app was killed, to see what it recovers.
    pub async fn relaunch(self, args: &[&str]) -> App {
        let App {
            client,
            dir,
            name,
            driver,
            native_dialogs,
            env,
            bus,
            _turn: turn,
        } = self;
        let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
        driver.stop();
        Self::start_in(dir, &name, args, native_dialogs, env, bus, turn).await
    }

    async fn start_in(
        dir: tempfile::TempDir,
        name: &str,
        args: &[&str],
        native_dialogs: bool,
        env: &'static [(&'static str, &'static str)],
        bus: Option<bus::SessionBus>,
        turn: tokio::sync::MutexGuard<'static, ()>,
    ) -> App {
        let driver =
            driver::TauriDriver::start_with_env(dir.path(), driver::E2E_PORTS, native_dialogs, env);
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let client = driver
            .new_session(&app_binary(), &args, TIMEOUT)
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        let app = App {
            client,
            dir,
            name: name.to_owned(),
            driver,
            native_dialogs,
            env,
            bus,
            _turn: turn,
        };
        app.wait_for(".toolbar").await;
        app
    }

    /// The scripted dialog folder (save-as target, `open.txt`).
    pub fn dialogs(&self) -> PathBuf {
        self.dir.path().join("dialogs")
    }

    /// Where the app keeps drafts of unsaved changes.
    pub fn drafts_dir(&self) -> PathBuf {
        self.dir.path().join("data/app.specwright.editor/drafts")
    }

    /// The drafts the app keeps now.
    pub fn draft_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.drafts_dir())
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.to_string_lossy().ends_with(".draft.json"))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Opens the export dialog from the toolbar and waits for its pre-flight check.
    pub async fn open_export_dialog(&self) {
        self.click("[data-testid=toolbar-export]").await;
        self.wait_for("[data-testid=export-dialog]").await;
        self.wait_until(
            "the pre-flight check is done",
            "return !document.querySelector('[data-testid=export-confirm]').disabled;",
            vec![],
        )
        .await;
    }

    /// Exports as `format` (File → Export…) and waits for the toast naming `file`; returns its path.
    pub async fn export_as(&self, format: &str, file: &str) -> PathBuf {
        self.open_export_dialog().await;
        self.click(&format!("[data-testid=export-format-{format}]"))
            .await;
        self.click("[data-testid=export-confirm]").await;
        self.wait_for_text("[data-testid=toast]", &format!("Exported to {file}"))
            .await;
        self.wait_until(
            "the export dialog is closed",
            "return !document.querySelector('[data-testid=export-dialog]');",
            vec![],
        )
        .await;
        let path = self.dialogs().join(file);
        assert!(path.is_file(), "{} was not written", path.display());
        path
    }

    /// Makes the next "Open…" pick `path`.
    pub fn answer_open_with(&self, path: &Path) {
        std::fs::write(self.dialogs().join("open.txt"), path.display().to_string()).unwrap();
    }

    /// Waits for an element matching `css` to exist and be displayed.
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await
                && el.is_displayed().await.unwrap_or(false)
            {
                return el;
            }
            if Instant::now() > deadline {
                self.screenshot(&format!("{}-timeout", self.name)).await;
                panic!("timed out waiting for `{css}`");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `script` (a JS function body returning a value) returns `true`.
    pub async fn wait_until(&self, what: &str, script: &str, args: Vec<Value>) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.client.execute(script, args.clone()).await.ok() == Some(Value::Bool(true)) {
                return;
            }
            if Instant::now() > deadline {
                self.screenshot(&format!("{}-timeout", self.name)).await;
                panic!("timed out waiting until {what}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of `css` contains `needle`.
    pub async fn wait_for_text(&self, css: &str, needle: &str) {
        let script = "const el = document.querySelector(arguments[0]); return !!el && el.textContent.includes(arguments[1]);";
        self.wait_until(
            &format!("`{css}` shows “{needle}”"),
            script,
            vec![json!(css), json!(needle)],
        )
        .await;
    }

    /// Scrolls the element into view (nested scroll areas included) and clicks it.
    pub async fn click(&self, css: &str) {
        let el = self.wait_for(css).await;
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); return true;",
                vec![serde_json::to_value(&el).unwrap()],
            )
            .await;
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e:?}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap()
    }

    /// Runs JS and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// Types into the focused editor. `\n` is sent as the Enter key
    /// (WebKitWebDriver drops newlines in send_keys).
    pub async fn type_in_editor(&self, text: &str) {
        let editor = self.wait_for(".cm-content").await;
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                editor
                    .send_keys(&char::from(Key::Enter).to_string())
                    .await
                    .unwrap();
            }
            if !line.is_empty() {
                editor.send_keys(line).await.unwrap();
            }
        }
    }

    /// Puts the cursor at the end of the document.
    pub async fn editor_to_end(&self) {
        self.click(".cm-content").await;
        let keys = format!(
            "{}{}{}",
            char::from(Key::Control),
            char::from(Key::End),
            char::from(Key::Control)
        );
        self.wait_for(".cm-content")
            .await
            .send_keys(&keys)
            .await
            .unwrap();
    }

    /// Presses Ctrl+`key` in the page.
    pub async fn shortcut(&self, key: char) {
        self.chord(&[Key::Control], key).await;
    }

    /// Presses `key` with `modifiers` held (e.g. Ctrl+Shift+E), in the editor
    /// when there is one, else in the page.
    pub async fn chord(&self, modifiers: &[Key], key: char) {
        let held: String = modifiers.iter().map(|m| char::from(*m)).collect();
        // Sending a modifier a second time releases it.
        let keys = format!("{held}{key}{held}");
        let target = match self.client.find(Locator::Css(".cm-content")).await {
            Ok(editor) => editor,
            Err(_) => self.client.find(Locator::Css("body")).await.unwrap(),
        };
        target.send_keys(&keys).await.unwrap();
    }

    /// Starts a new document from `template` through the picker.
    pub async fn new_from_template(&self, template: &str, title: &str, owner: &str) {
        let on_start = self
            .js("return !document.querySelector('[data-testid=start-screen]').hidden;")
            .await;
        if on_start == Value::Bool(true) {
            self.click("[data-testid=new-from-template]").await;
        } else {
            self.click("[data-testid=toolbar-new]").await;
        }
        self.click(&format!("[data-testid=template-{template}]"))
            .await;
        self.wait_for("[data-testid=template-preview] h1, [data-testid=template-preview] h2")
            .await;
        let title_input = self.wait_for("[data-testid=template-title]").await;
        title_input.send_keys(title).await.unwrap();
        self.wait_for("[data-testid=template-owner]")
            .await
            .send_keys(owner)
            .await
            .unwrap();
        self.click("[data-testid=create-document]").await;
        self.wait_for(".cm-content").await;
        self.wait_for("[data-testid=preview] > *").await;
    }

    /// Saves a PNG of the window to `crates/e2e/screenshots/<name>.png`.
    ///
    /// WebKitWebDriver (WebKitGTK 2.50) takes a screenshot after the page's next
    /// presentation; in WebKit's non-composited mode, which the app uses without
    /// a GPU (`src-tauri/src/rendering.rs`), a page with nothing changing never
    /// presents again and the request never returns. So the page keeps changing
    /// one invisible pixel for two seconds first. A screenshot that still does not
    /// come back fails the test: the WebDriver client sends one request at a time,
    /// so every later command would wait behind it.
    pub async fn screenshot(&self, name: &str) {
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        match self.presented(name, self.client.screenshot()).await {
            Ok(png) => std::fs::write(dir.join(format!("{name}.png")), png).unwrap(),
            Err(err) => eprintln!("screenshot {name} failed: {err}"),
        }
    }

    /// Takes `screenshot` once the page presents again (see [`App::screenshot`]);
    /// fails the test if WebKitWebDriver does not answer within 15 s.
    async fn presented(
        &self,
        what: &str,
        screenshot: impl std::future::Future<Output = Result<Vec<u8>, fantoccini::error::CmdError>>,
    ) -> Result<Vec<u8>, fantoccini::error::CmdError> {
        let _ = self.client.execute(KEEP_PRESENTING, vec![]).await;
        tokio::time::timeout(Duration::from_secs(15), screenshot)
            .await
            .unwrap_or_else(|_| {
                panic!("screenshot {what}: WebKitWebDriver did not answer within 15 s")
            })
    }

    /// Ends the session and the driver (gracefully, so WebKitWebDriver exits too).
    /// Works when the app has already exited (a test closed its window): the
    /// session's end is then refused or never answered, which is fine.
    pub async fn quit(self) {
        let App { client, driver, .. } = self;
        let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
        driver.stop();
    }
}

/// Polls `check` (a condition outside the window, e.g. on disk) until it holds.
pub async fn wait_until_true(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `crates/e2e/screenshots` of the checkout being tested. Read when the tests run
/// (cargo sets `CARGO_MANIFEST_DIR` for them): the shared target directory may hold
/// this crate built from another clone, whose path `env!` would have kept.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("screenshots")
}

/// The debug app binary next to this test's own target directory.
fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("SPECWRIGHT_APP") {
        return path.into();
    }
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/app-<hash>
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let app = profile_dir.join("specwright-app");
    assert!(
        app.is_file(),
        "{} not found; run scripts/build-app.sh first",
        app.display()
    );
    app
}

impl App {
    /// Clicks the checkbox of the preview's task item whose text contains `text`.
    pub async fn click_preview_task(&self, text: &str) {
        let script = "const li = [...document.querySelectorAll('[data-testid=preview] li')].find(li => li.textContent.includes(arguments[0])); if (!li) return false; li.querySelector('input').setAttribute('data-e2e-target', '1'); return true;";
        self.wait_until(
            &format!("the preview lists “{text}”"),
            script,
            vec![serde_json::json!(text)],
        )
        .await;
        self.click("[data-e2e-target='1']").await;
        let _ = self.js("document.querySelectorAll('[data-e2e-target]').forEach(e => e.removeAttribute('data-e2e-target')); return true;").await;
    }
}

impl App {
    /// The process id of this test's app (not its WebKit helpers, nor the drivers,
    /// which share its environment), if it is running.
    pub fn app_pid(&self) -> Option<u32> {
        self.driver.launched(&app_binary())
    }

    /// Does what a window manager does when the user clicks the window's ×: sends
    /// `WM_DELETE_WINDOW` to the app's top-level window (see [`window`]).
    pub async fn request_close(&self) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let asked = match self.app_pid() {
                Some(pid) => window::request_close(pid)
                    .unwrap_or_else(|e| panic!("X11 close request to the app window: {e}")),
                None => 0,
            };
            if asked > 0 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no visible app window that takes WM_DELETE_WINDOW"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Drops `files` on the app window as a file manager does (see [`dnd`]);
    /// returns whether the window accepted them.
    pub async fn drop_files(&self, files: &[&Path]) -> bool {
        let pid = self.app_pid().expect("the app is running");
        dnd::drop_files(pid, files, TIMEOUT)
            .unwrap_or_else(|e| panic!("dropping {files:?} on the app window: {e}"))
    }

    /// Presses X11 key `strokes` (see [`window::press_keys`] and
    /// [`window::keysym`]) on the app window as a keyboard does, reaching the
    /// native menu bar and its accelerators.
    pub async fn press_native_keys(&self, strokes: &[&[u32]]) {
        let pid = self.app_pid().expect("the app is running");
        let strokes: Vec<Vec<u32>> = strokes.iter().map(|s| s.to_vec()).collect();
        tokio::task::spawn_blocking(move || {
            let strokes: Vec<&[u32]> = strokes.iter().map(Vec::as_slice).collect();
            window::press_keys(pid, &strokes, Duration::from_millis(250))
                .unwrap_or_else(|e| panic!("pressing keys on the app window: {e}"))
        })
        .await
        .unwrap();
    }

    /// Right-clicks the middle of the first text in the editor that reads
    /// `word`, as a mouse does (a real `contextmenu` event, through XTest).
    pub async fn right_click_editor_word(&self, word: &str) {
        self.click_editor_word(word, 3).await;
    }

    /// Clicks mouse `button` (1 left, 3 right) on the middle of the first text
    /// in the editor that reads `word`, as a mouse does (through XTest).
    pub async fn click_editor_word(&self, word: &str, button: u8) {
        let at = self
            .client
            .execute(
                r#"const [word] = arguments;
                const walker = document.createTreeWalker(document.querySelector(".cm-content"), NodeFilter.SHOW_TEXT);
                for (let node; (node = walker.nextNode()); ) {
                  const at = node.data.indexOf(word);
                  if (at < 0) continue;
                  const range = document.createRange();
                  range.setStart(node, at);
                  range.setEnd(node, at + word.length);
                  const r = range.getBoundingClientRect();
                  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2), window.innerHeight];
                }
                return null;"#,
                vec![json!(word)],
            )
            .await
            .unwrap();
        let [x, y, height] = serde_json::from_value::<[i16; 3]>(at.clone())
            .unwrap_or_else(|_| panic!("no text {word:?} in the editor ({at})"));
        let pid = self.app_pid().expect("the app is running");
        tokio::task::spawn_blocking(move || {
            window::click_in_page(pid, x, y, height as u16, button)
                .unwrap_or_else(|e| panic!("clicking the app window: {e}"))
        })
        .await
        .unwrap();
    }

    /// How many native pop-up menus (GTK's) the display shows now.
    pub fn native_popups(&self) -> usize {
        let pid = self.app_pid().expect("the app is running");
        window::popup_count(pid).unwrap_or_else(|e| panic!("counting pop-up menus: {e}"))
    }

    /// A PNG of the element `css` (after the page presented again, see
    /// [`App::screenshot`]).
    pub async fn element_png(&self, css: &str) -> Vec<u8> {
        let element = self.wait_for(css).await;
        self.presented(css, element.screenshot())
            .await
            .unwrap_or_else(|err| panic!("screenshot of {css} failed: {err}"))
    }

    /// Types `text` (printable ASCII) into the app's top-most window — a native
    /// dialog's focused field, say — as a keyboard does.
    pub async fn type_native_text(&self, text: &str) {
        let pid = self.app_pid().expect("the app is running");
        let text = text.to_owned();
        tokio::task::spawn_blocking(move || {
            window::type_text(pid, &text)
                .unwrap_or_else(|e| panic!("typing into the app window: {e}"))
        })
        .await
        .unwrap();
    }

    /// Waits until the app shows `count` top-level windows (a native dialog is one).
    pub async fn wait_for_windows(&self, count: usize) {
        assert!(
            self.windows_within(count, TIMEOUT).await,
            "the app does not show {count} windows"
        );
    }

    /// Whether the app shows `count` top-level windows within `time`.
    async fn windows_within(&self, count: usize, time: Duration) -> bool {
        let pid = self.app_pid().expect("the app is running");
        let deadline = Instant::now() + time;
        while window::top_level_window_count(pid).unwrap_or(0) != count {
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        true
    }

    /// Answers the GTK file dialog the app shows with `path`, as a person typing
    /// it: `field` (Ctrl+L for Open's location bar, Ctrl+A to select Save's name),
    /// the path, Return. GTK's completion may take the first Return, so Return is
    /// pressed again (up to three times) until the dialog is gone.
    pub async fn answer_native_dialog(&self, field: u32, path: &Path) {
        self.wait_for_windows(2).await;
        self.press_native_keys(&[&[window::keysym::CONTROL, field]])
            .await;
        self.type_native_text(&path.display().to_string()).await;
        self.accept_native_dialog().await;
    }

    /// Presses Return in the GTK file dialog the app shows, taking what it
    /// proposes, until it is gone (up to three times: see [`Self::answer_native_dialog`]).
    pub async fn accept_native_dialog(&self) {
        self.wait_for_windows(2).await;
        for _ in 0..3 {
            self.press_native_keys(&[&[window::keysym::RETURN]]).await;
            if self.windows_within(1, Duration::from_secs(2)).await {
                return;
            }
        }
        panic!("the file dialog did not close on Return");
    }

    /// Clicks something that makes the app exit: the click's reply may be an error
    /// or never come once the window is gone, so neither counts as a failure.
    pub async fn click_to_exit(&self, css: &str) {
        let el = self.wait_for(css).await;
        let _ = tokio::time::timeout(Duration::from_secs(5), el.click()).await;
    }

    /// Waits until the app process has exited; panics after [`TIMEOUT`].
    pub async fn wait_exited(&self) {
        let deadline = Instant::now() + TIMEOUT;
        while self.app_pid().is_some() {
            if Instant::now() > deadline {
                self.screenshot(&format!("{}-timeout", self.name)).await;
                panic!("the app did not exit");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Changes one invisible pixel on every frame for the next two seconds (see
/// [`App::screenshot`]).
const KEEP_PRESENTING: &str = r#"
const dot = document.createElement('div');
dot.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none';
document.body.append(dot);
const until = performance.now() + 2000;
let frames = 0;
const tick = () => {
  dot.textContent = String(frames++ % 2);
  if (performance.now() < until) requestAnimationFrame(tick);
  else dot.remove();
};
requestAnimationFrame(tick);
return true;
"#;
