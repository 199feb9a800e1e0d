//! Saves under faults: a writer process saves hundreds of times while this test
//! kills it with SIGKILL at random moments; after every kill the file on disk must
//! be one complete version, never a mix or a truncation.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "SPECWRIGHT_SAVE_FAULTS_CHILD";

/// Version `n` of the document: large enough that a write takes several syscalls,
/// with a header and footer that must agree.
fn version(n: u64) -> String {
    let body = format!("- [ ] item of version {n}\r\n").repeat(4_000 + (n % 7) as usize * 500);
    format!("# Version {n}\r\n\r\n{body}<!-- end of version {n} -->\r\n")
}

fn is_complete(text: &str) -> bool {
    let Some(first) = text.lines().next() else {
        return false;
    };
    let Some(n) = first
        .strip_prefix("# Version ")
        .and_then(|n| n.parse::<u64>().ok())
    else {
        return false;
    };
    text == version(n)
}

fn writer_loop(path: &Path) -> ! {
    for n in 1.. {
        specwright_core::save_atomically(path, &version(n)).expect("save");
    }
    unreachable!()
}

#[test]
fn sigkill_during_saves_never_leaves_a_partial_file() {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        writer_loop(Path::new(&path));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.md");
    std::fs::write(&path, version(0)).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut kills = 0;
    let mut seen = std::collections::BTreeSet::new();
    let started = Instant::now();
    while kills < 200 && started.elapsed() < Duration::from_secs(60) {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "sigkill_during_saves_never_leaves_a_partial_file",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // xorshift: a kill after 2–40 ms, in the middle of some save.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(2_000 + seed % 38_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            is_complete(&text),
            "after kill {kills}: {} bytes, not one complete version",
            text.len()
        );
        seen.insert(text.lines().next().unwrap().to_owned());
    }
    assert!(
        seen.len() > 2,
        "the writer got to save several versions: {seen:?}"
    );
    assert!(kills >= 50, "only {kills} kills in the time limit");
    eprintln!(
        "{kills} SIGKILLs during saves, {} distinct complete versions found on disk",
        seen.len()
    );
    let versions: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    // Only the document and at most the temporary file of the save that was killed.
    assert!(versions.len() <= 1 + kills, "temporary files are bounded");
}
