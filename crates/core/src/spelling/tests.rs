use super::*;

/// A small English-like dictionary: `S` adds a plural, `D` a past tense.
const AFF: &str =
    "SET UTF-8\nTRY esianrtolcdugmphbyfvkwz\n\nSFX S Y 1\nSFX S 0 s .\n\nSFX D Y 1\nSFX D 0 d e\n";
const DIC: &str = "5\nreceive/SD\nplan/S\nthe\nupdate/SD\nteam/S\n";

fn dictionary_dir(language: &str, aff: &[u8], dic: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(format!("{language}.aff")), aff).unwrap();
    std::fs::write(dir.path().join(format!("{language}.dic")), dic).unwrap();
    dir
}

fn load(dirs: &[&Path], personal: &Path) -> (Speller, Vec<Error>) {
    let dirs: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    Speller::load(&["de_DE".to_owned(), "en_US".to_owned()], &dirs, personal)
}

#[test]
fn words_of_the_dictionary_and_their_forms_are_right() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let (speller, problems) = load(&[dir.path()], &dir.path().join("words.txt"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(speller.languages(), ["en_US"]);
    for word in ["receive", "received", "Receive", "RECEIVE", "plans", "The"] {
        assert!(speller.check(word), "{word}");
    }
    let words = ["recieve", "teams", "teh", "updated"].map(String::from);
    assert_eq!(speller.misspelt(&words), ["recieve", "teh"]);
}

#[test]
fn corrections_are_offered_likeliest_first() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let (speller, _) = load(&[dir.path()], &dir.path().join("words.txt"));
    assert_eq!(
        speller.suggest("recieve").first().map(String::as_str),
        Some("receive")
    );
    assert!(speller.suggest("teh").contains(&"the".to_owned()));
}

#[test]
fn learnt_words_are_right_now_and_after_a_restart() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let personal = dir.path().join("config/dictionary.txt");
    let (mut speller, _) = load(&[dir.path()], &personal);
    assert!(!speller.check("kubelet"));
    speller.learn("kubelet").unwrap();
    speller.learn("kubelet").unwrap();
    assert!(speller.check("kubelet"));
    assert!(
        speller.check("Kubelet"),
        "capitalised at a sentence's start"
    );
    assert_eq!(std::fs::read_to_string(&personal).unwrap(), "kubelet\n");

    let (again, problems) = load(&[dir.path()], &personal);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(again.check("kubelet"));
    assert!(!again.check("kubelets"), "a learnt word has no forms");
}

#[test]
fn what_cannot_be_a_word_is_refused_with_the_reason() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let (mut speller, _) = load(&[dir.path()], &dir.path().join("words.txt"));
    for word in ["", "two words", "a/b", "line\nbreak", &"x".repeat(61)] {
        let err = speller.learn(word).unwrap_err();
        assert_eq!(err.kind(), "not-a-word", "{word:?}");
    }
    assert!(!dir.path().join("words.txt").exists());
}

#[test]
fn an_unreadable_word_list_is_reported_and_never_written_over() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let personal = dir.path().join("words.txt");
    std::fs::write(&personal, b"caf\xe9\n").unwrap();
    let (mut speller, problems) = load(&[dir.path()], &personal);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].to_string().contains("words.txt"),
        "{}",
        problems[0]
    );
    let err = speller.learn("kubelet").unwrap_err();
    assert!(err.to_string().contains("words.txt"), "{err}");
    let err = speller.learnt().unwrap_err();
    assert!(
        err.to_string().contains("words.txt"),
        "listed as none: {err}"
    );
    assert_eq!(std::fs::read(&personal).unwrap(), b"caf\xe9\n");
}

#[test]
fn the_first_folder_holding_a_language_wins_and_every_language_counts() {
    let first = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let other = dictionary_dir("en_US", AFF.as_bytes(), b"1\nother\n");
    let german = dictionary_dir("de_DE", AFF.as_bytes(), b"1\nPlanung\n");
    let personal = first.path().join("words.txt");
    let (speller, _) = load(&[first.path(), german.path(), other.path()], &personal);
    assert_eq!(speller.languages(), ["de_DE", "en_US"]);
    assert!(speller.check("Planung") && speller.check("receive"));
    assert!(!speller.check("other"));
}

#[test]
fn learning_a_word_keeps_every_line_of_the_file_as_it_is() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let personal = dir.path().join("words.txt");
    std::fs::write(&personal, "# my words\nkubelet/S\nnot a word\netcd").unwrap();
    let (mut speller, problems) = load(&[dir.path()], &personal);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(speller.check("kubelet") && speller.check("etcd"));
    assert!(!speller.check("my"), "a comment is not a word");

    // Another program adds a word while the app runs; then the user adds one.
    let edited = "# my words\nkubelet/S\nnot a word\netcd\nkubectl\n";
    std::fs::write(&personal, edited).unwrap();
    speller.learn("webhook").unwrap();
    let kept = std::fs::read_to_string(&personal).unwrap();
    assert_eq!(kept, format!("{edited}webhook\n"));
}

#[test]
fn dictionaries_in_other_encodings_are_read_and_unknown_ones_named() {
    let (latin2, _, _) = encoding_rs::ISO_8859_2.encode("1\nzażółć\n");
    let polish = dictionary_dir("en_US", b"SET ISO8859-2\n", &latin2);
    let (speller, problems) = load(&[polish.path()], &polish.path().join("w.txt"));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(speller.check("zażółć"));

    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("1\nслово\n");
    let russian = dictionary_dir("en_US", b"SET microsoft-cp1251\n", &cp1251);
    let (speller, problems) = load(&[russian.path()], &russian.path().join("w.txt"));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(speller.check("слово"));

    let unknown = dictionary_dir("en_US", b"SET ISCII-DEVANAGARI\n", b"1\nword\n");
    let (speller, problems) = load(&[unknown.path()], &unknown.path().join("w.txt"));
    assert!(!speller.has_dictionary());
    let message = problems[0].to_string();
    assert!(
        message.contains("en_US.aff") && message.contains("ISCII-DEVANAGARI"),
        "{message}"
    );

    let wrong = dictionary_dir("en_US", b"SET UTF-8\n", b"1\ncaf\xe9\n");
    let (_, problems) = load(&[wrong.path()], &wrong.path().join("w.txt"));
    assert!(
        problems[0].to_string().contains("not UTF-8 text"),
        "{}",
        problems[0]
    );
}

#[test]
fn latin1_dictionaries_are_read_with_their_name_or_without_one() {
    for aff in [&b"SET ISO8859-1\n"[..], b"TRY abc\n"] {
        let latin1 = dictionary_dir("en_US", aff, b"1\ncaf\xe9\n");
        let (speller, problems) = load(&[latin1.path()], &latin1.path().join("w.txt"));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(speller.check("café"));
    }
}

#[test]
fn a_broken_dictionary_is_a_problem_not_a_crash() {
    let dir = dictionary_dir(
        "en_US",
        b"SET UTF-8\nSFX S Y 3\nSFX S 0 s .\n",
        b"1\nword/S\n",
    );
    let (speller, problems) = load(&[dir.path()], &dir.path().join("w.txt"));
    assert!(!speller.has_dictionary());
    assert_eq!(problems[0].kind(), "invalid-dictionary");
    assert!(
        speller.check("anything"),
        "without a dictionary nothing is misspelt"
    );
}

#[test]
fn overlong_runs_of_letters_are_not_judged() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let (speller, _) = load(&[dir.path()], &dir.path().join("w.txt"));
    let blob = "q".repeat(200);
    assert!(speller.check(&blob));
    assert!(speller.suggest(&blob).is_empty());
}

#[test]
fn the_languages_on_offer_are_those_with_both_files_in_any_folder() {
    let first = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let second = dictionary_dir("de_DE", AFF.as_bytes(), b"1\nWort\n");
    std::fs::write(second.path().join("en_US.aff"), AFF).unwrap();
    std::fs::write(second.path().join("en_US.dic"), DIC).unwrap();
    std::fs::write(second.path().join("fr_FR.aff"), AFF).unwrap(); // no .dic
    std::fs::write(second.path().join("notes.txt"), "").unwrap();
    let missing = first.path().join("nowhere");
    let dirs = [first.path().to_owned(), missing, second.path().to_owned()];
    assert_eq!(available(&dirs), ["de_DE", "en_US"]);
}

#[test]
fn an_added_word_can_be_taken_out_again_and_the_rest_of_the_file_stays() {
    let dir = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let personal = dir.path().join("words.txt");
    std::fs::write(&personal, "# mine\netcd\n").unwrap();
    let (mut speller, _) = load(&[dir.path()], &personal);
    speller.learn("recieve").unwrap();
    assert!(speller.check("recieve") && speller.check("Recieve"));

    speller.unlearn("recieve").unwrap();
    assert!(!speller.check("recieve") && !speller.check("Recieve"));
    assert!(
        speller.check("etcd") && speller.check("receives"),
        "the rest is as it was"
    );
    assert_eq!(
        std::fs::read_to_string(&personal).unwrap(),
        "# mine\netcd\n"
    );
    speller.unlearn("never-added").unwrap();
}

#[test]
fn the_word_list_is_read_and_changed_with_no_dictionary_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let personal = dir.path().join("config/dictionary.txt");
    assert_eq!(personal_words(&personal).unwrap(), Vec::<String>::new());
    learn_into(&personal, "kubelet").unwrap();
    learn_into(&personal, "etcd").unwrap();
    learn_into(&personal, "kubelet").unwrap();
    assert_eq!(personal_words(&personal).unwrap(), ["kubelet", "etcd"]);
    assert!(matches!(
        learn_into(&personal, "two words"),
        Err(Error::NotAWord { .. })
    ));
    unlearn_from(&personal, "kubelet").unwrap();
    unlearn_from(&personal, "never-learnt").unwrap();
    assert_eq!(std::fs::read_to_string(&personal).unwrap(), "etcd\n");

    // The speller loaded afterwards knows what was written meanwhile.
    let dicts = dictionary_dir("en_US", AFF.as_bytes(), DIC.as_bytes());
    let (speller, _) = load(&[dicts.path()], &personal);
    assert_eq!(speller.learnt().unwrap(), ["etcd"]);
    assert!(speller.check("etcd") && !speller.check("kubelet"));

    // A word on several lines (with flags, or added twice) is listed once,
    // and taken out whole.
    std::fs::write(&personal, "etcd\nkubelet/M\n# mine\nkubelet\n").unwrap();
    assert_eq!(personal_words(&personal).unwrap(), ["etcd", "kubelet"]);
    unlearn_from(&personal, "kubelet").unwrap();
    assert_eq!(
        std::fs::read_to_string(&personal).unwrap(),
        "etcd\n# mine\n"
    );
}

#[test]
fn an_unreadable_word_list_is_named_when_listed_or_changed_without_a_speller() {
    let dir = tempfile::tempdir().unwrap();
    let personal = dir.path().join("dictionary.txt");
    std::fs::write(&personal, b"caf\xe9\n").unwrap();
    for outcome in [
        personal_words(&personal).map(drop),
        learn_into(&personal, "kubelet"),
        unlearn_from(&personal, "caf"),
    ] {
        let err = outcome.unwrap_err();
        assert!(err.to_string().contains("dictionary.txt"), "{err}");
    }
    assert_eq!(std::fs::read(&personal).unwrap(), b"caf\xe9\n");
}
