/**
 * For tests: the shell's side of the live analysis (`specwright_core::live`) in
 * a few lines, over a given whole-text analysis. It holds the text by version,
 * applies edits as the shell does (refusing a stale base), and answers with a
 * splice of the HTML on show and only the panel data that changed. The HTML's
 * positions are left counting from the top of the document (no block lines),
 * and nothing is moved: a panel part is left out only when it is the same.
 */
import type { Analysis, AnalyzeRequest, LiveAnalysis } from "../ipc";

export interface FakeShell {
  /** Answers an `analyze` request (throws the shell's `stale-text` error). */
  analyze(request: AnalyzeRequest): LiveAnalysis;
  /** Every text analysed, in order, and how each arrived. */
  readonly seen: { text: string; kind: "whole" | "edits" }[];
}

export function fakeShell(analysisFor: (text: string) => Analysis): FakeShell {
  let held: { version: number; text: string } | null = null;
  let shown: { version: number; analysis: Analysis } | null = null;
  const seen: FakeShell["seen"] = [];
  return {
    seen,
    analyze(request) {
      let text: string;
      if (request.text.kind === "whole") {
        text = request.text.text;
      } else {
        if (!held || held.version !== request.text.base) {
          held = null;
          throw { kind: "stale-text", message: "the edits do not apply to the text the engine holds" };
        }
        text = held.text;
        for (const edit of [...request.text.edits].reverse()) text = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
      }
      held = { version: request.version, text };
      seen.push({ text, kind: request.text.kind });
      const next = analysisFor(text);
      const base = shown && shown.version === request.shown ? shown.analysis : null;
      const same = <T>(pick: (a: Analysis) => T) => base !== null && JSON.stringify(pick(base)) === JSON.stringify(pick(next));
      shown = { version: request.version, analysis: next };
      return {
        version: request.version,
        html: splice(base?.html ?? "", next.html),
        block_lines: { keep_start: 0, keep_end: 0, insert: [] },
        moved: { after_line: 0, lines: 0, from_byte: 0, bytes: 0 },
        checklist: same((a) => a.checklist) ? null : next.checklist,
        report: same((a) => a.report) ? null : next.report,
        outline: same((a) => a.outline) ? null : next.outline,
        word_count: next.word_count,
      };
    },
  };
}

function splice(old: string, next: string): LiveAnalysis["html"] {
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start++;
  let end = 0;
  const room = Math.min(old.length, next.length) - start;
  while (end < room && old[old.length - 1 - end] === next[next.length - 1 - end]) end++;
  return { keep_start: start, keep_end: end, insert: next.slice(start, next.length - end) };
}
