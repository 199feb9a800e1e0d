//! Watches the open file so a change or deletion by another program is noticed
//! within a second, instead of at the next save.
//!
//! The parent folder is watched (not the file): editors and sync tools replace a
//! file by writing a temporary one and renaming it over, which a watch on the file
//! itself would lose. Events are filtered for the file's name, a burst of them is
//! let settle, then the file's hash on disk decides: the hash we know (or the one
//! we are writing ourselves) means nothing happened; anything else is sent to the
//! UI as a [`ShellEvent`], once per version on disk.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use specwright_core::ContentHash;
use specwright_core::storage;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::ipc::{SHELL_EVENT, ShellEvent};
use crate::state::AppState;

/// How long events must stop before the file is looked at: one save by another
/// program is several events (write, close, rename, attributes).
const SETTLE: Duration = Duration::from_millis(200);

/// The watch on the current file, if any.
#[derive(Default)]
pub struct DiskWatcher {
    current: Mutex<Option<Watching>>,
}

struct Watching {
    path: PathBuf,
    /// Dropping it ends the watch, and with it the thread that checks the file.
    _watcher: RecommendedWatcher,
}

impl DiskWatcher {
    /// Watches `path` from now on (a no-op if it is already watched). Watching is a
    /// convenience: when it cannot start, saving still refuses to overwrite a file
    /// changed on disk, so the problem is only logged.
    pub fn watch<R: Runtime>(&self, app: &AppHandle<R>, path: &Path) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if current.as_ref().is_some_and(|w| w.path == path) {
            return;
        }
        *current = None;
        match start(app.clone(), path) {
            Ok(watcher) => {
                *current = Some(Watching {
                    path: path.to_owned(),
                    _watcher: watcher,
                })
            }
            Err(err) => eprintln!(
                "specwright: cannot watch {} for changes: {err}",
                path.display()
            ),
        }
    }

    /// Stops watching (the document is untitled now).
    pub fn stop(&self) {
        *self.current.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

fn start<R: Runtime>(app: AppHandle<R>, path: &Path) -> notify::Result<RecommendedWatcher> {
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
    let (tx, rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        if let Ok(event) = event
            && concerns(&event, Path::new(&name))
        {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(&folder, RecursiveMode::NonRecursive)?;
    let path = path.to_owned();
    std::thread::Builder::new()
        .name("specwright-watch".into())
        .spawn(move || {
            let mut tracker = Tracker::default();
            // Ends when the watcher, and with it the sender, is dropped.
            while rx.recv().is_ok() {
                while rx.recv_timeout(SETTLE).is_ok() {}
                check(&app, &path, &mut tracker);
            }
        })
        .map_err(notify::Error::io)?;
    Ok(watcher)
}

/// Whether `event` may have changed the file named `name` in the watched folder.
/// Reads (ours included) are not changes; a finished write is.
pub fn concerns(event: &Event, name: &Path) -> bool {
    let relevant = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    };
    relevant
        && event
            .paths
            .iter()
            .any(|p| p.file_name() == Some(name.as_os_str()))
}

/// The file on disk as the watcher last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnDisk {
    Present(ContentHash),
    Missing,
}

/// What the UI must hear about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Changed,
    Deleted,
}

/// Remembers which version on disk the UI was told about, so each is told once.
#[derive(Debug, Default)]
pub struct Tracker {
    told: Option<OnDisk>,
}

impl Tracker {
    /// Whether the file on disk `now` is news: not the version we know (`known`,
    /// `None` for a file that does not exist yet), not the one we are writing
    /// (`own`), and not one the UI was already told about.
    pub fn see(
        &mut self,
        now: &OnDisk,
        known: Option<&ContentHash>,
        own: Option<&ContentHash>,
    ) -> Option<Change> {
        let change = match now {
            OnDisk::Present(hash) if Some(hash) == known || Some(hash) == own => None,
            OnDisk::Missing if known.is_none() => None,
            OnDisk::Present(_) => Some(Change::Changed),
            OnDisk::Missing => Some(Change::Deleted),
        };
        match change {
            // Back in step: a later change, even to a version told before, is news.
            None => self.told = None,
            Some(_) if self.told.as_ref() == Some(now) => return None,
            Some(_) => self.told = Some(now.clone()),
        }
        change
    }
}

fn check<R: Runtime>(app: &AppHandle<R>, path: &Path, tracker: &mut Tracker) {
    let now = match storage::disk_hash(path) {
        Ok(Some(hash)) => OnDisk::Present(hash),
        Ok(None) => OnDisk::Missing,
        // Unreadable for a moment (being written, permissions): the next event decides.
        Err(_) => return,
    };
    let state = app.state::<AppState>();
    let change = {
        let mut file = state.file();
        if file.path.as_deref() != Some(path) {
            return;
        }
        let change = tracker.see(&now, file.hash.as_ref(), file.own_write.as_ref());
        if change == Some(Change::Deleted) {
            // The next save recreates the file instead of refusing.
            file.hash = None;
        }
        change
    };
    let Some(change) = change else {
        return;
    };
    let path = path.display().to_string();
    let event = match change {
        Change::Changed => ShellEvent::FileChanged { path },
        Change::Deleted => ShellEvent::FileDeleted { path },
    };
    let _ = app.emit(SHELL_EVENT, event);
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};

    use super::*;

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        let mut event = Event::new(kind);
        for p in paths {
            event = event.add_path(PathBuf::from(p));
        }
        event
    }

    #[test]
    fn only_changes_to_the_file_itself_concern_it() {
        let name = Path::new("spec.md");
        let renamed_over = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/d/.spec.md.swp", "/d/spec.md"],
        );
        assert!(concerns(&renamed_over, name), "an editor's rename-over");
        let written = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &["/d/spec.md"],
        );
        assert!(concerns(&written, name));
        let removed = event(EventKind::Remove(RemoveKind::File), &["/d/spec.md"]);
        assert!(concerns(&removed, name));
        let read = event(
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            &["/d/spec.md"],
        );
        assert!(!concerns(&read, name), "reading the file is not a change");
        let neighbour = event(EventKind::Create(CreateKind::File), &["/d/other.md"]);
        assert!(!concerns(&neighbour, name));
        let our_temporary = event(
            EventKind::Create(CreateKind::File),
            &["/d/.specwright-x1.tmp"],
        );
        assert!(!concerns(&our_temporary, name));
        let prefix = event(EventKind::Create(CreateKind::File), &["/d/spec.md.bak"]);
        assert!(!concerns(&prefix, name));
    }

    #[test]
    fn known_and_own_versions_are_not_news_and_each_version_is_told_once() {
        let a = ContentHash::of(b"a");
        let b = ContentHash::of(b"b");
        let on_disk_a = OnDisk::Present(a.clone());
        let on_disk_b = OnDisk::Present(b.clone());
        let mut t = Tracker::default();
        assert_eq!(t.see(&on_disk_a, Some(&a), None), None);
        assert_eq!(
            t.see(&on_disk_b, Some(&a), Some(&b)),
            None,
            "our own save, before the shell recorded its hash"
        );
        assert_eq!(t.see(&on_disk_b, Some(&a), None), Some(Change::Changed));
        assert_eq!(t.see(&on_disk_b, Some(&a), None), None, "already told");
        assert_eq!(
            t.see(&OnDisk::Missing, Some(&a), None),
            Some(Change::Deleted)
        );
        assert_eq!(
            t.see(&OnDisk::Missing, None, None),
            None,
            "known to be missing once the shell forgot the hash"
        );
        assert_eq!(
            t.see(&on_disk_a, None, None),
            Some(Change::Changed),
            "a deleted file that comes back"
        );
        // Saved again by us, then deleted again: told again.
        assert_eq!(t.see(&on_disk_a, Some(&a), None), None);
        assert_eq!(
            t.see(&OnDisk::Missing, Some(&a), None),
            Some(Change::Deleted)
        );
    }
}
