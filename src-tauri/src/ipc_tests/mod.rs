//! The commands as the UI calls them: through Tauri's IPC on its mock runtime,
//! with the app's own handler, context (so its capabilities decide what may be
//! called) and state. Only the people are replaced: dialogs answer from a
//! folder (see `dialogs`), and every folder is a temporary one.

mod documents;
mod live;
mod security;
mod spelling;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, Manager, WebviewWindow, WebviewWindowBuilder};

use crate::dialogs::{self, Dialogs};
use crate::ipc::SHELL_EVENT;
use crate::spelling::SpellingState;
use crate::state::AppState;

/// One run of the app on the mock runtime, with its main window.
pub struct Shell {
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    pub home: Home,
    events: mpsc::Receiver<Value>,
}

/// The folders a run of the app uses; a later run given the same `Home` finds
/// the settings and drafts the earlier one left.
pub struct Home {
    dir: tempfile::TempDir,
    /// Spell checking looks for dictionaries only in `<config>/hunspell`.
    own_dictionaries_only: bool,
}

impl Home {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join("dialogs")).unwrap();
        std::fs::create_dir_all(dir.path().join("docs")).unwrap();
        Self {
            dir,
            own_dictionaries_only: false,
        }
    }

    /// This home's runs find no dictionary but those in `<config>/hunspell`,
    /// for German and US English whatever the machine's locale.
    pub fn without_system_dictionaries(mut self) -> Self {
        self.own_dictionaries_only = true;
        self
    }

    /// Where the scripted dialogs save to and read `open.txt` from.
    pub fn dialogs(&self) -> PathBuf {
        self.dir.path().join("dialogs")
    }

    /// The app's config folder (settings, the user's templates and words).
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// A folder for documents the tests write themselves.
    pub fn docs(&self) -> PathBuf {
        self.dir.path().join("docs")
    }

    /// Writes `bytes` as `name` in [`Home::docs`].
    pub fn doc(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.docs().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Open dialogs answer `path` from now on.
    pub fn answer_open(&self, path: &Path) {
        std::fs::write(
            self.dialogs().join(dialogs::OPEN_ANSWER),
            path.display().to_string(),
        )
        .unwrap();
    }
}

impl Shell {
    /// Starts the app in a fresh home.
    pub fn start() -> Self {
        Self::start_in(Home::new(), None)
    }

    /// Starts the app in `home`, as if launched with `launch_file` on the command line.
    pub fn start_in(home: Home, launch_file: Option<PathBuf>) -> Self {
        let root = home.dir.path();
        let mut state = AppState::new(
            &home.config(),
            &crate::commands::recovery::drafts_dir(&root.join("data")),
            launch_file,
            Dialogs::Scripted(home.dialogs()),
        );
        if home.own_dictionaries_only {
            let own = vec![home.config().join("hunspell")];
            let languages = ["de_DE", "en_US"].map(String::from).to_vec();
            state.spelling = SpellingState::searching(&home.config(), own, languages);
        }
        let app = crate::with_commands(mock_builder())
            .manage(state)
            .build(crate::context())
            .expect("the app builds on the mock runtime");
        let window = crate::main_window(app.handle()).expect("the main window");
        let (tx, events) = mpsc::channel();
        app.listen_any(SHELL_EVENT, move |event| {
            let _ = tx.send(serde_json::from_str(event.payload()).unwrap_or(Value::Null));
        });
        Self {
            app,
            window,
            home,
            events,
        }
    }

    /// Ends this run as a crash or a kill would: the window is never closed, so
    /// nothing the UI would clean up on closing is. The file watch ends, as it
    /// does with the process (its thread holds the app, which would otherwise
    /// keep watching the folder the next run uses).
    pub fn crash(self) -> Home {
        self.state().watcher.stop();
        self.home
    }

    /// Invokes `command` from the main window with `args`.
    pub fn call(&self, command: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, command, args)
    }

    /// Invokes `command`, which must succeed.
    pub fn ok(&self, command: &str, args: Value) -> Value {
        self.call(command, args)
            .unwrap_or_else(|error| panic!("{command} failed: {error}"))
    }

    /// Invokes `command`, which must fail with the error `kind`; returns the message.
    pub fn fails(&self, command: &str, args: Value, kind: &str) -> String {
        let error = match self.call(command, args) {
            Ok(answer) => panic!("{command} succeeded with {answer}, expected {kind}"),
            Err(error) => error,
        };
        assert_eq!(error["kind"], kind, "{command}: {error}");
        error["message"].as_str().unwrap_or_default().to_owned()
    }

    /// A second window, labelled `label`, in the same app.
    pub fn other_window(&self, label: &str) -> WebviewWindow<MockRuntime> {
        WebviewWindowBuilder::new(&self.app, label, Default::default())
            .build()
            .expect("a second window")
    }

    /// The next event the shell sends the UI, if one comes within `wait`.
    pub fn next_event(&self, wait: Duration) -> Option<Value> {
        self.events.recv_timeout(wait).ok()
    }

    /// The shell's state, to check what the UI cannot see (e.g. the dirty flag).
    pub fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// Starts a document from the built-in template `id`, as the picker does.
    pub fn new_from(&self, id: &str, title: &str) -> Value {
        self.ok(
            "create_document",
            json!({ "request": { "template_id": id, "title": title, "owner": "Ada Lovelace" } }),
        )
    }
}

/// Invokes `command` from `window`, as `invoke` in the UI does.
pub fn invoke(
    window: &WebviewWindow<MockRuntime>,
    command: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}
