import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { EditorState, type Text, type TransactionSpec } from "@codemirror/state";
import { afterEach, describe, expect, it } from "vitest";
import type { Analysis, AnalyzeRequest, Finding, LiveAnalysis } from "../ipc";
import { fakeShell } from "./fake-shell";
import { LiveAnalysisClient, toEdits } from "./live";

afterEach(() => clearMocks());

function analysisFor(text: string): Analysis {
  const lines = text.split(/\r?\n/);
  return {
    html: lines.map((line, i) => `<p data-sourcepos="${i + 1}:1-${i + 1}:${line.length}">${line}</p>`).join("\n"),
    checklist: { items: [], groups: [], progress: { done: 0, total: text.includes("[x]") ? 1 : 0 } },
    report: { template: null, score: 1, sections: [], findings: [] },
    outline: lines.filter((l) => l.startsWith("#")).map((l, i) => ({ level: 1, text: l, line: i + 1 })),
    word_count: text.split(/\s+/).filter(Boolean).length,
  };
}

const FINDING: Finding = { rule: "placeholder", severity: "warning", message: "m", line: 1, column: 1, end_line: 1, end_column: 2, section: null, hint: null, start: 0, end: 1 };

/** What the client shows for `text`: the fake shell leaves positions counting from the top. */
function shownFor(text: string) {
  return { ...analysisFor(text), version: expect.any(Number), blockLines: [], reportSent: expect.any(Boolean), kept: expect.toBeOneOf([null, expect.any(Object)]) };
}

/** An editor state, a client and a fake shell wired together. */
function setup(text: string, lineBreak: "\n" | "\r\n" = "\n") {
  const shell = fakeShell(analysisFor);
  const requests: AnalyzeRequest[] = [];
  const answers: LiveAnalysis[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "analyze") return null;
    const request = (args as { request: AnalyzeRequest }).request;
    requests.push(request);
    answers.push(shell.analyze(request));
    return answers.at(-1);
  });
  const client = new LiveAnalysisClient();
  let state = EditorState.create({ doc: text, extensions: lineBreak === "\r\n" ? EditorState.lineSeparator.of("\r\n") : [] });
  const edit = (spec: TransactionSpec) => {
    const tr = state.update(spec);
    client.noteChange(state.doc, tr.changes, tr.state.doc);
    state = tr.state;
  };
  const analyze = () => client.analyze(state.doc, lineBreak, null);
  const text_ = () => state.sliceDoc();
  return { shell, requests, answers, client, edit, analyze, text: text_, doc: () => state.doc };
}

describe("live analysis", () => {
  it("sends the text whole once, then only the edits, and rebuilds the whole analysis", async () => {
    const t = setup("# Title\n\nfirst 😀 line\nlast");
    const first = await t.analyze();
    expect(first).toEqual(shownFor(t.text()));
    expect(first.kept).toBeNull();
    t.edit({ changes: [{ from: 2, insert: "My " }, { from: 20, to: 21, insert: "é" }] });
    t.edit({ changes: { from: t.text().length, insert: "\nmore" } });
    expect(await t.analyze()).toEqual(shownFor(t.text()));
    expect(t.shell.seen.map((s) => s.kind)).toEqual(["whole", "edits"]);
    expect(t.shell.seen[1].text).toBe(t.text());
    // Only what changed came back, against the analysis on show.
    expect(t.requests.at(-1)!.shown).toBe(t.requests[0].version);
    const answer = t.answers.at(-1)!;
    expect([answer.checklist, answer.report]).toEqual([null, null]);
    expect(answer.outline).not.toBeNull(); // the heading changed
    expect(answer.html.keep_start).toBeGreaterThan(0);
    // The preview is told how much of the HTML on show the new one keeps.
    const before = shownFor(t.text()).html;
    t.edit({ changes: { from: t.text().length, insert: " end" } });
    const next = await t.analyze();
    expect(next.kept).toEqual({ from: t.answers.at(-2)!.version, start: answer.html.keep_start > 0 ? expect.any(Number) : 0, end: expect.any(Number) });
    const { start, end } = next.kept!;
    expect(start).toBeGreaterThan(0);
    expect(next.html.slice(0, start)).toBe(before.slice(0, start));
    expect(next.html.slice(next.html.length - end)).toBe(before.slice(before.length - end));
    expect(next.html).not.toBe(before);
  });

  it("counts a CRLF file's line breaks as two units", async () => {
    const t = setup("a\r\nb\r\nc", "\r\n");
    await t.analyze();
    t.edit({ changes: { from: 4, insert: "X\r\nY" } }); // before "c" (editor offsets count one per break)
    await t.analyze();
    expect(t.shell.seen[1]).toEqual({ kind: "edits", text: "a\r\nb\r\nX\r\nYc" });
    expect(t.text()).toBe("a\r\nb\r\nX\r\nYc");
  });

  it("resends the whole text when the shell no longer holds the base", async () => {
    const t = setup("one");
    await t.analyze();
    // Another client's analysis replaces the shell's copy behind this one's back.
    t.shell.analyze({ version: 99, text: { kind: "whole", text: "other" }, template_id: null, shown: null });
    t.edit({ changes: { from: 3, insert: " two" } });
    expect(await t.analyze()).toEqual(shownFor("one two"));
    expect(t.shell.seen.map((s) => s.kind)).toEqual(["whole", "whole", "whole"]);
  });

  it("keeps the shell's copy equal to the editor's text through random edits", async () => {
    // A small seeded generator: the same sequence on every run.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ["a", " ", "é", "😀", "[ ] ", "# ", "\r\n", "|x|"];
    for (const lineBreak of ["\n", "\r\n"] as const) {
      const t = setup(`start${lineBreak}😀 end`, lineBreak);
      await t.analyze();
      for (let round = 0; round < 60; round++) {
        // One to three edits between analyses, as a burst coalesces them.
        for (let k = 1 + next(3); k > 0; k--) {
          const doc = t.doc();
          const at = clampToChar(next(doc.length + 1), doc);
          const to = clampToChar(Math.min(doc.length, at + next(3)), doc);
          const insert = next(3) ? pieces[next(pieces.length)].replace("\r\n", lineBreak) : "";
          t.edit({ changes: { from: at, to, insert } });
        }
        expect(await t.analyze()).toEqual(shownFor(t.text()));
        expect(t.shell.seen.at(-1)).toEqual({ kind: "edits", text: t.text() });
      }
    }
  });

  it("sends the whole text when an edit would split an emoji", async () => {
    const t = setup("a 😀 b");
    await t.analyze();
    // 😀 → 😃 share their first half: the editor's diff changes only the second.
    const low = "😃".charAt(1);
    t.edit({ changes: { from: 3, to: 4, insert: low } });
    expect(t.text()).toBe("a 😃 b");
    expect(await t.analyze()).toEqual(shownFor("a 😃 b"));
    expect(t.shell.seen.map((s) => s.kind)).toEqual(["whole", "whole"]);
    t.edit({ changes: { from: 0, insert: "x" } });
    await t.analyze();
    expect(t.shell.seen.at(-1)).toEqual({ kind: "edits", text: "xa 😃 b" });
  });

  it("rebuilds the blocks' first lines, and moves the panel data the shell left out as it says", async () => {
    const item = { line: 5, checked: false, text: "c", section: null };
    const finding = { ...FINDING, line: 5, end_line: 5, start: 7, end: 8 };
    const nothing = { after_line: 0, lines: 0, from_byte: 0, bytes: 0 };
    const answers: Omit<LiveAnalysis, "version">[] = [
      {
        html: { keep_start: 0, keep_end: 0, insert: "<p>a</p><p>b</p><ul><li>c</li></ul>" },
        block_lines: { keep_start: 0, keep_end: 0, insert: [1, 2, 2] },
        moved: nothing,
        checklist: { items: [item], groups: [{ section: null, line: 1, done: 0, total: 1 }], progress: { done: 0, total: 1 } },
        report: { template: null, score: 1, sections: [{ section: "S", line: 3, required: true, score: 1 }], findings: [finding] },
        outline: [{ level: 1, text: "b", line: 3 }],
        word_count: 3,
      },
      // An Enter after "a": the second block moves down a line, and so the third.
      {
        html: { keep_start: 36, keep_end: 0, insert: "" },
        block_lines: { keep_start: 1, keep_end: 1, insert: [3] },
        moved: { after_line: 1, lines: 1, from_byte: 1, bytes: 1 },
        checklist: null,
        report: null,
        outline: null,
        word_count: 3,
      },
    ];
    mockIPC((cmd, args) => (cmd === "analyze" ? { version: (args as { request: AnalyzeRequest }).request.version, ...answers.shift() } : null));
    const client = new LiveAnalysisClient();
    const doc = EditorState.create({ doc: "a\n\nb\n\n- c" }).doc;
    const first = await client.analyze(doc, "\n", null);
    expect(first.blockLines).toEqual([1, 3, 5]);
    expect(first.reportSent).toBe(true);
    const shown = await client.analyze(doc, "\n", null);
    expect(shown.blockLines).toEqual([1, 4, 6]);
    expect(shown.html).toBe("<p>a</p><p>b</p><ul><li>c</li></ul>");
    expect(shown.checklist.items).toEqual([{ ...item, line: 6 }]);
    expect(shown.checklist.groups[0].line).toBe(1);
    expect(shown.report.sections[0].line).toBe(4);
    expect(shown.report.findings).toEqual([{ ...finding, line: 6, end_line: 6, start: 8, end: 9 }]);
    expect(shown.outline).toEqual([{ level: 1, text: "b", line: 4 }]);
    expect(shown.reportSent).toBe(false);
  });

  it("turns editor changes into edits of the text before them", () => {
    const state = EditorState.create({ doc: "ab\ncd" });
    const tr = state.update({ changes: [{ from: 1, to: 2, insert: "X" }, { from: 4, insert: "\n" }] });
    expect(toEdits(state.doc, tr.changes, "\n")).toEqual([
      { from: 1, to: 2, insert: "X" },
      { from: 4, to: 4, insert: "\n" },
    ]);
    expect(toEdits(state.doc, tr.changes, "\r\n")).toEqual([
      { from: 1, to: 2, insert: "X" },
      { from: 5, to: 5, insert: "\r\n" },
    ]);
  });
});

/** `pos` moved back off the second half of a surrogate pair (the editor never splits one). */
function clampToChar(pos: number, doc: Text): number {
  const line = doc.lineAt(pos);
  const code = line.text.charCodeAt(pos - line.from);
  return code >= 0xdc00 && code <= 0xdfff ? pos - 1 : pos;
}
