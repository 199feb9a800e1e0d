//! Saves that cannot happen, on the real window: a full disk and a read-only
//! folder. The user gets a message naming the cause, the text stays in the editor
//! (still marked unsaved) and in the drafts journal, and the file on disk is
//! left exactly as it was.
//!
//! The faults are real file systems: a small tmpfs filled to the last byte, and
//! a tmpfs remounted read-only (root can write into a read-only *folder*, but not
//! into a read-only file system). Mounting needs root, which CI and a fresh
//! machine's `scripts/check` have; run as another user, the read-only case uses a
//! folder without write permission instead and the full-disk case fails, saying so.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use specwright_e2e::{App, wait_until_true};

const ON_DISK: &str = "# Budget\n\nWhat is on disk.\n";
const SENTENCE: &str = "A sentence that does not fit on the disk.";

/// A tmpfs mounted for one test, unmounted when dropped (also when the test fails).
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Mount {
        std::fs::create_dir_all(at).unwrap();
        mount(&["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"], at);
        Mount(at.to_owned())
    }

    fn remount_read_only(&self) {
        mount(&["-o", "remount,ro"], &self.0);
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount(args: &[&str], at: &Path) {
    let out = Command::new("mount")
        .args(args)
        .arg(at)
        .output()
        .expect("mount(8) runs");
    assert!(
        out.status.success(),
        "mount {args:?} {} failed (these tests need root, as scripts/check runs): {}",
        at.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Fills the file system holding `dir` until a write fails for lack of space.
fn fill(dir: &Path) {
    let mut filler = std::fs::File::create(dir.join("filler.bin")).unwrap();
    let block = [0u8; 4096];
    loop {
        match filler.write(&block) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
            Err(e) => panic!("filling {}: {e}", dir.display()),
        }
    }
    let _ = filler.sync_all();
}

/// Opens `doc`, types the sentence at the end and presses Ctrl+S; waits for the
/// message and checks what the user keeps.
async fn save_fails_keeping_the_text(app: &App, doc: &Path, cause: &str, shot: &str) {
    app.answer_open_with(doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "What is on disk")
        .await;
    app.editor_to_end().await;
    app.type_in_editor(SENTENCE).await;
    app.wait_for("[data-testid=dirty-marker]").await;
    app.shortcut('s').await;
    app.wait_for_text("[data-testid=modal]", "Could not save")
        .await;
    app.wait_for_text("[data-testid=modal]", cause).await;
    app.wait_for_text("[data-testid=modal]", "Your changes are still here")
        .await;
    app.screenshot(shot).await;
    app.click("[data-testid=modal-ok]").await;

    // Still in the editor, still unsaved, and kept in the journal.
    app.wait_for_text(".cm-content", SENTENCE).await;
    app.wait_for("[data-testid=dirty-marker]").await;
    wait_until_true("a draft holds the sentence", || {
        app.draft_files()
            .iter()
            .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains(SENTENCE)))
    })
    .await;
    assert_eq!(
        std::fs::read_to_string(doc).unwrap(),
        ON_DISK,
        "the file on disk is untouched"
    );
    let left: Vec<_> = std::fs::read_dir(doc.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "filler.bin" && n != "budget.md")
        .collect();
    assert!(left.is_empty(), "no temporary file left behind: {left:?}");
}

fn is_root() -> bool {
    // SAFETY: geteuid(2) has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[tokio::test]
async fn a_full_disk_keeps_the_edits() {
    assert!(
        is_root(),
        "a full disk needs root to mount a small file system: run scripts/check as root, as CI does"
    );
    let app = App::launch("disk-full", &[]).await;
    let disk = Mount::tmpfs(&app.dir.path().join("small-disk"), "256k");
    let doc = disk.0.join("budget.md");
    std::fs::write(&doc, ON_DISK).unwrap();
    fill(&disk.0);
    save_fails_keeping_the_text(&app, &doc, "the disk is full", "50-save-disk-full").await;

    // "Save as…" from the same message puts the text on another disk.
    app.shortcut('s').await;
    app.wait_for_text("[data-testid=modal]", "the disk is full")
        .await;
    app.click("[data-testid=modal-save-as]").await;
    app.wait_for_text("[data-testid=toast]", "Saved budget.md")
        .await;
    let elsewhere = app.dialogs().join("budget.md");
    let saved = std::fs::read_to_string(&elsewhere).unwrap();
    assert!(
        saved.starts_with("# Budget") && saved.contains(SENTENCE),
        "{saved}"
    );
    wait_until_true("the draft is removed once saved", || {
        app.draft_files().is_empty()
    })
    .await;
    app.quit().await;
    drop(disk);
}

#[tokio::test]
async fn a_read_only_folder_keeps_the_edits() {
    let app = App::launch("read-only", &[]).await;
    let folder = app.dir.path().join("read-only");
    let disk = is_root().then(|| Mount::tmpfs(&folder, "1m"));
    std::fs::create_dir_all(&folder).unwrap();
    let doc = folder.join("budget.md");
    std::fs::write(&doc, ON_DISK).unwrap();
    match &disk {
        Some(disk) => disk.remount_read_only(),
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
    }
    save_fails_keeping_the_text(&app, &doc, "read-only", "51-save-read-only").await;
    app.quit().await;
    drop(disk);
}
