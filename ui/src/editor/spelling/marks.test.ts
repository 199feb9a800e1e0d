import { ensureSyntaxTree } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, describe, expect, it, vi } from "vitest";
import { markdownSupport } from "../markdown";
import { setSpellCheck, spellCheck } from "./marks";
import { fakeShell } from "./fake-shell";
import { Speller, type Spelling } from "./speller";

const DOC = "# Rollout plan\n\nTeams will recieve teh update.\n\nRun `recieve teh` now.\n";

let view: EditorView | null = null;
afterEach(() => {
  view?.destroy();
  view = null;
  vi.useRealTimers();
});

function editor(doc: string, spelling: Spelling | null): EditorView {
  view = new EditorView({
    state: EditorState.create({ doc, extensions: [markdownSupport([]), spellCheck(spelling)] }),
    parent: document.body,
  });
  ensureSyntaxTree(view.state, doc.length, 1e9);
  view.dispatch({}); // the full tree in the view
  return view;
}

const underlined = (v: EditorView) => [...v.contentDOM.querySelectorAll(".cm-misspelt")].map((e) => e.textContent);

function spelling(known = ["rollout", "plan", "teams", "will", "receive", "the", "update", "run", "now", "and", "end", "all"]) {
  return { speller: new Speller(fakeShell(known), 10), report: vi.fn() };
}

describe("spell checking marks", () => {
  it("underlines the misspelt words of opened text once the shell has answered, none in code", async () => {
    vi.useFakeTimers();
    const v = editor(DOC, spelling());
    expect(underlined(v)).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(underlined(v)).toEqual(["recieve", "teh"]);
    expect(v.contentDOM.getAttribute("spellcheck")).toBe("false");
  });

  it("leaves the word being typed alone until the cursor leaves it", async () => {
    vi.useFakeTimers();
    const v = editor(DOC, spelling());
    await vi.advanceTimersByTimeAsync(10);
    const end = v.state.doc.length;
    v.dispatch({ changes: { from: end, insert: "Wrod" }, selection: { anchor: end + 4 }, userEvent: "input.type" });
    await vi.advanceTimersByTimeAsync(50);
    expect(underlined(v)).toEqual(["recieve", "teh"]);
    v.dispatch({ changes: { from: end + 4, insert: " " }, selection: { anchor: end + 5 }, userEvent: "input.type" });
    await vi.advanceTimersByTimeAsync(200);
    expect(underlined(v)).toEqual(["recieve", "teh", "Wrod"]);
  });

  it("marks nothing while off, and marks again when turned on", async () => {
    vi.useFakeTimers();
    const v = editor(DOC, null);
    await vi.advanceTimersByTimeAsync(50);
    expect(underlined(v)).toEqual([]);
    const on = spelling();
    setSpellCheck(v, on);
    await vi.advanceTimersByTimeAsync(10);
    expect(underlined(v)).toEqual(["recieve", "teh"]);
    setSpellCheck(v, null);
    expect(underlined(v)).toEqual([]);
  });

  it("keeps each underline on its word while the text changes before it", async () => {
    vi.useFakeTimers();
    const v = editor(DOC, spelling());
    await vi.advanceTimersByTimeAsync(10);
    v.dispatch({ changes: { from: DOC.indexOf("Teams"), insert: "All " }, userEvent: "input.type" });
    expect(underlined(v)).toEqual(["recieve", "teh"]);
    v.dispatch({ changes: { from: v.state.doc.toString().indexOf("teh"), to: v.state.doc.toString().indexOf("teh") + 3, insert: "the" } });
    await vi.advanceTimersByTimeAsync(200);
    expect(underlined(v)).toEqual(["recieve"]);
  });

  it("drops the underline of an ignored word everywhere at once", async () => {
    vi.useFakeTimers();
    const on = spelling();
    const v = editor(DOC + "\nAnd teh end.\n", on);
    await vi.advanceTimersByTimeAsync(10);
    expect(underlined(v)).toEqual(["recieve", "teh", "teh"]);
    on.speller.ignore("teh");
    expect(underlined(v)).toEqual(["recieve"]);
  });
});
