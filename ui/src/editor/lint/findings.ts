/**
 * Lint underlines from the engine's findings: `findings(config)` is the extension,
 * `showFindings` replaces the diagnostics for a given snapshot of the text.
 */
import { type Diagnostic, forEachDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import type { EditorState, Extension, TransactionSpec } from "@codemirror/state";
import type { ViewUpdate } from "@codemirror/view";
import type { Finding } from "../../ipc";
import { bytesToPositions } from "./positions";

/** The lint gutter; diagnostics themselves are pushed with {@link showFindings}. */
export function findings(): Extension {
  return lintGutter();
}

/** Converts findings (byte ranges of `text`) into CodeMirror diagnostics. */
export function toDiagnostics(list: readonly Finding[], text: string, crlf: boolean, docLength: number): Diagnostic[] {
  const offsets = list.flatMap((f) => [f.start, f.end]);
  const map = bytesToPositions(text, offsets, crlf);
  return list.map((f) => {
    const from = Math.min(map.get(f.start) ?? 0, docLength);
    const to = Math.min(Math.max(map.get(f.end) ?? from, from), docLength);
    return {
      from,
      to,
      severity: f.severity,
      source: f.rule,
      message: f.hint ? `${f.message}\n${f.hint}` : f.message,
    };
  });
}

/**
 * Whether `update` changed text inside or at the edge of a diagnostic on show:
 * mapping may then have dropped or misplaced it, so it must be made anew.
 */
export function touchesDiagnostic(update: ViewUpdate): boolean {
  let touched = false;
  forEachDiagnostic(update.startState, (_d, from, to) => {
    touched ||= update.changes.touchesRange(from, to) !== false;
  });
  return touched;
}

/** A transaction that shows `list`, computed for the editor text `text`. */
export function showFindings(state: EditorState, list: readonly Finding[], text: string): TransactionSpec {
  const crlf = state.lineBreak === "\r\n";
  return setDiagnostics(state, toDiagnostics(list, text, crlf, state.doc.length));
}
