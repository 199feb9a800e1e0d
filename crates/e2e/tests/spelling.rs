//! Spell checking in the editor, as a person sees it: a misspelt word typed
//! into the text gets the web view's red underline (a word in code does not),
//! a right click on it offers corrections and choosing one replaces it, and
//! View → Check Spelling turns checking off, which the app remembers.
//!
//! The underline is looked for in the pixels of the editor line: WebKit keeps
//! spelling marks out of the page's DOM.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use specwright_e2e::App;
use specwright_e2e::window::keysym::{DOWN, F10, RETURN, RIGHT};

const LAST: &str = ".cm-line:last-child";

const SPEC: &str = "# Rollout notes\n\nThe plan is ready for review.\n";

/// Pixels of the red of a spelling underline in a PNG (light theme: the
/// editor's text is grey-blue, its code brown, its links blue).
fn red_pixels(png: &[u8]) -> usize {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("its pixels");
    let channels = info.color_type.samples();
    pixels[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| p[0] > 200 && p[1] < 160 && p[2] < 160)
        .count()
}

/// Types `text` at the end of the document as a person does: a line break,
/// then word by word (WebKit checks a word once the next one is begun).
async fn type_line(app: &App, text: &str) {
    app.editor_to_end().await;
    let editor = app.wait_for(".cm-content").await;
    editor
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .unwrap();
    for word in text.split_inclusive(' ') {
        editor.send_keys(word).await.unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// The red pixels of editor line `css`, polled until there are some if
/// `want_some` (or for 10 s).
async fn line_red(app: &App, css: &str, want_some: bool) -> usize {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let red = red_pixels(&app.element_png(css).await);
        if (red > 0) == want_some || Instant::now() > deadline {
            return red;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test]
async fn misspelt_words_are_underlined_corrected_and_checking_turns_off() {
    let app = App::launch("spelling", &[]).await;
    let doc = app.dir.path().join("notes.md");
    std::fs::write(&doc, SPEC).unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "Rollout notes")
        .await;
    app.wait_for("main.workspace[data-spelling=on]").await;

    // Correct words: no underline.
    type_line(&app, "We will ship it next week ").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(line_red(&app, LAST, false).await, 0, "correct words");

    // Misspelt words: underlined as they are typed.
    type_line(&app, "Teams will recieve teh update ").await;
    let red = line_red(&app, LAST, true).await;
    assert!(red > 0, "misspelt words are underlined");
    app.screenshot("70-spelling").await;

    // Code is not prose: the same words in backticks are not underlined, while
    // a misspelt word typed after them is.
    type_line(&app, "Run `recieve teh update` ").await;
    type_line(&app, "Then wait for teh update ").await;
    assert!(
        line_red(&app, LAST, true).await > 0,
        "the word after the code"
    );
    let code_line = ".cm-line:nth-last-child(2)";
    assert_eq!(line_red(&app, code_line, false).await, 0, "words in code");

    // A right click on a misspelt word offers corrections; the first replaces it.
    app.right_click_editor_word("recieve").await;
    app.press_native_keys(&[&[DOWN], &[RETURN]]).await;
    app.wait_until(
        "the correction in the text",
        "return document.querySelector('.cm-content').textContent.includes('Teams will receive teh update');",
        vec![],
    )
    .await;
    app.wait_for_text("[data-testid=preview]", "Teams will receive teh update")
        .await;

    // View → Check Spelling (File, Edit, View; its fifth item) turns it off.
    // (No underline after that shows the editor's side of it: the web view's
    // checker being off too cannot be seen apart from it.)
    app.press_native_keys(&[
        &[F10],
        &[RIGHT],
        &[RIGHT],
        &[DOWN],
        &[DOWN],
        &[DOWN],
        &[DOWN],
        &[DOWN],
        &[RETURN],
    ])
    .await;
    app.wait_for("main.workspace[data-spelling=off]").await;
    app.wait_for(".cm-content[spellcheck=false]").await;
    type_line(&app, "Anothr mispeled wrod here ").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(line_red(&app, LAST, false).await, 0, "checking is off");

    // It stays off after a restart.
    let app = app.relaunch(&[]).await;
    app.wait_for("[data-testid=start-screen]").await;
    app.wait_for("main.workspace[data-spelling=off]").await;
    app.quit().await;
}
