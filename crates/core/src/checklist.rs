//! The checklist panel's data: every GFM task item, grouped by section.

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// One task item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistItem {
    /// 1-based line of the item (the line to pass to `toggle`).
    pub line: usize,
    pub checked: bool,
    pub text: String,
    /// The heading of the section it sits in.
    pub section: Option<String>,
}

/// Done and total counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// The items of one section ("Acceptance criteria 2/5").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistGroup {
    pub section: Option<String>,
    /// Line of the section heading (1 for items before any heading).
    pub line: usize,
    pub done: usize,
    pub total: usize,
}

/// Every task item of a document, with progress per section and overall.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
    pub groups: Vec<ChecklistGroup>,
    pub progress: Progress,
}

impl Checklist {
    /// The checklist of an analysed document.
    pub fn of(doc: &Document) -> Self {
        let mut out = Checklist::default();
        let mut group_of: Option<Option<usize>> = None;
        for task in &doc.tasks {
            let section = task.section.map(|i| doc.sections[i].heading.text.clone());
            if group_of != Some(task.section) {
                group_of = Some(task.section);
                out.groups.push(ChecklistGroup {
                    section: section.clone(),
                    line: task.section.map_or(1, |i| doc.sections[i].heading.line),
                    done: 0,
                    total: 0,
                });
            }
            let group = out.groups.last_mut().expect("a group was just pushed");
            group.total += 1;
            group.done += usize::from(task.checked);
            out.progress.total += 1;
            out.progress.done += usize::from(task.checked);
            out.items.push(ChecklistItem {
                line: task.line,
                checked: task.checked,
                text: task.text.clone(),
                section,
            });
        }
        out
    }
}
