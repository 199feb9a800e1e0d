//! Escaping, fuzz-ish: every ASCII punctuation character, and the sequences
//! Typst gives a meaning to, in every place text can be — and the PDF shows them
//! as written. Plus the inputs that must become placeholders, not failures.

mod common;

use common::{normalize, pdf, pdf_text};
use specwright_export::Diagrams;
use specwright_pdf::{PdfOptions, export_pdf};

const TRICKY: &[&str] = &[
    "#set page(width: 1cm)",
    "// not a comment",
    "/* not */",
    "= not a heading",
    "- not a list",
    "+ nor this",
    "1. nor this",
    "$x^2$",
    "<label>",
    "@ref",
    "*strong*",
    "_emph_",
    "`raw`",
    "\\",
    "\\\\",
    "~nbsp~",
    "--",
    "---",
    "...",
    "'quote'",
    "\"double\"",
    "[bracket]",
    "]",
    "#{",
    "}",
    "#let x = 1",
    "#(1+1)",
    "\\u{41}",
    "a\\",
    "http://example.com/x",
    "/ term: desc",
];

fn contexts(s: &str) -> String {
    // Markdown-escape what Markdown would eat, so the text reaches the exporter.
    let md: String = s
        .chars()
        .flat_map(|c| {
            let esc = c.is_ascii_punctuation();
            esc.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect();
    let code = s.replace('`', "'");
    format!(
        "## H {md}\n\nText {md} end.\n\n| A {md} | B |\n|---|---|\n| {md} | [link {md}](https://example.com) |\n\n\
         - [ ] task {md}\n- [x] done {md}\n\n> quote {md}\n\nInline `` {code} `` code and footnote[^n].\n\n\
         [^n]: Note {md}.\n\n```{}\n{s}\n```\n\n![alt {md}](missing.png)\n\n",
        if s.contains('\n') { "" } else { "text" }
    )
}

#[test]
fn every_ascii_punctuation_character_in_every_context() {
    let mut doc = String::from("# Escaping\n\n**Status**: Draft\n\n");
    let puncts: Vec<String> = (b'!'..=b'~')
        .map(char::from)
        .filter(char::is_ascii_punctuation)
        .map(|c| format!("x{c}y {c}{c} {c}"))
        .collect();
    for p in &puncts {
        doc.push_str(&contexts(p));
    }
    let bytes = pdf(&doc, None);
    let text = normalize(&pdf_text(&bytes));
    for c in (b'!'..=b'~')
        .map(char::from)
        .filter(char::is_ascii_punctuation)
    {
        let wanted = normalize(&format!("Text x{c}y {c}{c} {c} end."));
        assert!(text.contains(&wanted), "{wanted:?} not shown as written");
    }
}

#[test]
fn typst_syntax_in_text_stays_text() {
    let mut doc = String::from("# Tricky\n\n");
    for s in TRICKY {
        doc.push_str(&contexts(s));
    }
    // Also as a front matter title, and in metadata fields.
    let doc = format!(
        "---\ntitle: \"#set text(red) // $x$ <l> @r\"\nstatus: \"*draft* ]\"\n---\n\n**Owner**: `#x` [y](z)\n\n{doc}"
    );
    let text = normalize(&pdf_text(&pdf(&doc, None)));
    for s in TRICKY {
        let wanted = normalize(&format!("Text {s} end."));
        if !s.contains('<') {
            assert!(text.contains(&wanted), "{wanted:?} not shown as written");
        }
    }
    assert!(text.contains(&normalize("#set text(red) // $x$")));
}

#[test]
fn hostile_and_broken_inputs_still_export() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.png"),
        b"\x89PNG\r\n\x1a\nthis is not a png",
    )
    .unwrap();
    std::fs::write(dir.path().join("fake.jpg"), b"GIF89a no").unwrap();
    std::fs::write(dir.path().join("bad.svg"), b"<svg><unclosed").unwrap();
    std::fs::write(
        dir.path().join("ok.svg"),
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>"#,
    )
    .unwrap();
    let deep = ">".repeat(200) + " deep\n\n" + &"- ".repeat(150) + "nested\n";
    let wide_table = format!(
        "|{}|\n|{}|\n{}",
        (0..40)
            .map(|i| format!(" c{i} "))
            .collect::<Vec<_>>()
            .join("|"),
        (0..40).map(|_| "---").collect::<Vec<_>>().join("|"),
        (0..300)
            .map(|r| format!(
                "|{}|\n",
                (0..40)
                    .map(|c| format!("{r}.{c}"))
                    .collect::<Vec<_>>()
                    .join("|")
            ))
            .collect::<String>()
    );
    let doc = format!(
        "# Hostile\n\n<script>alert(1)</script>\n\n<!-- guidance -->\n\n\
         ![remote](https://example.com/a.png) ![broken](broken.png) ![fake](fake.jpg) \
         ![bad](bad.svg) ![ok](ok.svg) ![dir](.) ![none]()\n\n\
         [js](javascript:alert(1)) [anchor](#hostile) [missing](#nowhere)\n\n\
         Self footnote[^a].\n\n[^a]: Cites itself[^a].\n\n\
         ✅ done ❌ failed ⚠️ careful 🚀 日本語 العربية\n\n\
         ```mermaid\ngraph TD; A-->B\n```\n\n```mermaid\ngraph TD; C-->D\n```\n\n\
         {deep}\n\n{wide_table}\n\u{0}\u{7}\u{2028}end\n"
    );
    let mut diagrams = Diagrams::new();
    diagrams.insert(
        0,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><text x="5" y="20">A to B</text></svg>"#.into(),
    );
    diagrams.insert(1, "<svg not really".into());
    let bytes = export_pdf(
        &doc,
        &PdfOptions {
            base_dir: Some(dir.path()),
            diagrams: Some(&diagrams),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let text = pdf_text(&bytes);
    assert!(!text.contains("alert(1)"), "raw HTML came through");
    assert!(text.contains("remote image not included"), "{text}");
    assert!(text.contains("damaged"), "{text}");
    assert!(
        text.contains("graph TD; C-->D") || text.contains("C-->D"),
        "diagram source kept"
    );
    assert!(
        !text.contains("A-->B"),
        "the rendered diagram replaces its source"
    );
}

#[test]
fn empty_and_whitespace_documents() {
    for doc in ["", "\n\n", "---\n---\n", "   ", "# \n"] {
        let bytes =
            export_pdf(doc, &PdfOptions::default()).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
