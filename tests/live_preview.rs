//! The preview and the document model made block by block while typing
//! (`live::PreviewBlocks`) are the preview and the model made whole, on every KEP and template, before and after edits of every
//! kind: typing in a block, a new line, a reference's definition moved elsewhere,
//! a block removed.

mod common;

use comrak::Arena;
use specwright_core::analysis::RenderPreview;
use specwright_core::document::Document;
use specwright_core::live::{KeptTree, PreviewBlocks, block_relative};
use specwright_core::markdown::{self, LineIndex};
use specwright_core::storage;

/// The preview HTML, its blocks' first lines and the document model (as JSON).
type Made = (String, Vec<u32>, String);

/// What a parse of `text` makes whole.
fn whole(text: &str) -> Made {
    let arena = comrak::Arena::new();
    let root = markdown::parse(&arena, text);
    let relative = block_relative(&markdown::render_html(root));
    let model = Document::from_ast(text, &LineIndex::new(text), root);
    (relative.html, relative.starts, model_json(&model))
}

/// The preview's blocks, made as the live document makes them (each text
/// parsed by a kept tree, which tells the blocks what it kept of the parse
/// before) or, without a tree, from a parse of the whole text (the blocks then
/// find every block they kept by its source).
struct Blocks<'a> {
    blocks: PreviewBlocks,
    tree: Option<KeptTree<'a>>,
}

impl<'a> Blocks<'a> {
    /// Both ways, with a tree in `arena` first.
    fn both(arena: &'a Arena<'a>) -> [Self; 2] {
        [Some(KeptTree::new(arena)), None].map(|tree| Self {
            blocks: PreviewBlocks::default(),
            tree,
        })
    }

    /// What the blocks make of `text`, reusing the blocks they kept.
    fn made(&mut self, text: &str) -> Made {
        let arena = Arena::new();
        let (html, model) = match &mut self.tree {
            Some(tree) => {
                let parsed = tree.parse(text);
                self.blocks.follow(parsed.id, parsed.kept_from);
                self.blocks.render(text, parsed.lines, parsed.root)
            }
            None => {
                let root = markdown::parse(&arena, text);
                self.blocks.render(text, &LineIndex::new(text), root)
            }
        };
        (html, self.blocks.starts().to_vec(), model_json(&model))
    }
}

fn model_json(model: &Document) -> String {
    serde_json::to_string_pretty(model).unwrap()
}

/// Asserts that `got` is `want`, showing where they first differ.
#[track_caller]
fn assert_same(got: Made, want: Made, context: &str) {
    if got.0 != want.0 {
        let at = got
            .0
            .bytes()
            .zip(want.0.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |s: &str| {
            let from = (at.saturating_sub(300)..=at)
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(0);
            let to = (at + 300..s.len())
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(s.len());
            s[from..to.max(from)].to_owned()
        };
        panic!(
            "{context}: the HTML differs at byte {at}:\nblock by block: {}\nwhole: {}",
            around(&got.0),
            around(&want.0)
        );
    }
    assert_eq!(got.1, want.1, "{context}: the blocks' first lines differ");
    if got.2 != want.2 {
        let line = got.2.lines().zip(want.2.lines()).position(|(a, b)| a != b);
        let at = |s: &str| line.and_then(|l| s.lines().nth(l)).map(str::to_owned);
        panic!(
            "{context}: the document model differs at its line {line:?}: {:?} against {:?}",
            at(&got.2),
            at(&want.2)
        );
    }
}

fn edited(text: &str, at: usize, remove: usize, insert: &str) -> String {
    format!("{}{insert}{}", &text[..at], &text[at + remove..])
}

#[test]
fn block_by_block_is_the_whole_preview_before_and_after_edits() {
    for path in common::all_documents() {
        let name = common::fixture_name(&path);
        let text = storage::read_document(&path).unwrap().text;
        let arena = Arena::new();
        for mut blocks in Blocks::both(&arena) {
            let name = format!("{name} (with a tree: {})", blocks.tree.is_some());
            edit_and_compare(&mut blocks, &text, &name);
        }
    }
}

/// Makes `text` and then many edits to it with `blocks`, each as made whole.
fn edit_and_compare(blocks: &mut Blocks<'_>, text: &str, name: &str) {
    assert_same(blocks.made(text), whole(text), name);
    let mut current = text.to_owned();
    for at in common::spread_line_starts(text, 12) {
        let at = at.min(current.len());
        let at = (0..=at)
            .rev()
            .find(|&i| current.is_char_boundary(i))
            .unwrap();
        // A byte replaced by another keeps every length (a ticked box does that).
        for (remove, insert) in [
            (0, "x"),
            (0, "\n"),
            (0, "\n\n# Inserted\n\n"),
            (1, ""),
            (1, "y"),
        ] {
            let remove = if at + remove <= current.len() && current.is_char_boundary(at + remove) {
                remove
            } else {
                0
            };
            current = edited(&current, at, remove, insert);
            assert_same(
                blocks.made(&current),
                whole(&current),
                &format!("{name}: {remove} removed and {insert:?} inserted at byte {at}"),
            );
        }
    }
}

#[test]
fn a_reference_redefined_elsewhere_changes_the_blocks_that_use_it() {
    let arena = Arena::new();
    for mut blocks in Blocks::both(&arena) {
        references_redefined(&mut blocks);
    }
}

fn references_redefined(blocks: &mut Blocks<'_>) {
    let before = "See [the design][d] and ![chart][c].\n\nOther text.\n\n[d]: https://one.example\n[c]: chart.png \"Chart\"\n";
    assert_same(blocks.made(before), whole(before), "before");
    // The same targets, on the other text: `[a] [b]` with the definition moved from a to b.
    let swapped = "[a] [b]\n\nx\n\n[a]: /u\n";
    assert_same(blocks.made(swapped), whole(swapped), "a defined");
    let moved = swapped.replace("[a]: /u", "[b]: /u");
    assert_same(blocks.made(&moved), whole(&moved), "b defined");
    for after in [
        before.replace("https://one.example", "https://two.example"),
        before.replace("\"Chart\"", "\"Usage\""),
        before.replace("[d]: https://one.example\n", ""),
        format!("[d]: https://first.example\n\n{before}"),
    ] {
        assert_same(blocks.made(&after), whole(&after), &after);
    }
}

#[test]
fn footnotes_are_made_whole_and_stay_right() {
    let arena = Arena::new();
    for mut blocks in Blocks::both(&arena) {
        footnotes(&mut blocks);
    }
}

fn footnotes(blocks: &mut Blocks<'_>) {
    let text = "One[^a] and two[^b].\n\nMore.\n\n[^b]: Bee.\n\n[^a]: Ay.\n";
    assert_same(blocks.made(text), whole(text), "notes");
    let edited = text.replace("More.", "More text.");
    assert_same(blocks.made(&edited), whole(&edited), "edited");
    let pattern = "Matches `[^a-z]` and [^x] with no note.\n\nMore.\n";
    assert_same(blocks.made(pattern), whole(pattern), "pattern");
    let plain = "No notes here.\n\nMore.\n";
    assert_same(blocks.made(plain), whole(plain), "plain");
}
