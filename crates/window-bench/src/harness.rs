//! Drives one app window through `tauri-driver` + WebKitWebDriver with the
//! end-to-end tests' harness (`specwright_e2e`: a live display, a driver per
//! launch with its own HOME/XDG folders, SIGTERM to stop it), on ports of its own.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::Value;
use specwright_e2e::driver::{Ports, TauriDriver, pids, scratch_dir};

/// Ports of their own, so a concurrent `scripts/e2e.sh` (4444/4445) is not disturbed.
const PORTS: Ports = Ports {
    driver: 4464,
    native: 4465,
};

pub const TIMEOUT: Duration = Duration::from_secs(60);

pub use specwright_e2e::display::ensure as ensure_display;

/// The painting switches Specwright chose on this machine
/// (`src-tauri/src/rendering.rs`), as its web process received them: the
/// `WEBKIT_*` variables it has and this process has not (but the inspector's,
/// which WebKitWebDriver sets). None when the app kept
/// WebKit's defaults (a machine with a GPU). Launches the app once.
pub async fn app_painting(app: &Path) -> Vec<(String, String)> {
    let s = Session::launch(app, &[]).await;
    let ours: Vec<(String, String)> = std::env::vars().collect();
    let mut switches: Vec<(String, String)> = s
        .app_pid()
        .map(process_tree)
        .unwrap_or_default()
        .into_iter()
        .flat_map(environ)
        // WebKitWebDriver sets the inspector's address for every launch.
        .filter(|var| {
            var.0.starts_with("WEBKIT_")
                && var.0 != "WEBKIT_INSPECTOR_SERVER"
                && !ours.contains(var)
        })
        .collect();
    s.quit().await;
    switches.sort();
    switches.dedup();
    switches
}

/// The environment of process `pid`, empty if it is gone.
fn environ(pid: u32) -> Vec<(String, String)> {
    let Ok(bytes) = std::fs::read(format!("/proc/{pid}/environ")) else {
        return Vec::new();
    };
    bytes
        .split(|b| *b == 0)
        .filter_map(|var| {
            let (name, value) = std::str::from_utf8(var).ok()?.split_once('=')?;
            Some((name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// `switches` as the launch functions take them.
pub fn as_env(switches: &[(String, String)]) -> Vec<(&str, &str)> {
    switches
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// One launched window and its WebDriver session.
pub struct Session {
    pub client: Client,
    /// The binary that was launched (to find its process).
    binary: PathBuf,
    /// The launch's HOME and XDG folders, removed when the session ends.
    _dir: tempfile::TempDir,
    driver: TauriDriver,
    /// When the new-session request returned.
    pub connected: Instant,
}

impl Session {
    /// Launches `binary`; a launch whose WebDriver session does not come up within
    /// 30 s (WebKitWebDriver occasionally hangs here) is torn down and retried.
    pub async fn launch(binary: &Path, args: &[String]) -> Session {
        Self::launch_with_env(binary, args, &[]).await
    }

    /// [`Session::launch`] with `env` set for the launched binary.
    pub async fn launch_with_env(binary: &Path, args: &[String], env: &[(&str, &str)]) -> Session {
        for attempt in 1..=3 {
            match Self::try_launch(binary, args, env).await {
                Ok(session) => return session,
                Err(err) => eprintln!("  launch attempt {attempt} failed ({err}); retrying"),
            }
        }
        panic!("could not launch {}", binary.display());
    }

    async fn try_launch(
        binary: &Path,
        args: &[String],
        env: &[(&str, &str)],
    ) -> Result<Session, String> {
        let dir = scratch_dir("specwright-window-bench-");
        let driver = TauriDriver::start_with_env(dir.path(), PORTS, false, env);
        let binary = binary.canonicalize().unwrap();
        match driver
            .new_session(&binary, args, Duration::from_secs(30))
            .await
        {
            Ok(client) => Ok(Session {
                client,
                binary,
                _dir: dir,
                driver,
                connected: Instant::now(),
            }),
            Err(err) => {
                driver.stop();
                Err(err)
            }
        }
    }

    /// The launched binary's process (started by WebKitWebDriver with our HOME).
    pub fn app_pid(&self) -> Option<u32> {
        self.driver.launched(&self.binary)
    }

    /// Runs `script` (a function body) and returns its value, `Null` on error.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or(Value::Null)
    }

    /// Polls `script` until it returns `true`; returns when the successful poll returned.
    pub async fn poll_until(
        &self,
        what: &str,
        script: &str,
        args: Vec<Value>,
        every: Duration,
    ) -> Instant {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.js(script, args.clone()).await == Value::Bool(true) {
                return Instant::now();
            }
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(every).await;
        }
    }

    /// Runs `script` asynchronously (it calls its last argument); `Null` on error.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or(Value::Null)
    }

    pub async fn element(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
    }

    /// Ends the session, then the driver with SIGTERM (it stops WebKitWebDriver and the app).
    pub async fn quit(self) {
        let Session { client, driver, .. } = self;
        let _ = client.close().await;
        driver.stop();
    }
}

/// Parent pid and start time (clock ticks since boot) from `/proc/PID/stat`.
fn stat(pid: u32) -> Option<(u32, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; fields after it are space-separated.
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // rest starts at field 3 (state): ppid is field 4, starttime field 22.
    Some((fields.get(1)?.parse().ok()?, fields.get(19)?.parse().ok()?))
}

/// `pid` and all its descendants (the WebKit web, network and other helper processes).
pub fn process_tree(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = pids()
        .into_iter()
        .filter_map(|p| Some((p, stat(p)?.0)))
        .collect();
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    tree
}

/// CPU time (user + system) the process has used so far, in seconds; 0 if gone.
pub fn cpu_seconds(pid: u32) -> f64 {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    let Some(close) = text.rfind(')') else {
        return 0.0;
    };
    // After the command name: field 3 (state) first, so utime (14) and stime (15)
    // are the 12th and 13th.
    let fields: Vec<&str> = text[close + 2..].split(' ').collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (ticks(11) + ticks(12)) as f64 / TICKS
}

/// Proportional set size in KiB (`/proc/PID/smaps_rollup`), 0 if the process is gone.
pub fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Short name of a process (`/proc/PID/comm`).
pub fn comm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// Clock ticks per second for `/proc/PID/stat` times (USER_HZ, 100 on Linux).
const TICKS: f64 = 100.0;

/// Maps `Instant`s onto the kernel's boot clock, on which process start times are given.
pub struct BootClock {
    /// Boot-clock seconds at `at`.
    uptime: f64,
    at: Instant,
    /// Wall-clock seconds since the Unix epoch at `at` (the page's `performance.timeOrigin` is on it).
    wall: f64,
}

impl BootClock {
    /// Calibrates against `/proc/uptime` (10 ms resolution): waits for its value to
    /// tick over, so the offset is good to about a millisecond plus the tick.
    pub fn calibrate() -> BootClock {
        let read = || -> f64 {
            std::fs::read_to_string("/proc/uptime")
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        let first = read();
        loop {
            let now = read();
            if now != first {
                return BootClock {
                    uptime: now,
                    at: Instant::now(),
                    wall: std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .as_secs_f64(),
                };
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Seconds between the start of `pid` and `epoch_ms`, a wall-clock time in ms
    /// since the Unix epoch (as the page gives it).
    pub fn since_start_at_epoch(&self, pid: u32, epoch_ms: f64) -> Option<f64> {
        let (_, start) = stat(pid)?;
        let boot_then = self.uptime + (epoch_ms / 1000.0 - self.wall);
        Some(boot_then - start as f64 / TICKS)
    }

    /// Seconds between the start of `pid` and `instant`.
    pub fn since_start(&self, pid: u32, instant: Instant) -> Option<f64> {
        let (_, start) = stat(pid)?;
        let boot_now = self.uptime + instant.duration_since(self.at).as_secs_f64();
        Some(boot_now - start as f64 / TICKS)
    }
}
