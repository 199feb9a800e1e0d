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
  return { speller: new Speller(fakeShell(known), 10), report: vi.fn(), announce: vi.fn() };
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

  it("scans the words on screen once the typing pauses, not on every keystroke", async () => {
    vi.useFakeTimers();
    const on = spelling();
    const v = editor(DOC, on);
    await vi.advanceTimersByTimeAsync(10);
    const verdicts = vi.spyOn(on.speller, "verdict");
    let end = v.state.doc.length;
    for (const ch of "Plans") {
      v.dispatch({ changes: { from: end, insert: ch }, selection: { anchor: end + 1 }, userEvent: "input.type" });
      end++;
    }
    expect(verdicts).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(verdicts).toHaveBeenCalled();
  });

  it("takes the underline off a misspelt word as soon as it is being typed into", async () => {
    vi.useFakeTimers();
    const v = editor(DOC, spelling());
    await vi.advanceTimersByTimeAsync(10);
    const at = v.state.doc.toString().indexOf("teh") + 2;
    v.dispatch({ changes: { from: at, insert: "z" }, selection: { anchor: at + 1 }, userEvent: "input.type" });
    expect(underlined(v)).toEqual(["recieve"]);
    expect(v.contentDOM.querySelector(".cm-misspelt")?.getAttribute("aria-invalid")).toBe("spelling");
  });

  it("opens the menu on a right click on an underline, unless it is part of a wider selection", async () => {
    vi.useFakeTimers();
    const v = editor(DOC, spelling());
    await vi.advanceTimersByTimeAsync(10);
    const rightClick = (target: Element) => {
      const event = new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 5, clientY: 5 });
      target.dispatchEvent(event);
      const menu = document.querySelector("[data-testid=spelling-menu]");
      menu?.remove();
      return { opened: menu !== null, prevented: event.defaultPrevented };
    };
    const mark = () => v.contentDOM.querySelector(".cm-misspelt")!;
    expect(rightClick(mark())).toEqual({ opened: true, prevented: true });

    const line = mark().parentElement!;
    expect(rightClick(line)).toEqual({ opened: false, prevented: false });

    const text = v.state.doc.toString();
    v.dispatch({ selection: { anchor: text.indexOf("Teams"), head: text.indexOf("update") } });
    expect(rightClick(mark())).toEqual({ opened: false, prevented: false });

    v.dispatch({ selection: { anchor: 0, head: 5 } }); // elsewhere
    expect(rightClick(mark())).toEqual({ opened: true, prevented: true });
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
