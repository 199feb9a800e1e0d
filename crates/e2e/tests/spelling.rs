//! Spell checking in the editor, as a person sees it: the misspelt words of an
//! opened document are underlined in red (words in code are not), a word being
//! typed is judged once it is finished, a right click on an underlined word
//! offers corrections (choosing one replaces it), Shift+F10 opens the same
//! menu from the keyboard, "Add to Dictionary" is kept across launches,
//! "Ignore" lasts the session, and View → Check Spelling turns checking off,
//! which the app remembers.

use std::time::{Duration, Instant};

use serde_json::Value;
use specwright_e2e::window::keysym::{DOWN, F10, MENU, RETURN, RIGHT, SHIFT};
use specwright_e2e::{App, Key};

const SPEC: &str = "# Release notes

The plan is ready for review.

Teams will recieve teh update on Monday.

Run `recieve teh update` before the kubelet restarts.
";

/// The underlined words, in the order of the text.
async fn underlined(app: &App) -> Vec<String> {
    let words = app
        .js("return [...document.querySelectorAll('.cm-content .cm-misspelt')].map((e) => e.textContent);")
        .await;
    serde_json::from_value(words).unwrap_or_default()
}

/// Waits until the underlined words are `want`.
async fn wait_underlined(app: &App, want: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let words = underlined(app).await;
        if words == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "underlined {words:?}, expected {want:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Pixels of the red of the spelling underline in a PNG (light theme: the
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
        .filter(|p| p[0] > 200 && p[1] < 120 && p[2] < 120)
        .count()
}

/// The suggestions the open spelling menu offers.
async fn suggestions(app: &App) -> Vec<String> {
    app.wait_for("[data-testid=spelling-menu] .spelling-suggestion")
        .await;
    let found = app
        .js("return [...document.querySelectorAll('[data-testid=spelling-menu] .spelling-suggestion')].map((e) => e.textContent);")
        .await;
    serde_json::from_value(found).unwrap_or_default()
}

async fn editor_text(app: &App) -> String {
    match app
        .js("return document.querySelector('.cm-content').textContent;")
        .await
    {
        Value::String(text) => text,
        other => panic!("no editor text: {other}"),
    }
}

/// The keys that reach item `n` (from 1) of the View menu (after File and
/// Edit) through the menu bar, then `more`.
fn view_menu(n: usize, more: &[&'static [u32]]) -> Vec<&'static [u32]> {
    let mut keys: Vec<&'static [u32]> = vec![&[F10], &[RIGHT], &[RIGHT]];
    keys.extend(std::iter::repeat_n(&[DOWN][..], n));
    keys.extend_from_slice(more);
    keys
}

/// How many steps down from "Your Languages and US English" the German
/// dictionary is in View → Spelling Language: the app lists the dictionaries of
/// its own folder, `DICPATH`, its data folder and the system's, by code.
fn german_place(app: &App) -> usize {
    let dir = app.dir.path();
    let mut dirs = vec![dir.join("config/app.specwright.editor/hunspell")];
    if let Some(paths) = std::env::var_os("DICPATH") {
        dirs.extend(std::env::split_paths(&paths));
    }
    dirs.push(dir.join("data/hunspell"));
    dirs.extend(
        specwright_core::spelling::SYSTEM_DIRS
            .iter()
            .map(std::path::PathBuf::from),
    );
    let languages = specwright_core::spelling::available(&dirs);
    let at = languages
        .iter()
        .position(|l| l == "de_DE")
        .expect("the German dictionary");
    at + 1
}

/// View → Personal Dictionary… (the View menu's seventh item).
async fn open_personal_dictionary(app: &App) {
    app.press_native_keys(&view_menu(7, &[&[RETURN]])).await;
    app.wait_for("[data-testid=dictionary-dialog]").await;
}

/// Waits until the Personal Dictionary dialog lists `want`, in that order.
async fn wait_listed(app: &App, want: &[&str]) {
    app.wait_until(
        &format!("the dialog lists {want:?}"),
        "const words = [...document.querySelectorAll('[data-testid=dictionary-words] li:not([hidden])')].map((li) => li.dataset.word); return JSON.stringify(words) === arguments[0];",
        vec![Value::String(serde_json::to_string(want).unwrap())],
    )
    .await;
}

/// Types `word` into the Personal Dictionary's field and presses Enter.
async fn add_in_dialog(app: &App, word: &str) {
    let field = app.wait_for("[data-testid=dictionary-input]").await;
    field.send_keys(word).await.unwrap();
    field
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .unwrap();
    app.wait_for(&format!(
        "[data-testid=dictionary-words] li[data-word={word}]"
    ))
    .await;
}

/// Closes the Personal Dictionary with Escape.
async fn close_with_escape(app: &App) {
    app.wait_for("[data-testid=dictionary-input]")
        .await
        .send_keys(&char::from(Key::Escape).to_string())
        .await
        .unwrap();
    app.wait_until(
        "the dialog closed",
        "return !document.querySelector('[data-testid=dictionary-dialog]');",
        vec![],
    )
    .await;
}

/// View → Check Spelling (the View menu's fifth item).
async fn toggle_check_spelling(app: &App) {
    app.press_native_keys(&view_menu(5, &[&[RETURN]])).await;
}

#[tokio::test]
async fn misspelt_words_are_underlined_corrected_learnt_and_checking_turns_off() {
    let app = App::launch("spelling", &[]).await;
    let doc = app.dir.path().join("notes.md");
    std::fs::write(&doc, SPEC).unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "Release notes")
        .await;
    app.wait_for("main.workspace[data-spelling=on]").await;

    // The opened text is checked as it is: no typing needed, code left alone.
    wait_underlined(&app, &["recieve", "teh", "kubelet"]).await;
    let wrong_line = ".cm-line:nth-child(5)";
    assert!(app.text(wrong_line).await.starts_with("Teams will"));
    let png = app.element_png(wrong_line).await;
    assert!(red_pixels(&png) > 0, "a red underline");
    assert_eq!(
        red_pixels(&app.element_png(".cm-line:nth-child(3)").await),
        0,
        "correct words"
    );
    app.screenshot("70-spelling").await;

    // A word being typed is judged once it is finished.
    app.editor_to_end().await;
    app.type_in_editor("Anothr").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    wait_underlined(&app, &["recieve", "teh", "kubelet"]).await;
    app.type_in_editor(" line").await;
    wait_underlined(&app, &["recieve", "teh", "kubelet", "Anothr"]).await;

    // A right click offers corrections (in our menu alone: WebKit's own does
    // not open too); Enter takes the first (focused) one.
    let popups = app.native_popups();
    app.right_click_editor_word("recieve").await;
    let offered = suggestions(&app).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.native_popups(),
        popups,
        "no native context menu as well"
    );
    assert_eq!(
        offered.first().map(String::as_str),
        Some("receive"),
        "{offered:?}"
    );
    app.screenshot("71-spelling-menu").await;
    // Enter through WebDriver: the menu is the page's own, and the native
    // keys' focusing of the window could blur the page, which closes it.
    app.wait_for("[data-testid=spelling-menu] .spelling-suggestion:focus")
        .await
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .unwrap();
    app.wait_for_text("[data-testid=preview]", "Teams will receive teh update")
        .await;
    assert!(
        editor_text(&app)
            .await
            .contains("Teams will receive teh update")
    );
    wait_underlined(&app, &["teh", "kubelet", "Anothr"]).await;

    // From the keyboard: the cursor in the word, Shift+F10, then Add to Dictionary.
    app.click_editor_word("kubelet", 1).await;
    app.press_native_keys(&[&[SHIFT, F10]]).await;
    suggestions(&app).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.native_popups(),
        popups,
        "no native context menu as well"
    );
    app.click("[data-testid=spelling-menu] [data-action=learn]")
        .await;
    wait_underlined(&app, &["teh", "Anothr"]).await;
    let words = app
        .dir
        .path()
        .join("config/app.specwright.editor/dictionary.txt");
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "kubelet\n");

    // The notice of it offers Undo; then the word is added again.
    app.wait_for_text("[data-testid=toast]", "Added “kubelet” to your dictionary")
        .await;
    app.screenshot("73-spelling-undo").await;
    app.click("[data-testid=toast-action]").await;
    wait_underlined(&app, &["teh", "kubelet", "Anothr"]).await;
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "");
    app.right_click_editor_word("kubelet").await;
    app.click("[data-testid=spelling-menu] [data-action=learn]")
        .await;
    wait_underlined(&app, &["teh", "Anothr"]).await;
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "kubelet\n");

    // Ignore lasts the session, for every place the word is (the menu opened
    // with the keyboard's Menu key this time).
    app.click_editor_word("teh", 1).await;
    app.press_native_keys(&[&[MENU]]).await;
    app.wait_for("[data-testid=spelling-menu][aria-label*=teh]")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.native_popups(),
        popups,
        "no native context menu as well"
    );
    app.click("[data-testid=spelling-menu] [data-action=ignore]")
        .await;
    wait_underlined(&app, &["Anothr"]).await;

    // Saved as corrected.
    app.shortcut('s').await;
    specwright_e2e::wait_until_true("the correction saved", || {
        std::fs::read_to_string(&doc).is_ok_and(|t| t.contains("Teams will receive teh"))
    })
    .await;

    // View → Check Spelling turns it off.
    toggle_check_spelling(&app).await;
    app.wait_for("main.workspace[data-spelling=off]").await;
    wait_underlined(&app, &[]).await;

    // It stays off after a restart; on again, the learnt word is still known
    // and the ignored one is not ignored any more. (A German dictionary is put
    // in the app's own folder meanwhile, for the language menu below.)
    let own = app.dir.path().join("config/app.specwright.editor/hunspell");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("de_DE.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(own.join("de_DE.dic"), "2\nTeams\nMonday\n").unwrap();
    let app = app.relaunch(&[]).await;
    app.wait_for("[data-testid=start-screen]").await;
    app.wait_for("main.workspace[data-spelling=off]").await;
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "Release notes")
        .await;
    toggle_check_spelling(&app).await;
    app.wait_for("main.workspace[data-spelling=on]").await;
    wait_underlined(&app, &["teh", "Anothr"]).await;

    // View → Spelling Language (the View menu's sixth item): German, found
    // among the dictionaries the app lists after "Your Languages and US English".
    let german = german_place(&app);
    let mut keys = vec![&[RIGHT][..]];
    keys.extend(std::iter::repeat_n(&[DOWN][..], german));
    keys.push(&[RETURN]);
    app.press_native_keys(&view_menu(6, &keys)).await;
    app.wait_for("main.workspace[data-spelling-languages=de_DE]")
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let german = loop {
        let words = underlined(&app).await;
        if words.iter().any(|w| w == "Release") || Instant::now() > deadline {
            break words;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        german.iter().any(|w| w == "Release"),
        "English words: {german:?}"
    );
    assert!(
        !german.iter().any(|w| w == "Teams" || w == "Monday"),
        "{german:?}"
    );
    app.screenshot("72-spelling-language").await;

    // Back to the user's own languages.
    app.press_native_keys(&view_menu(6, &[&[RIGHT], &[RETURN]]))
        .await;
    app.wait_for("main.workspace:not([data-spelling-languages=de_DE])")
        .await;
    wait_underlined(&app, &["teh", "Anothr"]).await;
    app.quit().await;
}

#[tokio::test]
async fn the_personal_dictionary_lists_the_words_and_takes_them_out_or_adds_more() {
    let app = App::launch("personal-dictionary", &[]).await;
    let doc = app.dir.path().join("notes.md");
    std::fs::write(&doc, SPEC).unwrap();
    app.answer_open_with(&doc);
    app.click("[data-testid=open-file]").await;
    app.wait_for("main.workspace[data-spelling=on]").await;
    wait_underlined(&app, &["recieve", "teh", "kubelet"]).await;
    let words = app
        .dir
        .path()
        .join("config/app.specwright.editor/dictionary.txt");

    // Empty at first, and says how words get there.
    open_personal_dictionary(&app).await;
    app.wait_for_text(".dictionary-empty", "Add to Dictionary")
        .await;
    assert!(
        app.text("[data-testid=dictionary-file]")
            .await
            .ends_with("dictionary.txt")
    );

    // Words added by hand are kept in the file and no longer underlined.
    add_in_dialog(&app, "kubelet").await;
    add_in_dialog(&app, "etcd").await;
    wait_listed(&app, &["etcd", "kubelet"]).await;
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "kubelet\netcd\n");
    app.screenshot("74-personal-dictionary").await;
    close_with_escape(&app).await;
    wait_underlined(&app, &["recieve", "teh"]).await;

    // Remove takes one out: underlined again at once.
    open_personal_dictionary(&app).await;
    app.click("[data-testid=dictionary-words] li[data-word=kubelet] button")
        .await;
    specwright_e2e::wait_until_true("kubelet taken out of the file", || {
        std::fs::read_to_string(&words).is_ok_and(|t| t == "etcd\n")
    })
    .await;
    wait_listed(&app, &["etcd"]).await;
    app.click("[data-testid=dictionary-close]").await;
    wait_underlined(&app, &["recieve", "teh", "kubelet"]).await;

    // With spell checking off the dictionary can still be changed; turned on
    // again, the checking follows what was changed.
    toggle_check_spelling(&app).await;
    app.wait_for("main.workspace[data-spelling=off]").await;
    open_personal_dictionary(&app).await;
    wait_listed(&app, &["etcd"]).await;
    add_in_dialog(&app, "teh").await;
    app.click("[data-testid=dictionary-words] li[data-word=etcd] button")
        .await;
    specwright_e2e::wait_until_true("etcd taken out, teh added", || {
        std::fs::read_to_string(&words).is_ok_and(|t| t == "teh\n")
    })
    .await;
    close_with_escape(&app).await;
    toggle_check_spelling(&app).await;
    app.wait_for("main.workspace[data-spelling=on]").await;
    wait_underlined(&app, &["recieve", "kubelet"]).await;
    app.quit().await;
}
