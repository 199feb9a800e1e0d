//! How WebKitGTK paints the page on a machine without a GPU.
//!
//! Without a GPU render node (a virtual machine, a remote desktop, a headless
//! display), Mesa runs OpenGL on the CPU (llvmpipe). WebKitGTK still paints page
//! tiles with Skia's GPU backend by default, so every new shader is compiled by
//! LLVM on the CPU: measured here, the page's main thread then waited ≈ 400 ms for
//! the painting thread on one launch in two, right when the document was shown.
//! Skia's CPU painting has no such stalls and holds ≈ 30 MiB less, so it is chosen
//! there. A GPU machine keeps WebKit's defaults, and a setting the user made wins.

use std::path::Path;

/// WebKitGTK's switch to Skia's CPU painting.
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Chooses CPU painting when OpenGL would run on the CPU anyway. Must run before
/// any thread is started (it sets an environment variable), i.e. first in `run`.
pub fn choose() {
    if !cfg!(target_os = "linux") || std::env::var_os(CPU_PAINTING).is_some() {
        return;
    }
    let software = std::env::var_os("LIBGL_ALWAYS_SOFTWARE").is_some_and(|v| v != "0");
    if software || !has_render_node(Path::new("/dev/dri")) {
        // SAFETY: called first in `run`, before the app starts any thread, so no
        // other thread can be reading the environment.
        unsafe { std::env::set_var(CPU_PAINTING, "1") };
    }
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
