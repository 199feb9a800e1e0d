//! The tree kept while typing (`live::KeptTree`), which parses again only the
//! top-level blocks an edit may change, is the tree a parse of the whole text
//! gives — on every KEP and template, through edits of every kind spread over
//! each of them: typing, new lines and paragraphs, a line removed, a fence or a
//! list opened, a reference to a label the document defines.

mod common;

use comrak::Arena;
use specwright_core::live::KeptTree;
use specwright_core::markdown::{self, debug_tree};
use specwright_core::storage;

/// Byte offsets spread through `text`: line starts and the middles of lines.
fn spread_offsets(text: &str, count: usize) -> Vec<usize> {
    let starts = common::spread_line_starts(text, count);
    starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            if n % 2 == 0 {
                start
            } else {
                (start + line_end) / 2
            }
        })
        .collect()
}

fn boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[test]
fn the_kept_tree_is_the_whole_parse_through_edits_of_every_fixture() {
    let (mut stretches, mut edits) = (0, 0);
    for path in common::all_documents() {
        let name = common::fixture_name(&path);
        let mut current = storage::read_document(&path).unwrap().text;
        let arena = Arena::new();
        let mut tree = KeptTree::new(&arena);
        tree.parse(&current);
        for at in spread_offsets(&current.clone(), 16) {
            for (remove, insert) in [
                (0, "x"),
                (0, "\n"),
                (0, "\n\nA new paragraph.\n\n"),
                (1, ""),
                (0, "```\n"),
                (4, ""),
                (0, "- "),
                (0, " [kubernetes/enhancements] "),
                (0, "\n---\n"),
            ] {
                let from = boundary(&current, at);
                let to = boundary(&current, from + remove);
                current = format!("{}{insert}{}", &current[..from], &current[to..]);
                let root = tree.parse(&current).root;
                let kept = debug_tree(root);
                let whole_arena = Arena::new();
                let whole = debug_tree(markdown::parse(&whole_arena, &current));
                if kept != whole {
                    let line = kept
                        .lines()
                        .zip(whole.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    panic!(
                        "{name}: {remove} removed and {insert:?} inserted at byte {from}: the tree differs at node {line}:\nkept:  {:?}\nwhole: {:?}",
                        kept.lines().nth(line),
                        whole.lines().nth(line)
                    );
                }
                edits += 1;
                stretches += usize::from(!tree.parsed_whole());
            }
        }
    }
    // Most edits parse a stretch, not the document.
    assert!(
        stretches * 3 > edits * 2,
        "only {stretches} of {edits} edits parsed a stretch"
    );
}
