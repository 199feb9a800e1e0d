//! What a window manager does when the user clicks a window's close button: send
//! the X11 `WM_PROTOCOLS` / `WM_DELETE_WINDOW` client message to the top-level
//! window. WebDriver cannot reach the title bar, and under Xvfb there is no window
//! manager to click, so the tests send that message themselves (ICCCM §4.2.8.1).

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState, Window,
};
use x11rb::rust_connection::RustConnection;

/// Errors talking to the X server.
pub type X11Result<T> = Result<T, Box<dyn std::error::Error>>;

/// Asks the visible top-level windows of process `pid` to close, as a window
/// manager does for the × button. Returns how many windows were asked.
pub fn request_close(pid: u32) -> X11Result<usize> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let protocols = atom(&conn, b"WM_PROTOCOLS")?;
    let delete = atom(&conn, b"WM_DELETE_WINDOW")?;
    let windows = top_level_windows_of(&conn, root, pid)?;
    let mut asked = 0;
    for window in windows {
        let supported = conn
            .get_property(false, window, protocols, AtomEnum::ATOM, 0, 64)?
            .reply()?;
        let supports_delete = supported
            .value32()
            .is_some_and(|mut atoms| atoms.any(|a| a == delete));
        if !supports_delete {
            continue;
        }
        let event = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        conn.send_event(false, window, EventMask::NO_EVENT, event)?;
        asked += 1;
    }
    conn.flush()?;
    // A round trip, so the message has reached the server before we return.
    conn.get_input_focus()?.reply()?;
    Ok(asked)
}

/// The mapped children of the root window whose `_NET_WM_PID` is `pid` (without a
/// window manager, top-level windows are the root's direct children).
pub fn top_level_windows_of(
    conn: &RustConnection,
    root: Window,
    pid: u32,
) -> X11Result<Vec<Window>> {
    let net_wm_pid = atom(conn, b"_NET_WM_PID")?;
    let tree = conn.query_tree(root)?.reply()?;
    let mut found = Vec::new();
    for window in tree.children {
        let owner = conn
            .get_property(false, window, net_wm_pid, AtomEnum::CARDINAL, 0, 1)?
            .reply()?;
        if owner.value32().and_then(|mut v| v.next()) != Some(pid) {
            continue;
        }
        let attributes = conn.get_window_attributes(window)?.reply()?;
        if attributes.map_state == MapState::VIEWABLE {
            found.push(window);
        }
    }
    Ok(found)
}

fn atom(conn: &RustConnection, name: &[u8]) -> X11Result<u32> {
    Ok(conn.intern_atom(false, name)?.reply()?.atom)
}
