//! A D-Bus session bus of a test's own, as a desktop session has one: the bus
//! through which a second launch of the app finds the one already running. The
//! driver points every launch at `<scratch>/bus` (`driver::TauriDriver::start`);
//! without this, nothing listens there and each launch is an app of its own.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct SessionBus {
    daemon: Child,
}

impl SessionBus {
    /// Starts `dbus-daemon` listening on the socket `socket`; returns once it listens.
    pub fn start(socket: &Path) -> SessionBus {
        let mut daemon = Command::new("dbus-daemon")
            .args([
                "--session",
                "--nofork",
                "--print-address=1",
                &format!("--address=unix:path={}", socket.display()),
            ])
            .stdout(Stdio::piped())
            // Its notes (fd limits, services it starts) are not the test's concern.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon not found; run scripts/setup-system.sh");
        // It prints its address once it accepts connections; EOF means it died.
        let mut address = String::new();
        let stdout = daemon.stdout.take().expect("piped stdout");
        let _ = BufReader::new(stdout).read_line(&mut address);
        assert!(
            address.starts_with("unix:"),
            "dbus-daemon did not start on {}",
            socket.display()
        );
        SessionBus { daemon }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
