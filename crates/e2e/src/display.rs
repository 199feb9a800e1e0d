//! A display for the app: the current `DISPLAY` when an X server answers on it,
//! otherwise an Xvfb of our own on the first free display number.
//!
//! An X server that has gone leaves `/tmp/.X11-unix/X<n>` behind, so "the socket
//! exists" is no proof of a display: we connect to it. Xvfb picks its own free
//! number (`-displayfd`), so a stale lock or another server never collides.

use std::io::{BufRead, BufReader};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;

static DISPLAY: OnceLock<String> = OnceLock::new();

/// Makes sure `DISPLAY` names a live X server and returns it.
pub fn ensure() -> &'static str {
    DISPLAY.get_or_init(|| {
        if let Some(current) = std::env::var("DISPLAY").ok().filter(|d| answers(d)) {
            return current;
        }
        let display = start_xvfb();
        // SAFETY: set once, under the OnceLock, before this process starts any
        // thread that reads the environment (drivers are spawned after this).
        unsafe { std::env::set_var("DISPLAY", &display) };
        display
    })
}

/// Whether an X server accepts connections on `display` (`:N` or `:N.S`; a
/// display on another host is taken on trust).
fn answers(display: &str) -> bool {
    let Some(local) = display.strip_prefix(':') else {
        return !display.is_empty();
    };
    let number = local.split('.').next().unwrap_or_default();
    UnixStream::connect(format!("/tmp/.X11-unix/X{number}")).is_ok()
}

/// Starts Xvfb from a thread that lives as long as this process: the kernel ends
/// Xvfb when that thread's process exits (`PR_SET_PDEATHSIG`), so no test run
/// leaves a server behind.
fn start_xvfb() -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut command = Command::new("Xvfb");
        command
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1400x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let mut child = command
            .spawn()
            .expect("Xvfb not found; run scripts/setup-system.sh");
        // Xvfb writes the display number once it accepts connections; EOF means it died.
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
        let _ = child.wait();
    });
    let line = rx.recv().expect("the Xvfb thread ended");
    let number = line.trim();
    assert!(
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()),
        "Xvfb did not start (it printed {line:?})"
    );
    format!(":{number}")
}
