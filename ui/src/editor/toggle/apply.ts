/**
 * Applies the engine's toggled text to the editor as the smallest possible change
 * (normally the one `x`/space character), so selection, scroll and history stay put.
 */
import type { EditorState, TransactionSpec } from "@codemirror/state";

/** One replacement turning `before` into `after`. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** The single contiguous change between two strings, or `null` if they are equal. */
export function minimalChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { from: start, to: endBefore, insert: after.slice(start, endAfter) };
}

/**
 * The transaction that turns the editor's document into `toggled` (the engine's
 * answer for the editor's text as sent, with its own line breaks).
 */
export function applyToggled(state: EditorState, toggled: string): TransactionSpec | null {
  const normalized = state.lineBreak === "\n" ? toggled : toggled.split(state.lineBreak).join("\n");
  const change = minimalChange(state.doc.toString(), normalized);
  if (!change) return null;
  return { changes: change, userEvent: "input.toggle" };
}
