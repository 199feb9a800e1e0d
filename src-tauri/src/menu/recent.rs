//! File → Open Recent: the files the start screen lists, kept in step with it.
//! Choosing one opens it as a dropped file is opened: the UI asks about unsaved
//! changes first.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tauri::menu::{MenuItemBuilder, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::ipc::{SHELL_EVENT, ShellEvent};
use crate::state::{AppState, display_name};

/// The items' ids: this and the file's place in the list of recent files.
const ITEM: &str = "recent:";

/// The submenu, kept so that it can be filled again.
///
/// Filling it sends each change to the main thread and waits for it, from the
/// command that opened or saved a file. So no lock the main thread may wait for
/// (the settings, the current file) is held meanwhile, and `filling` is one it
/// never takes: a click only reads `shown`.
struct RecentMenu<R: Runtime> {
    submenu: Submenu<R>,
    /// Held while the submenu is filled, so that fills run one after another.
    filling: Mutex<()>,
    /// The files the submenu lists, in its order: what a click opens.
    shown: Mutex<Vec<PathBuf>>,
}

/// The submenu, holding the recent files.
pub(super) fn submenu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Submenu<R>> {
    let submenu = SubmenuBuilder::new(app, "Open Recent").build()?;
    let recent = recent_files(app);
    fill(app, &submenu, &recent)?;
    app.manage(RecentMenu {
        submenu: submenu.clone(),
        filling: Mutex::new(()),
        shown: Mutex::new(recent),
    });
    Ok(submenu)
}

/// Brings the submenu up to date with the recent files (after a file was opened
/// or saved under a new name); nothing to do if they are those it shows.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    let Some(menu) = app.try_state::<RecentMenu<R>>() else {
        return; // no menu bar (the IPC tests)
    };
    let _filling = lock(&menu.filling);
    let recent = recent_files(app);
    if *lock(&menu.shown) == recent {
        return;
    }
    match fill(app, &menu.submenu, &recent) {
        Ok(()) => *lock(&menu.shown) = recent,
        Err(err) => eprintln!("specwright: could not update File → Open Recent: {err}"),
    }
}

fn recent_files<R: Runtime>(app: &AppHandle<R>) -> Vec<PathBuf> {
    app.try_state::<AppState>()
        .map(|state| state.settings().recent.clone())
        .unwrap_or_default()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn fill<R: Runtime>(
    app: &AppHandle<R>,
    submenu: &Submenu<R>,
    recent: &[PathBuf],
) -> tauri::Result<()> {
    for item in submenu.items()? {
        submenu.remove(&item)?;
    }
    if recent.is_empty() {
        let none = MenuItemBuilder::new("No Recent Files")
            .enabled(false)
            .build(app)?;
        return submenu.append(&none);
    }
    let home = app.path().home_dir().ok();
    for (i, path) in recent.iter().enumerate() {
        let item = MenuItemBuilder::with_id(format!("{ITEM}{i}"), label(path, home.as_deref()))
            .build(app)?;
        submenu.append(&item)?;
    }
    Ok(())
}

/// Opens the recent file the item `id` stands for; false if `id` is not one of
/// the submenu's items.
pub(super) fn choose<R: Runtime>(app: &AppHandle<R>, id: &str) -> bool {
    let Some(index) = id.strip_prefix(ITEM).and_then(|i| i.parse::<usize>().ok()) else {
        return false;
    };
    let path = app
        .try_state::<RecentMenu<R>>()
        .and_then(|menu| lock(&menu.shown).get(index).cloned());
    if let Some(path) = path {
        let path = path.to_string_lossy().into_owned();
        let _ = app.emit(SHELL_EVENT, ShellEvent::OpenFile { path });
    }
    true
}

/// "name.md — ~/Documents/specs": the file's name, then its folder.
fn label(path: &Path, home: Option<&Path>) -> String {
    let name = display_name(path);
    let folder = path
        .parent()
        .filter(|f| !f.as_os_str().is_empty())
        .map(
            |folder| match home.and_then(|home| folder.strip_prefix(home).ok()) {
                Some(inside) if inside.as_os_str().is_empty() => "~".to_owned(),
                Some(inside) => format!("~/{}", inside.display()),
                None => folder.display().to_string(),
            },
        );
    let label = match folder {
        Some(folder) => format!("{name} — {folder}"),
        None => name,
    };
    // A single `&` would mark the next letter as the item's mnemonic.
    label.replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_give_the_name_then_the_folder() {
        let home = Path::new("/home/pat");
        assert_eq!(
            label(
                Path::new("/home/pat/Documents/specs/checkout.md"),
                Some(home)
            ),
            "checkout.md — ~/Documents/specs"
        );
        assert_eq!(label(Path::new("/home/pat/a.md"), Some(home)), "a.md — ~");
        // `&` marks a mnemonic; muda escapes `_` itself.
        assert_eq!(
            label(Path::new("/srv/team/R&D_plan.md"), Some(home)),
            "R&&D_plan.md — /srv/team"
        );
        assert_eq!(label(Path::new("plan.md"), None), "plan.md");
    }
}
