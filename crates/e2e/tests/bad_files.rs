//! Bad files opened in the real window (not UTF-8, binary, missing, 100 MB):
//! each gets a message naming the file and the problem, the text being written is
//! kept, and documents that are merely strange (malformed front matter,
//! pathological Markdown) open and are analysed.

use std::path::Path;

use specwright_e2e::{App, wait_until_true};

const WRITING: &str = "Words typed before the bad file.";

/// Opens `path` through "Open…" and returns the message shown (saved as the
/// screenshot `shot` if given), closing it.
async fn refused(app: &App, path: &Path, shot: Option<&str>) -> String {
    app.answer_open_with(path);
    app.click("[data-testid=toolbar-open]").await;
    app.wait_for_text("[data-testid=modal]", "Could not open the file")
        .await;
    let message = app.text("[data-testid=modal] .modal-message").await;
    // The whole path on a line of its own, under the problem.
    let detail = app.text("[data-testid=modal-detail]").await;
    assert_eq!(detail, path.display().to_string(), "{message}");
    if let Some(shot) = shot {
        app.screenshot(shot).await;
    }
    app.click("[data-testid=modal-ok]").await;
    message
}

#[tokio::test]
async fn bad_files_are_refused_by_name_and_strange_ones_open() {
    let app = App::launch("bad-files", &[]).await;
    let dir = app.dir.path().join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.md");
    std::fs::write(&good, "# Good\n\nSaved text.\n").unwrap();
    app.answer_open_with(&good);
    app.click("[data-testid=open-file]").await;
    app.wait_for_text("[data-testid=preview]", "Saved text")
        .await;
    app.editor_to_end().await;
    app.type_in_editor(WRITING).await;
    app.wait_for("[data-testid=dirty-marker]:not([hidden])")
        .await;
    // Saved first, so that opening another file does not ask about unsaved changes.
    app.shortcut('s').await;
    app.wait_for_text("[data-testid=toast]", "Saved good.md")
        .await;

    let latin1 = dir.join("latin1.md");
    std::fs::write(&latin1, b"# Caf\xe9 cr\xe8me\n").unwrap();
    let binary = dir.join("photo.md");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let gone = dir.join("gone.md");
    // 100 MB, sparse: nothing is written to the disk.
    let huge = dir.join("server-log.md");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(100_000_000))
        .unwrap();
    for (path, problem, shot) in [
        (&latin1, "UTF-8", Some("16-bad-file")),
        (&binary, "binary", None),
        (&gone, "not found", None),
        (&huge, "too large to open (100 MB", None),
    ] {
        let message = refused(&app, path, shot).await;
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(message.contains(&*name), "names the file: {message}");
        assert!(
            message.to_lowercase().contains(&problem.to_lowercase()),
            "says what is wrong ({problem}): {message}"
        );
    }
    // The document being written is still the one open: more typed into it
    // is saved to its file.
    app.wait_for_text("[data-testid=doc-name]", "good.md").await;
    app.wait_for_text(".cm-content", WRITING).await;
    app.editor_to_end().await;
    app.type_in_editor(" And after.").await;
    app.shortcut('s').await;
    let saved = format!("# Good\n\nSaved text.\n{WRITING} And after.");
    wait_until_true("good.md holds the words typed after the refusals", || {
        std::fs::read_to_string(&good).is_ok_and(|t| t.trim_end() == saved)
    })
    .await;

    // Front matter that is not YAML: the file opens, the health panel says so.
    let front = dir.join("front-matter.md");
    std::fs::write(&front, "---\ntitle: [unclosed\n---\n# Spec\n\nBody.\n").unwrap();
    app.answer_open_with(&front);
    app.click("[data-testid=toolbar-open]").await;
    app.wait_for_text("[data-testid=preview]", "Body.").await;
    app.click("[data-testid=tab-health]").await;
    app.wait_for_text("[data-testid=health]", "front matter")
        .await;

    // Pathological Markdown: 5,000 nested quotes and 20,000 unclosed brackets.
    let deep = dir.join("deep.md");
    let nested = format!(
        "{}deep\n\n{}\n\nThe end.\n",
        "> ".repeat(5000),
        "[".repeat(20_000)
    );
    std::fs::write(&deep, nested).unwrap();
    app.answer_open_with(&deep);
    app.click("[data-testid=toolbar-open]").await;
    app.wait_for_text("[data-testid=preview]", "The end.").await;
    app.wait_for_text("[data-testid=doc-name]", "deep.md").await;
    // Still answering: typing reaches the preview.
    app.editor_to_end().await;
    app.type_in_editor("Still typing.").await;
    app.wait_for_text("[data-testid=preview]", "Still typing.")
        .await;
    app.quit().await;
}
