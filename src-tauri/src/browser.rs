//! Opens a link in the user's browser: the desktop's own launcher (`xdg-open`,
//! `gio`, … as the `open` crate lists them for the platform), started on its
//! own, without the painting switches Specwright set for its web view (see
//! [`crate::rendering`]): a WebKit browser given them would paint without its GPU.

use std::io;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a launcher has to fail before it counts as started: one that
/// exits unsuccessfully sooner (no browser set, say) gives way to the next.
const FAILS_WITHIN: Duration = Duration::from_millis(300);

/// Opens `url` with the first of the platform's launchers that starts.
pub fn open(url: &str) -> io::Result<()> {
    launch(
        open::commands(url),
        crate::rendering::own_switches(),
        FAILS_WITHIN,
    )
}

/// Starts the first of `launchers` that neither fails to start nor exits
/// unsuccessfully within `fails_within`, each without the variables `unset`.
/// A launcher still running then is left to run; its exit is collected.
fn launch(launchers: Vec<Command>, unset: &[&str], fails_within: Duration) -> io::Result<()> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no program to open links with");
    for mut launcher in launchers {
        for name in unset {
            launcher.env_remove(name);
        }
        launcher
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut launcher, 0);
        let mut child = match launcher.spawn() {
            Ok(child) => child,
            Err(err) => {
                last = err;
                continue;
            }
        };
        let started = Instant::now();
        loop {
            match child.try_wait()? {
                Some(status) if status.success() => return Ok(()),
                Some(status) => {
                    last =
                        io::Error::other(format!("{:?} failed ({status})", launcher.get_program()));
                    break;
                }
                None if started.elapsed() >= fails_within => {
                    // Still running: the browser's own process, or a launcher
                    // waiting for it. Collected when it ends.
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                None => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn the_launcher_gets_no_switch_specwright_set_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("env");
        let mut launcher = sh(&format!("env > '{}'", out.display()));
        launcher
            .env("SPECWRIGHT_TEST_SET_BY_US", "1")
            .env("SPECWRIGHT_TEST_THE_USERS", "1");
        launch(
            vec![launcher],
            &["SPECWRIGHT_TEST_SET_BY_US"],
            Duration::from_secs(5),
        )
        .unwrap();
        let env = std::fs::read_to_string(&out).unwrap();
        assert!(!env.contains("SPECWRIGHT_TEST_SET_BY_US"), "{env}");
        assert!(env.contains("SPECWRIGHT_TEST_THE_USERS=1"), "{env}");
    }

    #[test]
    fn a_missing_or_failing_launcher_gives_way_to_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("opened");
        let launchers = vec![
            Command::new("/nonexistent/specwright-no-such-launcher"),
            sh("exit 3"),
            sh(&format!("touch '{}'", out.display())),
        ];
        launch(launchers, &[], Duration::from_secs(5)).unwrap();
        assert!(out.exists());
    }

    #[test]
    fn a_launcher_still_running_counts_as_started_and_all_failing_is_an_error() {
        let started = Instant::now();
        launch(vec![sh("sleep 2")], &[], Duration::from_millis(50)).unwrap();
        assert!(started.elapsed() < Duration::from_secs(1));
        let err = launch(
            vec![sh("exit 1"), Command::new("/nonexistent/x")],
            &[],
            Duration::from_secs(5),
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
