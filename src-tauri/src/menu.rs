//! The native menu bar. Choosing an item sends [`ShellEvent::Menu`] to the UI,
//! which owns what each action does (it knows about unsaved changes); File →
//! Open Recent is in [`recent`], View → Check Spelling in [`spelling`] and
//! View → Spelling Language in [`languages`].

use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

use crate::ipc::{MenuAction, SHELL_EVENT, ShellEvent};

pub mod languages;
pub mod recent;
pub mod spelling;

/// Menu item id, label, accelerator, action.
const ITEMS: &[(&str, &str, Option<&str>, MenuAction)] = &[
    (
        "new",
        "New from Template…",
        Some("CmdOrCtrl+N"),
        MenuAction::New,
    ),
    ("open", "Open…", Some("CmdOrCtrl+O"), MenuAction::Open),
    ("save", "Save", Some("CmdOrCtrl+S"), MenuAction::Save),
    (
        "save-as",
        "Save As…",
        Some("CmdOrCtrl+Shift+S"),
        MenuAction::SaveAs,
    ),
    (
        "save-as-template",
        "Save as Template…",
        None,
        MenuAction::SaveAsTemplate,
    ),
    (
        "export",
        "Export…",
        Some("CmdOrCtrl+Shift+E"),
        MenuAction::Export,
    ),
    ("home", "Start Screen", None, MenuAction::Home),
    ("quit", "Quit", Some("CmdOrCtrl+Q"), MenuAction::Quit),
    ("find", "Find and Replace", None, MenuAction::Find),
    ("view-editor", "Editor Only", None, MenuAction::ViewEditor),
    (
        "view-split",
        "Editor and Preview",
        None,
        MenuAction::ViewSplit,
    ),
    (
        "view-preview",
        "Preview Only",
        None,
        MenuAction::ViewPreview,
    ),
    (
        "toggle-checklist",
        "Checklist Panel",
        None,
        MenuAction::ToggleChecklist,
    ),
    (
        "personal-dictionary",
        "Personal Dictionary…",
        None,
        MenuAction::PersonalDictionary,
    ),
    ("about", "About Specwright", None, MenuAction::About),
];

/// Builds the menu bar: File, Edit, View, Help.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str| {
        let (id, label, accel, _) = ITEMS
            .iter()
            .find(|(i, ..)| *i == id)
            .expect("known menu id");
        let mut builder = MenuItemBuilder::with_id(*id, *label);
        if let Some(accel) = accel {
            builder = builder.accelerator(*accel);
        }
        builder.build(app)
    };
    let file = SubmenuBuilder::new(app, "File")
        .items(&[&item("new")?, &item("open")?])
        .item(&recent::submenu(app)?)
        .separator()
        .items(&[
            &item("save")?,
            &item("save-as")?,
            &item("save-as-template")?,
        ])
        .separator()
        .item(&item("export")?)
        .separator()
        .items(&[&item("home")?, &item("quit")?])
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .items(&[
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ])
        .separator()
        .item(&item("find")?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .items(&[
            &item("view-editor")?,
            &item("view-split")?,
            &item("view-preview")?,
        ])
        .separator()
        .item(&item("toggle-checklist")?)
        .item(&spelling::item(app)?)
        .item(&languages::submenu(app)?)
        .item(&item("personal-dictionary")?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item("about")?)
        .build()?;
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()
}

/// Forwards a chosen menu item to the UI.
pub fn forward<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if recent::choose(app, id) || spelling::choose(app, id) || languages::choose(app, id) {
        return;
    }
    if let Some((.., action)) = ITEMS.iter().find(|(i, ..)| *i == id) {
        let _ = app.emit(SHELL_EVENT, ShellEvent::Menu { action: *action });
    }
}
