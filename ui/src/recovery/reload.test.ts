import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { fakeShell } from "../analysis/fake-shell";
import { Workspace } from "../app/workspace";
import type { AnalyzeRequest } from "../ipc";

afterEach(() => clearMocks());

// jsdom has no layout; CodeMirror measures the cursor with these.
Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

function workspace(dirty: boolean[]): Workspace {
  const shell = fakeShell(() => ({
    html: "",
    checklist: { items: [], groups: [], progress: { done: 0, total: 0 } },
    report: { template: null, score: 1, sections: [], findings: [] },
    outline: [],
    word_count: 0,
  }));
  mockIPC((cmd, args) => (cmd === "analyze" ? shell.analyze((args as { request: AnalyzeRequest }).request) : null));
  const ws = new Workspace([], (d) => dirty.push(d));
  document.body.append(ws.element);
  return ws;
}

describe("Workspace after a change on disk", () => {
  it("reloads the file's new text as saved, keeping the cursor", () => {
    const dirty: boolean[] = [];
    const ws = workspace(dirty);
    ws.load("# T\r\n\r\nfirst\r\nsecond\r\n", { path: "/a.md", name: "a.md", templateId: null, suggestedName: "a.md" });
    const cursor = ws.view.state.doc.line(4).from; // "second"
    ws.view.dispatch({ selection: { anchor: cursor } });
    ws.reloadText("# T\r\n\r\nfirst, edited elsewhere\r\nsecond\r\n");
    expect(ws.text()).toBe("# T\r\n\r\nfirst, edited elsewhere\r\nsecond\r\n");
    expect(ws.isDirty()).toBe(false);
    expect(dirty).toEqual([]);
    expect(ws.view.state.doc.lineAt(ws.view.state.selection.main.head).text).toBe("second");
  });

  it("keeps a CRLF file's line breaks when the change on disk adds lines", () => {
    const ws = workspace([]);
    ws.load("# T\r\n\r\nfirst\r\nsecond\r\n", { path: "/a.md", name: "a.md", templateId: null, suggestedName: "a.md" });
    ws.reloadText("# T\r\n\r\nfirst\r\nnew one\r\nnew two\r\nsecond\r\n");
    expect(ws.text()).toBe("# T\r\n\r\nfirst\r\nnew one\r\nnew two\r\nsecond\r\n");
    expect(ws.view.state.doc.lines).toBe(7);
    expect(ws.isDirty()).toBe(false);
  });

  it("a restored draft or a deleted file stays unsaved until saved", () => {
    const dirty: boolean[] = [];
    const ws = workspace(dirty);
    ws.load("draft text", { path: "/a.md", name: "a.md", templateId: null, suggestedName: "a.md" });
    ws.markUnsaved();
    expect(ws.isDirty()).toBe(true);
    ws.view.dispatch({ changes: { from: 0, insert: "x" } });
    ws.view.dispatch({ changes: { from: 0, to: 1 } });
    expect(ws.isDirty()).toBe(true);
    ws.markSaved({});
    expect(ws.isDirty()).toBe(false);
    expect(dirty).toEqual([true, false]);
  });
});
