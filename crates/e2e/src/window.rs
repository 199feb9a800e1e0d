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

/// How many visible top-level windows process `pid` has.
pub fn top_level_window_count(pid: u32) -> X11Result<usize> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    Ok(top_level_windows_of(&conn, root, pid)?.len())
}

/// The mapped children of the root window whose `_NET_WM_PID` is `pid`, pop-ups
/// left out (without a window manager, top-level windows are the root's direct
/// children).
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
        // Menus and completion pop-ups are override-redirect: not windows a
        // window manager would manage, focus or close.
        if attributes.map_state == MapState::VIEWABLE && !attributes.override_redirect {
            found.push(window);
        }
    }
    Ok(found)
}

pub(crate) fn atom(conn: &RustConnection, name: &[u8]) -> X11Result<u32> {
    Ok(conn.intern_atom(false, name)?.reply()?.atom)
}

/// X11 key symbols the tests press (from X11/keysymdef.h).
pub mod keysym {
    pub const RETURN: u32 = 0xff0d;
    pub const ESCAPE: u32 = 0xff1b;
    pub const LEFT: u32 = 0xff51;
    pub const RIGHT: u32 = 0xff53;
    pub const DOWN: u32 = 0xff54;
    pub const F10: u32 = 0xffc7;
    pub const MENU: u32 = 0xff67;
    pub const SHIFT: u32 = 0xffe1;
    pub const CONTROL: u32 = 0xffe3;
    pub const E: u32 = 0x0065;
    pub const L: u32 = 0x006c;
    pub const A: u32 = 0x0061;
}

/// Gives the top-most window of process `pid` (the main window, or a dialog it
/// opened) the keyboard focus and presses `strokes` one after the other through
/// XTest, as a keyboard does — so they reach GTK, its menu bar, its dialogs and
/// its accelerators, not only the page. A stroke is the keys held together (e.g.
/// Control, Shift, E), released in reverse order. Waits `pause` after each
/// stroke (a menu needs a moment to pop up).
pub fn press_keys(pid: u32, strokes: &[&[u32]], pause: std::time::Duration) -> X11Result<()> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    focus_top_most(&conn, root, pid)?;
    for stroke in strokes {
        let mut codes = Vec::new();
        for &key in *stroke {
            let (code, shifted) = keycode(&conn, key)?;
            if shifted {
                codes.push(keycode(&conn, keysym::SHIFT)?.0);
            }
            codes.push(code);
        }
        fake_stroke(&conn, root, &codes)?;
        std::thread::sleep(pause);
    }
    Ok(())
}

/// Types `text` (printable ASCII) into the top-most window of process `pid`,
/// key by key through XTest, with Shift where the keyboard map needs it.
pub fn type_text(pid: u32, text: &str) -> X11Result<()> {
    if let Some(c) = text.chars().find(|c| !(' '..='~').contains(c)) {
        return Err(format!("cannot type {c:?}: printable ASCII only").into());
    }
    // Printable ASCII characters are their own key symbols.
    let strokes: Vec<[u32; 1]> = text.chars().map(|c| [u32::from(c)]).collect();
    let strokes: Vec<&[u32]> = strokes.iter().map(|s| &s[..]).collect();
    press_keys(pid, &strokes, std::time::Duration::from_millis(5))
}

/// Clicks mouse `button` (1 left, 3 right) at `x`, `y` in the page of the app's
/// main window (CSS pixels from the page's top left, below the menu bar, whose
/// height is the window's less the page's `page_height`), through XTest as a
/// mouse does — so a right click opens GTK's context menu, which a WebDriver
/// click does not.
pub fn click_in_page(pid: u32, x: i16, y: i16, page_height: u16, button: u8) -> X11Result<()> {
    use x11rb::protocol::xproto::{BUTTON_PRESS_EVENT, BUTTON_RELEASE_EVENT, MOTION_NOTIFY_EVENT};
    use x11rb::protocol::xtest::ConnectionExt as _;
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let window = *top_level_windows_of(&conn, root, pid)?
        .first()
        .ok_or("the app has no visible window")?;
    let height = conn.get_geometry(window)?.reply()?.height;
    let below_menu = i16::try_from(height.saturating_sub(page_height))?;
    let at = conn
        .translate_coordinates(window, root, x, y + below_menu)?
        .reply()?;
    conn.xtest_fake_input(
        MOTION_NOTIFY_EVENT,
        0,
        x11rb::CURRENT_TIME,
        root,
        at.dst_x,
        at.dst_y,
        0,
    )?;
    conn.get_input_focus()?.reply()?;
    std::thread::sleep(std::time::Duration::from_millis(50));
    for kind in [BUTTON_PRESS_EVENT, BUTTON_RELEASE_EVENT] {
        conn.xtest_fake_input(kind, button, x11rb::CURRENT_TIME, root, 0, 0, 0)?;
    }
    conn.get_input_focus()?.reply()?;
    Ok(())
}

/// How many pop-up windows (menus: override-redirect, mapped) the display
/// shows while process `pid` has a window: GTK gives its menus no process id,
/// so on a desktop another program's pop-up counts too (compare counts).
pub fn popup_count(pid: u32) -> X11Result<usize> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    if top_level_windows_of(&conn, root, pid)?.is_empty() {
        return Ok(0);
    }
    let mut count = 0;
    for window in conn.query_tree(root)?.reply()?.children {
        let attributes = conn.get_window_attributes(window)?.reply()?;
        if attributes.override_redirect && attributes.map_state == MapState::VIEWABLE {
            count += 1;
        }
    }
    Ok(count)
}

/// The top-most visible top-level window of process `pid` (the main window, or
/// a dialog it opened).
pub(crate) fn top_most_window_of(
    conn: &RustConnection,
    root: Window,
    pid: u32,
) -> X11Result<Window> {
    // query_tree lists children bottom to top: the last one is on top.
    let window = *top_level_windows_of(conn, root, pid)?
        .last()
        .ok_or("the app has no visible window")?;
    Ok(window)
}

fn focus_top_most(conn: &RustConnection, root: Window, pid: u32) -> X11Result<()> {
    use x11rb::protocol::xproto::InputFocus;
    let window = top_most_window_of(conn, root, pid)?;
    conn.set_input_focus(InputFocus::PARENT, window, x11rb::CURRENT_TIME)?;
    conn.get_input_focus()?.reply()?;
    Ok(())
}

/// Presses `codes` in order and releases them in reverse, then waits for the server.
fn fake_stroke(conn: &RustConnection, root: Window, codes: &[u8]) -> X11Result<()> {
    use x11rb::protocol::xproto::{KEY_PRESS_EVENT, KEY_RELEASE_EVENT};
    use x11rb::protocol::xtest::ConnectionExt as _;
    for &code in codes {
        conn.xtest_fake_input(KEY_PRESS_EVENT, code, x11rb::CURRENT_TIME, root, 0, 0, 0)?;
    }
    for &code in codes.iter().rev() {
        conn.xtest_fake_input(KEY_RELEASE_EVENT, code, x11rb::CURRENT_TIME, root, 0, 0, 0)?;
    }
    conn.get_input_focus()?.reply()?;
    Ok(())
}

/// The key code the server's keyboard map gives `keysym`, and whether it is on
/// the shifted level of that key.
fn keycode(conn: &RustConnection, keysym: u32) -> X11Result<(u8, bool)> {
    let setup = conn.setup();
    let (min, max) = (setup.min_keycode, setup.max_keycode);
    let map = conn.get_keyboard_mapping(min, max - min + 1)?.reply()?;
    let per = usize::from(map.keysyms_per_keycode);
    for (i, syms) in map.keysyms.chunks(per).enumerate() {
        // Levels 0 and 1 of group 1: plain and with Shift.
        if let Some(level) = syms.iter().take(2).position(|&s| s == keysym) {
            return Ok((min + i as u8, level == 1));
        }
    }
    Err(format!("no key for keysym {keysym:#x}").into())
}
