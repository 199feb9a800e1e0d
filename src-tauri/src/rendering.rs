//! How WebKitGTK paints the page on a machine without a GPU.
//!
//! Without a GPU render node (a virtual machine, a remote desktop, a headless
//! display), Mesa runs OpenGL on the CPU (llvmpipe). WebKitGTK still composites
//! the page's layers with OpenGL by default, and paints their tiles with Skia's
//! GPU backend, so every frame is drawn by llvmpipe and every new shader is
//! compiled by LLVM on the CPU. Measured here (docs/benchmarks.md): the page's
//! main thread waited ≈ 400 ms for the painting thread on one launch in two, a
//! frame took 20–30 ms where the display allows 16, and the web process held
//! ≈ 90 MiB more than it does painting into plain memory. There the app asks for
//! WebKit's non-composited mode (the page painted on the CPU into one buffer, as
//! WebKit does when hardware acceleration is off) and for Skia's CPU painting
//! (in case compositing is turned back on). A GPU machine keeps WebKit's
//! defaults, and a setting the user made wins.
use std::path::Path;
use std::sync::OnceLock;

/// WebKitGTK's switches for painting without a GPU: no compositing with OpenGL,
/// and Skia's CPU painting.
const CPU_SWITCHES: [&str; 2] = [
    "WEBKIT_DISABLE_COMPOSITING_MODE",
    "WEBKIT_SKIA_ENABLE_CPU_RENDERING",
];

/// The switches [`choose`] set: meant for Specwright's own web view only.
static CHOSEN: OnceLock<Vec<&'static str>> = OnceLock::new();

/// Chooses painting on the CPU when OpenGL would run on the CPU anyway. Must run
/// before any thread is started (it sets environment variables), i.e. first in
/// `run`.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let software = std::env::var_os("LIBGL_ALWAYS_SOFTWARE").is_some_and(|v| v != "0");
    if !software && has_render_node(Path::new("/dev/dri")) {
        return;
    }
    let mut chosen = Vec::new();
    for switch in CPU_SWITCHES {
        if std::env::var_os(switch).is_none() {
            // SAFETY: called first in `run`, before the app starts any thread, so
            // no other thread can be reading the environment.
            unsafe { std::env::set_var(switch, "1") };
            chosen.push(switch);
        }
    }
    let _ = CHOSEN.set(chosen);
}

/// The switches Specwright set for itself (none the user set): programs it
/// starts, such as the user's browser, are started without them.
pub fn own_switches() -> &'static [&'static str] {
    CHOSEN.get().map_or(&[], Vec::as_slice)
}

/// Whether `dri` (normally `/dev/dri`) holds a GPU render node (`renderD128`, …).
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()), "empty /dev/dri");
        assert!(!has_render_node(&dir.path().join("missing")), "no /dev/dri");
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()), "a display node alone");
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
