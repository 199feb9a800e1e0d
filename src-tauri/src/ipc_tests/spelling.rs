//! Spell checking through the commands: the dictionaries load when asked,
//! misspelt words are found, corrected and learnt, and View → Check Spelling
//! turns it all off and on again.

use std::time::Duration;

use serde_json::{Value, json};

use super::{Home, Shell};

/// A small dictionary put where the app looks first (`<config>/hunspell`).
fn with_dictionary() -> Home {
    let home = Home::new().without_system_dictionaries();
    let dir = home.config().join("hunspell");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("en_US.aff"), "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n").unwrap();
    std::fs::write(
        dir.join("en_US.dic"),
        "4\nreceive/S\nplan/S\nthe\nupdate/S\n",
    )
    .unwrap();
    home
}

/// The next `spelling` event the shell sends, whole.
fn next_spelling_event(shell: &Shell) -> Value {
    loop {
        let event = shell
            .next_event(Duration::from_secs(10))
            .expect("spell checking says what it came to");
        if event["type"] == "spelling" {
            return event;
        }
    }
}

/// The status of the next `spelling` event (its problems must be none).
fn spelling_event(shell: &Shell) -> Value {
    spelling_languages(shell).0
}

fn misspelt(shell: &Shell, words: &[&str]) -> Value {
    shell.ok("misspelt_words", json!({ "words": words }))
}

#[test]
fn misspelt_words_are_found_corrected_and_learnt() {
    let shell = Shell::start_in(with_dictionary(), None);
    assert_eq!(
        misspelt(&shell, &["recieve"]),
        json!([]),
        "off until started"
    );

    shell.ok("start_spell_checking", json!({}));
    assert_eq!(spelling_event(&shell), "on");
    assert_eq!(
        misspelt(&shell, &["plans", "recieve", "the", "Update", "teh"]),
        json!(["recieve", "teh"])
    );
    let suggestions = shell.ok("spelling_suggestions", json!({ "word": "recieve" }));
    assert_eq!(suggestions[0], "receive", "{suggestions}");

    shell.ok("learn_word", json!({ "word": "kubelet" }));
    assert_eq!(misspelt(&shell, &["kubelet", "Kubelet"]), json!([]));
    let words = shell.home.config().join("dictionary.txt");
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "kubelet\n");
    let listed = shell.ok("personal_dictionary", json!({}));
    assert_eq!(listed["words"], json!(["kubelet"]));
    assert_eq!(listed["file"], words.display().to_string());
    let message = shell.fails("learn_word", json!({ "word": "two words" }), "not-a-word");
    assert!(message.contains("two words"), "{message}");

    // Undone, then done again.
    shell.ok("unlearn_word", json!({ "word": "kubelet" }));
    assert_eq!(
        misspelt(&shell, &["kubelet", "Kubelet"]),
        json!(["kubelet", "Kubelet"])
    );
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "");
    shell.ok("learn_word", json!({ "word": "kubelet" }));

    // The next run knows the learnt word.
    let shell = Shell::start_in(shell.crash(), None);
    shell.ok("start_spell_checking", json!({}));
    assert_eq!(spelling_event(&shell), "on");
    assert_eq!(misspelt(&shell, &["kubelet", "teh"]), json!(["teh"]));
}

#[test]
fn view_check_spelling_turns_it_off_and_on_and_is_remembered() {
    let shell = Shell::start_in(with_dictionary(), None);
    let handle = shell.app.handle();
    let _menu = crate::menu::build(handle).expect("the menu bar");
    shell.ok("start_spell_checking", json!({}));
    assert_eq!(spelling_event(&shell), "on");

    crate::menu::forward(handle, "spell-check");
    assert_eq!(spelling_event(&shell), "off");
    assert_eq!(misspelt(&shell, &["teh"]), json!([]));
    // View → Personal Dictionary… asks the UI for its dialog, which still
    // works: on the file itself.
    crate::menu::forward(handle, "personal-dictionary");
    let event = shell
        .next_event(Duration::from_secs(10))
        .expect("the menu choice");
    assert_eq!(
        event,
        json!({ "type": "menu", "action": "personal-dictionary" })
    );
    shell.ok("learn_word", json!({ "word": "kubelet" }));
    shell.ok("learn_word", json!({ "word": "etcd" }));
    shell.ok("unlearn_word", json!({ "word": "etcd" }));
    let listed = shell.ok("personal_dictionary", json!({}));
    assert_eq!(listed["words"], json!(["kubelet"]));
    let words = shell.home.config().join("dictionary.txt");
    assert_eq!(std::fs::read_to_string(&words).unwrap(), "kubelet\n");
    assert!(!shell.state().settings().spell_check);

    let shell = Shell::start_in(shell.crash(), None);
    shell.ok("start_spell_checking", json!({}));
    assert_eq!(spelling_event(&shell), "off", "remembered");
    let handle = shell.app.handle();
    let _menu = crate::menu::build(handle).expect("the menu bar");
    crate::menu::forward(handle, "spell-check");
    assert_eq!(spelling_event(&shell), "on");
    assert_eq!(misspelt(&shell, &["teh", "kubelet"]), json!(["teh"]));

    // Quick changes of mind: off, on, off. The last word is the last choice.
    for _ in 0..3 {
        crate::menu::forward(handle, "spell-check");
    }
    let mut last = Value::Null;
    while let Some(event) = shell.next_event(Duration::from_millis(500)) {
        if event["type"] == "spelling" {
            last = event["status"].clone();
        }
    }
    assert_eq!(last, "off");
    assert!(!shell.state().settings().spell_check);
    assert!(shell.state().spelling.speller().is_none());
}

#[test]
fn without_a_dictionary_nothing_is_marked_and_the_status_says_why() {
    let shell = Shell::start_in(Home::new().without_system_dictionaries(), None);
    shell.ok("start_spell_checking", json!({}));
    assert_eq!(spelling_event(&shell), "no-dictionary");
    assert_eq!(misspelt(&shell, &["teh"]), json!([]));
}

#[test]
fn a_dictionary_that_cannot_be_read_is_named_to_the_user() {
    let home = with_dictionary();
    let broken = home.config().join("hunspell/de_DE.aff");
    std::fs::write(&broken, "SET ISCII-DEVANAGARI\n").unwrap();
    std::fs::write(home.config().join("hunspell/de_DE.dic"), "1\nWort\n").unwrap();
    let shell = Shell::start_in(home, None);
    shell.ok("start_spell_checking", json!({}));
    let event = next_spelling_event(&shell);
    assert_eq!(event["status"], "on", "US English loaded: {event}");
    let message = event["problems"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("de_DE.aff") && message.contains("ISCII-DEVANAGARI"),
        "{event}"
    );
}

/// The status and languages of the next `spelling` event (its problems must be none).
fn spelling_languages(shell: &Shell) -> (Value, Value) {
    let event = next_spelling_event(shell);
    assert_eq!(event["problems"], json!([]), "{event}");
    (event["status"].clone(), event["languages"].clone())
}

#[test]
fn view_spelling_language_checks_in_the_language_chosen_and_remembers_it() {
    let home = with_dictionary();
    let dir = home.config().join("hunspell");
    std::fs::write(dir.join("de_DE.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(dir.join("de_DE.dic"), "2\nWort\nPlanung\n").unwrap();
    let shell = Shell::start_in(home, None);
    let handle = shell.app.handle();
    let _menu = crate::menu::build(handle).expect("the menu bar");
    shell.ok("start_spell_checking", json!({}));
    assert_eq!(
        spelling_languages(&shell),
        (json!("on"), json!(["de_DE", "en_US"]))
    );
    assert_eq!(
        misspelt(&shell, &["receive", "Wort", "teh"]),
        json!(["teh"])
    );

    let ticked = || crate::menu::languages::ticked(handle);
    assert_eq!(ticked(), [""]);
    crate::menu::languages::click(handle, "de_DE");
    assert_eq!(ticked(), ["de_DE"]);
    assert_eq!(spelling_languages(&shell), (json!("on"), json!(["de_DE"])));
    assert_eq!(ticked(), ["de_DE"]);
    // Clicking the ticked one again (GTK unticks it) keeps it chosen and ticked.
    crate::menu::languages::click(handle, "de_DE");
    assert_eq!(spelling_languages(&shell), (json!("on"), json!(["de_DE"])));
    assert_eq!(ticked(), ["de_DE"]);
    assert_eq!(misspelt(&shell, &["receive", "Wort"]), json!(["receive"]));
    assert_eq!(shell.state().settings().spell_languages, ["de_DE"]);

    // Remembered; and choosing a language while checking is off turns it on.
    let shell = Shell::start_in(shell.crash(), None);
    let handle = shell.app.handle();
    let _menu = crate::menu::build(handle).expect("the menu bar");
    shell.ok("start_spell_checking", json!({}));
    assert_eq!(spelling_languages(&shell), (json!("on"), json!(["de_DE"])));
    crate::menu::forward(handle, "spell-check");
    assert_eq!(spelling_languages(&shell), (json!("off"), json!([])));
    crate::menu::languages::click(handle, "");
    assert_eq!(
        spelling_languages(&shell),
        (json!("on"), json!(["de_DE", "en_US"]))
    );
    assert_eq!(crate::menu::languages::ticked(handle), [""]);
    assert!(shell.state().settings().spell_languages.is_empty());
    assert_eq!(misspelt(&shell, &["receive", "Wort"]), json!([]));
}

#[test]
fn a_chosen_dictionary_that_is_gone_is_named_and_the_own_languages_checked() {
    let home = with_dictionary();
    let dir = home.config().join("hunspell");
    std::fs::write(dir.join("fr_FR.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(dir.join("fr_FR.dic"), "1\nmot\n").unwrap();
    let shell = Shell::start_in(home, None);
    let handle = shell.app.handle();
    let _menu = crate::menu::build(handle).expect("the menu bar");
    shell.ok("start_spell_checking", json!({}));
    spelling_languages(&shell);
    crate::menu::languages::click(handle, "fr_FR");
    assert_eq!(spelling_languages(&shell), (json!("on"), json!(["fr_FR"])));

    // The French dictionary is uninstalled before the next start.
    std::fs::remove_file(dir.join("fr_FR.aff")).unwrap();
    let shell = Shell::start_in(shell.crash(), None);
    let handle = shell.app.handle();
    let _menu = crate::menu::build(handle).expect("the menu bar");
    shell.ok("start_spell_checking", json!({}));
    let event = next_spelling_event(&shell);
    assert_eq!(event["status"], "on", "{event}");
    assert_eq!(event["languages"], json!(["en_US"]), "{event}");
    let message = event["problems"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("fr_FR") && message.contains("not installed"),
        "{event}"
    );
    assert_eq!(
        crate::menu::languages::ticked(handle),
        ["fr_FR"],
        "still listed as chosen"
    );
}
