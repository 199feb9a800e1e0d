//! One app for every launch. Opening a spec from the file manager while Specwright
//! runs brings its window forward and opens the file there (asking first if the
//! open document has unsaved changes), instead of starting a second app that would
//! share the first one's drafts and offer them back as if it had crashed.
//! `tauri-plugin-single-instance` finds the running app over the D-Bus session
//! bus; without a session bus every launch is an app of its own, as before.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Emitter, Manager};

use crate::ipc::{SHELL_EVENT, ShellEvent};

/// Runs in the first app when another launch of it starts; `argv` and `cwd` are
/// the other launch's (its arguments, program name first, and working folder).
pub fn another_launch(app: &AppHandle, argv: Vec<String>, cwd: String) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
    if let Some(path) = file_of_launch(argv, &cwd) {
        let _ = window.emit(
            SHELL_EVENT,
            ShellEvent::OpenFile {
                path: path.display().to_string(),
            },
        );
    }
}

/// The file another launch names (`argv`: program name first), found from its
/// working folder `cwd` when relative.
fn file_of_launch(argv: Vec<String>, cwd: &str) -> Option<PathBuf> {
    file_argument(argv.into_iter().skip(1).map(OsString::from))
        .map(|path| Path::new(cwd).join(path))
}

/// The first argument that is not an option, e.g. the file a file manager passes.
pub fn file_argument(args: impl Iterator<Item = OsString>) -> Option<PathBuf> {
    args.map(PathBuf::from)
        .find(|arg| !arg.to_string_lossy().starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = OsString> {
        list.iter()
            .map(OsString::from)
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn the_file_is_the_first_argument_that_is_not_an_option() {
        assert_eq!(
            file_argument(args(&["--verbose", "spec.md", "other.md"])),
            Some(PathBuf::from("spec.md"))
        );
        assert_eq!(file_argument(args(&["-x"])), None);
        assert_eq!(file_argument(args(&[])), None);
    }

    #[test]
    fn another_launch_s_file_is_found_from_its_own_folder() {
        let argv = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(
            file_of_launch(
                argv(&["/usr/bin/specwright-app", "a.md"]),
                "/home/ada/specs"
            ),
            Some(PathBuf::from("/home/ada/specs/a.md"))
        );
        assert_eq!(
            file_of_launch(argv(&["specwright-app", "/tmp/b.md"]), "/home/ada"),
            Some(PathBuf::from("/tmp/b.md"))
        );
        // The program's own name is not a file to open.
        assert_eq!(file_of_launch(argv(&["specwright-app"]), "/home/ada"), None);
    }
}
