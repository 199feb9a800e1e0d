//! `tauri-driver` for one launch, with its own HOME and XDG folders so settings and
//! recent files never leak between tests or into the developer's own. Shared by
//! the end-to-end tests and `crates/window-bench`.

use std::ffi::OsString;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// The WebDriver port and the port of the WebKitWebDriver behind it.
#[derive(Clone, Copy, Debug)]
pub struct Ports {
    pub driver: u16,
    pub native: u16,
}

/// The end-to-end tests' ports (the window benchmark has its own, so both can run).
pub const E2E_PORTS: Ports = Ports {
    driver: 4444,
    native: 4445,
};

pub struct TauriDriver {
    child: Child,
    ports: Ports,
    /// The per-test folder, used to find the app processes this test started.
    dir: PathBuf,
}

impl TauriDriver {
    /// Starts the driver for a launch whose scratch folder is `dir` (it must hold
    /// `home`, `config`, `data`, `cache` and `dialogs`). The app it starts answers
    /// file dialogs from `dir/dialogs` unless `native_dialogs`.
    pub fn start(dir: &Path, ports: Ports, native_dialogs: bool) -> Self {
        Self::start_with_env(dir, ports, native_dialogs, &[])
    }

    /// [`TauriDriver::start`], with `env` set for the driver and the app it starts.
    pub fn start_with_env(
        dir: &Path,
        ports: Ports,
        native_dialogs: bool,
        env: &[(&str, &str)],
    ) -> Self {
        let port = ports.driver;
        let mut command = Command::new(binary());
        command.envs(launch_env(dir));
        command.envs(env.iter().copied());
        if !native_dialogs {
            command.env("SPECWRIGHT_FAKE_DIALOGS", dir.join("dialogs"));
        }
        let child = command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &ports.native.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver not found; run scripts/setup-system.sh");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start listening on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            ports,
            dir: dir.to_path_buf(),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.ports.driver)
    }

    /// Opens a WebDriver session that launches `binary` with `args`. A
    /// new-session request can hang for good when the app dies on start
    /// (WebKitWebDriver keeps waiting for it), so the whole attempt has a
    /// deadline `within`; refused requests are retried until then.
    pub async fn new_session(
        &self,
        binary: &Path,
        args: &[String],
        within: Duration,
    ) -> Result<Client, String> {
        let Value::Object(capabilities) = json!({
            "browserName": "wry",
            "tauri:options": { "application": binary, "args": args },
        }) else {
            unreachable!()
        };
        let deadline = Instant::now() + within;
        loop {
            let mut builder = ClientBuilder::native();
            builder.capabilities(capabilities.clone());
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, builder.connect(&self.url())).await {
                Ok(Ok(client)) => return Ok(client),
                Ok(Err(err)) if Instant::now() > deadline => {
                    return Err(format!("could not start a WebDriver session: {err}"));
                }
                Ok(Err(_)) => tokio::time::sleep(Duration::from_millis(50)).await,
                Err(_) => {
                    return Err(format!(
                        "the app window did not come up within {}s (see the app's messages above)",
                        within.as_secs()
                    ));
                }
            }
        }
    }

    /// The process of `binary` this driver's launch started, found by its own
    /// config folder. A binary rebuilt while it runs shows as "<path> (deleted)".
    pub fn launched(&self, binary: &Path) -> Option<u32> {
        let wanted = binary.file_name()?.to_string_lossy().into_owned();
        processes_with_env("XDG_CONFIG_HOME", &self.dir.join("config"))
            .into_iter()
            .find(|pid| {
                std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| {
                    let name = exe.file_name().unwrap_or_default().to_string_lossy();
                    name.trim_end_matches(" (deleted)") == wanted
                })
            })
    }

    /// SIGTERM, never SIGKILL: tauri-driver then stops WebKitWebDriver too.
    pub fn stop(mut self) {
        self.terminate();
    }

    fn terminate(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        // A test that panicked never closed its session, so the app may outlive the
        // driver: end the app processes started with this test's own config folder.
        for pid in processes_with_env("XDG_CONFIG_HOME", &self.dir.join("config")) {
            let _ = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        }
        // Wait for the ports to be free for the next launch.
        let deadline = Instant::now() + Duration::from_secs(5);
        let busy = |port: u16| TcpStream::connect(("127.0.0.1", port)).is_ok();
        while (busy(self.ports.driver) || busy(self.ports.native)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        self.terminate();
    }
}

fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return path.into();
    }
    let home_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|c| c.join("bin/tauri-driver"));
    match home_bin {
        Some(path) if path.is_file() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// A scratch folder for one launch, holding the folders [`TauriDriver::start`]
/// points HOME and XDG at, and the scripted dialogs' folder.
pub fn scratch_dir(prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    for sub in ["home", "config", "data", "cache", "dialogs"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    dir
}

/// The environment of an app launched in scratch folder `dir` (through the
/// driver or directly): its own HOME and XDG folders, its own session bus (if
/// the test started one, `bus::SessionBus`; never the desktop's, where a
/// developer's own Specwright may be running), no accessibility bus.
pub fn launch_env(dir: &Path) -> Vec<(&'static str, OsString)> {
    vec![
        ("HOME", dir.join("home").into()),
        ("XDG_CONFIG_HOME", dir.join("config").into()),
        ("XDG_DATA_HOME", dir.join("data").into()),
        ("XDG_CACHE_HOME", dir.join("cache").into()),
        (
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", dir.join("bus").display()).into(),
        ),
        ("GTK_A11Y", "none".into()),
        ("NO_AT_BRIDGE", "1".into()),
    ]
}

/// All process ids (Linux `/proc`).
pub fn pids() -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .collect()
}

/// Process ids, other than this one, whose environment has `name=value`.
pub fn processes_with_env(name: &str, value: &Path) -> Vec<u32> {
    let wanted = format!("{name}={}", value.display()).into_bytes();
    pids()
        .into_iter()
        .filter(|pid| *pid != std::process::id())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|env| env.split(|b| *b == 0).any(|var| var == wanted.as_slice()))
        })
        .collect()
}
