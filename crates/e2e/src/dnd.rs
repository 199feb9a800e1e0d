//! Dropping files on a window as a file manager does: the X11 drag-and-drop
//! protocol (XDND, version 5) from a drag source of our own. WebDriver cannot
//! drag from outside the page, so the tests play the file manager's part:
//! enter, position, wait for the window to accept, drop, hand over the files as
//! `text/uri-list` when asked, and wait until the window says it has finished.

use std::path::Path;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, CreateWindowAux, EventMask, PropMode,
    SELECTION_NOTIFY_EVENT, SelectionNotifyEvent, SelectionRequestEvent, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;
use x11rb::{COPY_DEPTH_FROM_PARENT, COPY_FROM_PARENT, CURRENT_TIME};

use crate::window::{X11Result, atom, top_most_window_of};

/// The protocol's messages and names.
struct Atoms {
    aware: u32,
    enter: u32,
    position: u32,
    status: u32,
    drop: u32,
    finished: u32,
    selection: u32,
    copy: u32,
    uri_list: u32,
}

impl Atoms {
    fn new(conn: &RustConnection) -> X11Result<Self> {
        Ok(Self {
            aware: atom(conn, b"XdndAware")?,
            enter: atom(conn, b"XdndEnter")?,
            position: atom(conn, b"XdndPosition")?,
            status: atom(conn, b"XdndStatus")?,
            drop: atom(conn, b"XdndDrop")?,
            finished: atom(conn, b"XdndFinished")?,
            selection: atom(conn, b"XdndSelection")?,
            copy: atom(conn, b"XdndActionCopy")?,
            uri_list: atom(conn, b"text/uri-list")?,
        })
    }
}

/// Drags `files` onto the middle of the top-most window of process `pid` and
/// drops them there. Returns whether the window accepted the drop.
pub fn drop_files(pid: u32, files: &[&Path], wait: Duration) -> X11Result<bool> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let atoms = Atoms::new(&conn)?;
    let target = top_most_window_of(&conn, root, pid)?;
    let aware = conn
        .get_property(false, target, atoms.aware, AtomEnum::ATOM, 0, 1)?
        .reply()?;
    if aware.value_len == 0 {
        return Err("the app window does not take drops (no XdndAware)".into());
    }
    let geometry = conn.get_geometry(target)?.reply()?;
    let centre = conn
        .translate_coordinates(
            target,
            root,
            (geometry.width / 2) as i16,
            (geometry.height / 2) as i16,
        )?
        .reply()?;
    let at = (u32::from(centre.dst_x as u16) << 16) | u32::from(centre.dst_y as u16);

    let source = conn.generate_id()?;
    conn.create_window(
        COPY_DEPTH_FROM_PARENT,
        source,
        root,
        -10,
        -10,
        1,
        1,
        0,
        WindowClass::INPUT_OUTPUT,
        COPY_FROM_PARENT,
        &CreateWindowAux::new(),
    )?;
    conn.set_selection_owner(source, atoms.selection, CURRENT_TIME)?;
    let uris: String = files
        .iter()
        .map(|f| format!("file://{}\r\n", f.display()))
        .collect();

    let send = |kind: u32, data: [u32; 5]| -> X11Result<()> {
        let event = ClientMessageEvent::new(32, target, kind, data);
        conn.send_event(false, target, EventMask::NO_EVENT, event)?;
        conn.flush()?;
        Ok(())
    };
    send(atoms.enter, [source, 5 << 24, atoms.uri_list, 0, 0])?;
    send(atoms.position, [source, 0, at, CURRENT_TIME, atoms.copy])?;

    let deadline = Instant::now() + wait;
    let mut accepted = None;
    loop {
        let Some(event) = conn.poll_for_event()? else {
            if Instant::now() > deadline {
                return Err(format!("no answer from the window (accepted: {accepted:?})").into());
            }
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        match event {
            Event::ClientMessage(message)
                if message.type_ == atoms.status && accepted.is_none() =>
            {
                let ok = message.data.as_data32()[1] & 1 == 1;
                accepted = Some(ok);
                if !ok {
                    break;
                }
                send(atoms.drop, [source, 0, CURRENT_TIME, 0, 0])?;
            }
            Event::SelectionRequest(request) if request.selection == atoms.selection => {
                hand_over(&conn, &request, &uris, atoms.uri_list)?;
            }
            Event::ClientMessage(message) if message.type_ == atoms.finished => break,
            _ => {}
        }
    }
    conn.destroy_window(source)?;
    conn.flush()?;
    Ok(accepted == Some(true))
}

/// Answers the window's request for the dragged data with the file list.
fn hand_over(
    conn: &RustConnection,
    request: &SelectionRequestEvent,
    uris: &str,
    uri_list: u32,
) -> X11Result<()> {
    let property = if request.target == uri_list {
        conn.change_property8(
            PropMode::REPLACE,
            request.requestor,
            request.property,
            uri_list,
            uris.as_bytes(),
        )?;
        request.property
    } else {
        x11rb::NONE
    };
    let notify = SelectionNotifyEvent {
        response_type: SELECTION_NOTIFY_EVENT,
        sequence: 0,
        time: request.time,
        requestor: request.requestor,
        selection: request.selection,
        target: request.target,
        property,
    };
    conn.send_event(false, request.requestor, EventMask::NO_EVENT, notify)?;
    conn.flush()?;
    Ok(())
}
