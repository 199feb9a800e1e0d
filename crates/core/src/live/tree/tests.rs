use proptest::prelude::*;

use super::*;
use crate::live::tests::{blocks_strategy, edited};
use crate::markdown::debug_tree;

/// The tree a parse of the whole of `text` gives.
fn whole(text: &str) -> String {
    let arena = Arena::new();
    debug_tree(markdown::parse(&arena, text))
}

/// The first line where two tree dumps differ, if any.
fn first_difference(kept: &str, whole: &str) -> Option<(usize, String, String)> {
    let (mut a, mut b) = (kept.lines(), whole.lines());
    (0..).find_map(|i| match (a.next(), b.next()) {
        (None, None) => Some(None),
        (x, y) if x == y => None,
        (x, y) => Some(Some((
            i,
            x.unwrap_or("").to_owned(),
            y.unwrap_or("").to_owned(),
        ))),
    })?
}

/// Parses `before`, then each of `after` in turn, with one kept tree; checks
/// each is the whole parse and says which were parsed whole.
fn kept_parses(before: &str, after: &[&str]) -> Vec<bool> {
    let arena = Arena::new();
    let mut tree = KeptTree::new(&arena);
    tree.parse(before);
    after
        .iter()
        .map(|text| {
            let root = tree.parse(text).root;
            let difference = first_difference(&debug_tree(root), &whole(text));
            assert_eq!(difference, None, "after {before:?} → {text:?}");
            tree.parsed_whole()
        })
        .collect()
}

fn paragraphs(n: usize) -> String {
    (0..n)
        .map(|i| format!("## Part {i}\n\nSome *text* with a [link](/p{i}) and `code`.\n\n- [ ] a task\n- [x] done\n\n"))
        .collect()
}

#[test]
fn a_keystroke_parses_the_blocks_around_it_only() {
    let text = paragraphs(400);
    let arena = Arena::new();
    let mut tree = KeptTree::new(&arena);
    tree.parse(&text);
    let nodes = arena.len();
    let mid = text.len() / 2;
    let typed = edited(&text, mid, 0, "x");
    let root = tree.parse(&typed).root;
    assert_eq!(first_difference(&debug_tree(root), &whole(&typed)), None);
    assert!(!tree.parsed_whole());
    assert!(
        arena.len() - nodes < 100,
        "{} new nodes",
        arena.len() - nodes
    );
    // An Enter moves every block below by a line.
    let entered = edited(&typed, 10, 0, "\n");
    let root = tree.parse(&entered).root;
    assert_eq!(first_difference(&debug_tree(root), &whole(&entered)), None);
    assert!(!tree.parsed_whole());
}

#[test]
fn replaced_blocks_fill_the_arena_until_a_new_one_is_due() {
    let text = paragraphs(20);
    let arena = Arena::new();
    let mut tree = KeptTree::new(&arena);
    tree.parse(&text);
    let mut edits = 0;
    while !tree.wasteful() {
        let typed = edited(
            &text,
            text.len() / 2,
            0,
            if edits % 2 == 0 { "x" } else { "" },
        );
        tree.parse(&typed);
        assert!(!tree.parsed_whole());
        edits += 1;
        assert!(edits < 20_000, "never wasteful");
    }
    // About 100,000 replaced nodes, a few dozen each keystroke.
    assert!(edits > 1_000, "wasteful after {edits} edits");
}

#[test]
fn what_a_change_opens_reaches_as_far_as_it_does() {
    let text = "# T\n\npara\n\n- item\n\nnext\n\n    code\n\nlast\n";
    for (at, insert) in [
        // A fence opened swallows the rest; a list item takes the indented code.
        (5, "```\n"),
        (5, "- a\n"),
        (5, "<div>\n"),
        (5, "> quote\n"),
        // The blank line before a block taken away.
        (9, "x"),
        (10, "more\n"),
        // Into the list: `next` becomes lazy, then a new item.
        (18, "  "),
        (18, "- "),
        // A setext underline and a table's delimiter row after a paragraph.
        (10, "===\n"),
        (10, "|-|\n"),
        (0, "---\ntitle: x\n---\n"),
        (5, "---\ntitle: x\n---\n"),
        (text.len(), "\n[^1]: a footnote"),
    ] {
        let after = edited(text, at, 0, insert);
        kept_parses(text, &[&after]);
    }
}

#[test]
fn link_definitions_anywhere_keep_their_meaning() {
    let text = "[a]\n\nzero\n\npara one\n\npara two\n\n[a]: /defined\n";
    // Defining, changing and using labels: all parsed whole; text elsewhere not.
    let cases = [
        (edited(text, 16, 0, " [a]"), true),
        (edited(text, 16, 0, " [A  ]"), true),
        (edited(text, 16, 0, "[b]: /new\n\n"), true),
        (edited(text, text.len() - 2, 1, "x"), true),
        (edited(text, 16, 0, " [b]"), false),
        (edited(text, 16, 0, " more"), false),
    ];
    for (after, is_whole) in cases {
        assert_eq!(kept_parses(text, &[&after]), [is_whole], "{after:?}");
    }
}

/// comrak stops resolving references once their URLs and titles would pass
/// the text's length: a keystroke anywhere moves that limit, and a reference
/// taken away leaves room for others. Found by a review.
#[test]
fn references_near_comrak_budget_for_them_parse_whole() {
    let tight = "[a]: /uuuuuuuuu\n\n[a] [a] [a] [a]\n\nm\n\np\n";
    let uses = "[a] ".repeat(20);
    let freed = format!(
        "[a]: /{}\n\nfirst\n\nsee [a] here\n\nmid\n\n{uses}\n",
        "u".repeat(50)
    );
    for (before, after) in [
        (tight.to_owned(), tight.replace("\np\n", "\npx\n")),
        (tight.replace("\np\n", "\npx\n"), tight.to_owned()),
        (freed.clone(), freed.replace("see [a] here", "see a here")),
    ] {
        assert_eq!(kept_parses(&before, &[&after]), [true], "{after:?}");
    }
    // comrak places the inlines of a paragraph that starts with a definition on
    // the definition's line: `x[r]` is read at `[r]:`'s place, so a count that
    // tells references by their source took it for an autolink (found by a
    // review's fuzzing). Every link counts now.
    let placed = format!(
        "[r]: /{}\n\nt\n\n[r]\n\nm\n\n[r]:a\nx[r]\n\n[r]:a\nx[r]\n\n[r]\n\n[r]:a\nx\n",
        "u".repeat(19)
    );
    assert_eq!(
        kept_parses(&placed, &[&placed.replacen("\n[r]\n", "\n[s]\n", 1)]),
        [true]
    );
    // Far from the limit, a stretch is parsed.
    let roomy = format!(
        "[a]: /u\n\n[a] [a]\n\nk\n\nm\n\np\n{}",
        "text\n\n".repeat(50)
    );
    assert_eq!(
        kept_parses(&roomy, &[&roomy.replace("\nm\n", "\nmx\n")]),
        [false]
    );
}

/// Links written inline take nothing of comrak's budget for references: a large
/// document whose links alone pass it (100,000 bytes) is still parsed a stretch
/// at a time, while its references stay counted. Every link counted made each
/// keystroke in a 10 MB document a whole parse (window benchmark, 2026-12-07).
#[test]
fn links_written_inline_leave_the_budget_for_references_alone() {
    let address = format!("/{}", "a".repeat(100));
    let inline: String = (0..1_200)
        .map(|i| format!("See [page {i}]({address}/{i}) and <https://x.example{address}>.\n\n"))
        .collect();
    let text = format!("[d]: /defined\n\n{inline}The [d] reference.\n\nlast\n");
    assert!(text.len() > 250_000);
    let typed = text.replace("See [page 600]", "See [page 600x]");
    assert_eq!(kept_parses(&text, &[&typed]), [false]);
    // The same links, each written as a reference, pass the budget: a keystroke
    // anywhere, here in a paragraph with no link, parses the whole text.
    let defined: String = (0..1_200)
        .map(|i| format!("[p{i}]: {address}/{i}\n\n"))
        .collect();
    let used: String = (0..1_200)
        .map(|i| format!("See [page {i}][p{i}].\n\n"))
        .collect();
    let text = format!("{defined}\n{used}between\n\nplain\n\nlast\n");
    let typed = text.replace("plain", "plainx");
    assert_eq!(kept_parses(&text, &[&typed]), [true]);
}

/// Texts where comrak puts a reference's inlines where the link's source text
/// would not say it is one (a review's fuzzing, against an earlier count that
/// read positions): each keystroke's tree is the whole parse's, either way.
#[test]
fn references_counted_wherever_comrak_places_them() {
    let title = |n| format!("[r]: <> \"{}\"", "T".repeat(n));
    let six = "[r]  [r]  [r]  [r]  [r]  [r]";
    let texts = [
        // After a tab in nested containers.
        format!("{}\n\n> > a\n>\t{six}\n\nmid\n\npad\n", title(20)),
        // After a link destination across lines.
        format!(
            "{}\n\nx[](\n{}u) [r] [r] [r] [r] [r] [r]\n\nmid\n\npad\n",
            title(20),
            " ".repeat(22)
        ),
        // After a label across lines.
        format!(
            "{}\n\n[][r\n]{}\n{six}\n\nmid\n\npad\n",
            title(20),
            "x".repeat(40)
        ),
        // In a table under a paragraph that starts with a definition.
        format!(
            "{}\n--\na|{six}\n-|-\n\nmid\n\npad{}\n",
            title(60),
            "x".repeat(100)
        ),
    ];
    for text in &texts {
        let typed = text.replace("pad", &format!("pad{}", "x".repeat(100)));
        kept_parses(text, &[&typed]);
        kept_parses(&typed, &[text]);
    }
}

/// A destination in angle brackets keeps a form feed or vertical tab at its
/// ends, and may be only that (a review's fuzzing): one more byte elsewhere lets
/// comrak resolve one more reference.
#[test]
fn destinations_keep_form_feeds_and_vertical_tabs() {
    let pairs = [
        (
            "[a]: <\x0c> \"TTTTTTTTTT\"\n\n[a] [a] [a] [a] [a] [a]\n\nm\n\npp\n",
            "pp\n",
            "ppp\n",
        ),
        (
            "[a]: <u\x0b> \"TTTTTTTTTTTTTTTTTTTT\"\n\n[a] [a] [a]\n\nm\n\npppppppppppppp\n",
            "p\n",
            "pp\n",
        ),
    ];
    for (text, end, longer) in pairs {
        let typed = text.replace(end, longer);
        kept_parses(text, &[&typed]);
        kept_parses(&typed, &[text]);
    }
    assert_eq!(
        DefinedUrls::of("[a]: <\x0c> \"t\"\n[b]: <u\x0b>\n"),
        DefinedUrls::Among(
            ["", "<", "\x0c", ">", "\"t\"", "<u", "u\x0b"]
                .map(String::from)
                .into()
        )
    );
}

#[test]
fn urls_a_definition_may_give() {
    let among = |urls: &[&str]| DefinedUrls::Among(urls.iter().map(|u| u.to_string()).collect());
    assert_eq!(
        DefinedUrls::of("[a]: /u \"t\"\n"),
        among(&["", "/u", "\"t\""])
    );
    assert_eq!(
        DefinedUrls::of("[a]: < a b >\n"),
        among(&["", "<", "a", "b", ">", "a b"])
    );
    // On the next line, after a container's `>`; with CR line endings.
    assert_eq!(DefinedUrls::of("> [a]:\r\n>/u\r\n"), among(&[">/u", "/u"]));
    assert_eq!(DefinedUrls::of("[a]:  \r/v\r"), among(&["/v"]));
    assert_eq!(DefinedUrls::of("no definition here"), among(&[]));
    for text in ["[a]: /\\u\n", "[a]: /&amp;\n", "[a]:\n/u\0\n"] {
        assert_eq!(DefinedUrls::of(text), DefinedUrls::Any, "{text:?}");
    }
}

#[test]
fn labels_read_plainly_or_taken_for_any() {
    let labels = DefinedLabels::of("[Foo  Bar]: /u\n> [q]: /v\n```\n[in code]: /w\n```\n");
    assert!(!labels.any);
    for label in ["foo bar", "q", "in code"] {
        assert!(labels.may_define(label), "{label}");
    }
    assert!(!labels.may_define("foo"));
    for text in [
        "[a\\]b]: /u",
        "[a\nb]: /u",
        "[é]: /u",
        "\\[a]: /u",
        "[a\tb]: /u",
    ] {
        assert!(DefinedLabels::of(text).any, "{text:?}");
    }
    assert!(!DefinedLabels::of("[a]] : no [b]]: no").any);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// The kept tree after any three edits is the tree of the whole text.
    #[test]
    fn the_kept_tree_is_the_whole_parse(
        before in blocks_strategy(0..40),
        edits in prop::collection::vec((0usize..400, 0usize..12, blocks_strategy(0..4)), 3),
    ) {
        let mut texts = Vec::new();
        let mut text = before.clone();
        for (at, remove, insert) in &edits {
            text = edited(&text, *at, *remove, insert);
            texts.push(text.clone());
        }
        let arena = Arena::new();
        let mut tree = KeptTree::new(&arena);
        tree.parse(&before);
        for text in &texts {
            let root = tree.parse(text).root;
            let difference = first_difference(&debug_tree(root), &whole(text));
            prop_assert_eq!(difference, None, "{:?}", text);
        }
    }
}
