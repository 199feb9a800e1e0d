//! A display for the app: the existing `DISPLAY`, or an `Xvfb :99` started once.

use std::process::Child;
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

static DISPLAY: OnceLock<()> = OnceLock::new();

/// The Xvfb this process started, kept so it is not a zombie; it outlives the tests.
static XVFB: Mutex<Option<Child>> = Mutex::new(None);

/// Makes sure `DISPLAY` points at a running X server.
pub fn ensure() {
    DISPLAY.get_or_init(|| {
        if std::env::var_os("DISPLAY").is_some() {
            return;
        }
        let display = ":99";
        if !std::path::Path::new("/tmp/.X11-unix/X99").exists() {
            // Left running for later test binaries; Xvfb is cheap and idempotent to reuse.
            let child = Command::new("Xvfb")
                .args([display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb not found; run scripts/setup-system.sh");
            *XVFB.lock().unwrap_or_else(|e| e.into_inner()) = Some(child);
            for _ in 0..50 {
                if std::path::Path::new("/tmp/.X11-unix/X99").exists() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        // SAFETY: set once, before any other thread of this test binary reads the environment.
        unsafe { std::env::set_var("DISPLAY", display) };
    });
}
