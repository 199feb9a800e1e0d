import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { fakeShell } from "../analysis/fake-shell";
import type { Analysis, AnalyzeRequest } from "../ipc";
import { Workspace } from "./workspace";

function analysisFor(text: string): Analysis {
  const checked = text.includes("[x]");
  return {
    html: `<ul class="contains-task-list" data-sourcepos="1:1-1:7"><li class="task-list-item" data-sourcepos="1:1-1:7"><input type="checkbox" class="task-list-item-checkbox" ${checked ? 'checked="" ' : ""}disabled="" /> a</li></ul>`,
    checklist: {
      items: [{ line: 1, checked, text: "a", section: null }],
      groups: [{ section: null, line: 1, done: checked ? 1 : 0, total: 1 }],
      progress: { done: checked ? 1 : 0, total: 1 },
    },
    report: { template: null, score: 1, sections: [], findings: [] },
    outline: [],
    word_count: 1,
  };
}

afterEach(() => clearMocks());

// jsdom has no layout; CodeMirror measures the cursor with these.
Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

describe("Workspace with a mocked shell", () => {
  it("ticks a task as a one-character change, updates preview and panel", async () => {
    const shell = fakeShell(analysisFor);
    mockIPC((cmd, args) => {
      const request = (args as { request: { text: string } }).request;
      if (cmd === "analyze") return shell.analyze(request as unknown as AnalyzeRequest);
      if (cmd === "toggle_task") return request.text.replace("[ ]", "[x]");
      return null;
    });
    const dirty: boolean[] = [];
    const ws = new Workspace([], (d) => dirty.push(d));
    document.body.append(ws.element);
    ws.load("- [ ] a\n", { path: null, name: "Untitled", templateId: null, suggestedName: "a.md" });
    await ws.settled();
    expect(ws.element.querySelector("[data-testid=checklist-progress]")!.textContent).toBe("0/1");

    await ws.toggle(1);
    expect(ws.view.state.doc.toString()).toBe("- [x] a\n");
    await ws.settled();
    expect(ws.element.querySelector("[data-testid=checklist-progress]")!.textContent).toBe("1/1");
    expect(ws.element.querySelector<HTMLInputElement>("[data-testid=preview] input")!.checked).toBe(true);
    expect(dirty).toEqual([true]);
    ws.element.remove();
  });

  it("asks about its words again when spell checking changes language, not when it only says on again", async () => {
    const shell = fakeShell(analysisFor);
    const asked: string[][] = [];
    mockIPC((cmd, args) => {
      if (cmd === "analyze") return shell.analyze((args as { request: AnalyzeRequest }).request);
      if (cmd === "misspelt_words") {
        const words = (args as { words: string[] }).words;
        asked.push(words);
        return words.filter((w) => w === "Teh");
      }
      return null;
    });
    const ws = new Workspace([], () => {});
    document.body.append(ws.element);
    ws.load("Teh plan\n", { path: null, name: "Untitled", templateId: null, suggestedName: "a.md" });
    await ws.settled();
    const pause = () => new Promise((r) => setTimeout(r, 400));
    ws.setSpelling("on", ["en_US"]);
    await pause();
    expect(asked).toEqual([["Teh", "plan"]]);
    expect([...ws.element.querySelectorAll(".cm-misspelt")].map((e) => e.textContent)).toEqual(["Teh"]);
    ws.setSpelling("on", ["en_US"]);
    await pause();
    expect(asked).toHaveLength(1);
    ws.setSpelling("on", ["de_DE"]);
    await pause();
    expect(asked).toEqual([["Teh", "plan"], ["Teh", "plan"]]);
    expect(ws.element.dataset.spellingLanguages).toBe("de_DE");
    ws.setSpelling("off", []);
    expect(ws.element.querySelector(".cm-misspelt")).toBeNull();
    ws.element.remove();
  });

  it("coalesces a burst of edits into at most two analyses", async () => {
    let analyses = 0;
    const shell = fakeShell(analysisFor);
    mockIPC(async (cmd, args) => {
      if (cmd === "analyze") {
        analyses++;
        await new Promise((r) => setTimeout(r, 5));
        return shell.analyze((args as { request: AnalyzeRequest }).request);
      }
      return null;
    });
    const ws = new Workspace([], () => {});
    ws.load("", { path: null, name: "Untitled", templateId: null, suggestedName: "a.md" });
    await ws.settled();
    analyses = 0;
    for (const ch of "hello world") ws.view.dispatch({ changes: { from: ws.view.state.doc.length, insert: ch } });
    await ws.settled();
    expect(analyses).toBe(2);
    // The burst reached the shell as edits, and its copy is the editor's text.
    expect(shell.seen.at(-1)).toEqual({ kind: "edits", text: "hello world" });
  });

  it("names the text for a draft by version when the shell holds it, else sends it whole", async () => {
    const shell = fakeShell(analysisFor);
    const requests: AnalyzeRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "analyze") return null;
      requests.push((args as { request: AnalyzeRequest }).request);
      return shell.analyze(requests.at(-1)!);
    });
    const ws = new Workspace([], () => {});
    ws.load("a\r\nb\r\n", { path: null, name: "Untitled", templateId: null, suggestedName: "a.md" });
    expect(ws.draftText()).toEqual({ kind: "whole", text: "a\r\nb\r\n" });
    await ws.settled();
    // The length counts the file's CRLF line breaks as the shell's copy does.
    expect(ws.draftText()).toEqual({ kind: "analysed", version: requests.at(-1)!.version, length: 6 });
    ws.view.dispatch({ changes: { from: 1, insert: "!" } });
    expect(ws.draftText()).toEqual({ kind: "whole", text: "a!\r\nb\r\n" });
    await ws.settled();
    expect(ws.draftText()).toEqual({ kind: "analysed", version: requests.at(-1)!.version, length: 7 });
    expect(shell.seen.at(-1)!.text).toBe("a!\r\nb\r\n");
  });

  it("keeps text typed while a save runs unsaved", async () => {
    const shell = fakeShell(analysisFor);
    mockIPC((cmd, args) => (cmd === "analyze" ? shell.analyze((args as { request: AnalyzeRequest }).request) : null));
    const dirty: boolean[] = [];
    const ws = new Workspace([], (d) => dirty.push(d));
    ws.load("a\n", { path: "/tmp/a.md", name: "a.md", templateId: null, suggestedName: "a.md" });
    ws.view.dispatch({ changes: { from: 2, insert: "b" } });
    const { text, version } = ws.snapshot();
    expect(text).toBe("a\nb");
    // The save is on its way when the user types on.
    ws.view.dispatch({ changes: { from: 3, insert: "c" } });
    ws.markSaved({}, version);
    expect(ws.isDirty()).toBe(true);
    // Typing back to the saved text is clean; a save of the current text too.
    ws.view.dispatch({ changes: { from: 3, to: 4 } });
    expect(ws.isDirty()).toBe(false);
    ws.view.dispatch({ changes: { from: 3, insert: "d" } });
    ws.markSaved({});
    expect(ws.isDirty()).toBe(false);
    // Still unsaved after the save is reported again, for the shell and the journal.
    expect(dirty).toEqual([true, true, false, true, false]);
    await ws.settled();
  });

  it("sends an edit to the shell before the editor applies it", async () => {
    const shell = fakeShell(analysisFor);
    const editorHeld: string[] = [];
    let ws: Workspace | null = null;
    mockIPC((cmd, args) => {
      if (cmd !== "analyze") return null;
      editorHeld.push(ws!.view.state.doc.toString());
      return shell.analyze((args as { request: AnalyzeRequest }).request);
    });
    ws = new Workspace([], () => {});
    ws.load("- [ ] a\n", { path: null, name: "Untitled", templateId: null, suggestedName: "a.md" });
    await ws.settled();
    ws.view.dispatch({ changes: { from: 7, insert: "b" } });
    await ws.settled();
    // When the edit went out, the editor still held the text before it.
    expect(editorHeld).toEqual(["- [ ] a\n", "- [ ] a\n"]);
    expect(shell.seen.at(-1)).toEqual({ kind: "edits", text: "- [ ] ab\n" });
    expect(ws.view.state.doc.toString()).toBe("- [ ] ab\n");
  });

  it("makes its editor with the first text loaded, not empty at start", async () => {
    const shell = fakeShell(analysisFor);
    mockIPC((cmd, args) => (cmd === "analyze" ? shell.analyze((args as { request: AnalyzeRequest }).request) : null));
    const ws = new Workspace([], () => {});
    document.body.append(ws.element);
    expect(ws.element.querySelector(".cm-editor")).toBeNull();

    ws.load("- [ ] a\n", { path: null, name: "Untitled", templateId: null, suggestedName: "a.md" });
    expect(ws.element.querySelectorAll(".cm-editor")).toHaveLength(1);
    expect(ws.element.querySelector(".cm-content")!.textContent).toBe("- [ ] a");
    expect(ws.isDirty()).toBe(false);
    await ws.settled();

    // Later texts replace the state of the same editor.
    const editor = ws.view;
    ws.load("# b\n", { path: null, name: "b.md", templateId: null, suggestedName: "b.md" });
    expect(ws.view).toBe(editor);
    expect(ws.element.querySelectorAll(".cm-editor")).toHaveLength(1);
    expect(ws.text()).toBe("# b\n");
    await ws.settled();
    ws.element.remove();
  });
});
