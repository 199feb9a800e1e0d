import { setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView, type ViewUpdate } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import { findings, touchesDiagnostic } from "./findings";

// jsdom has no layout; CodeMirror measures the cursor with these.
Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

/** Whether inserting `insert` over `from..to` of "fine TODO fine" (TODO flagged) touches the diagnostic. */
function touched(from: number, to: number, insert: string): boolean {
  let update: ViewUpdate | null = null;
  const view = new EditorView({
    state: EditorState.create({
      doc: "fine TODO fine",
      extensions: [findings(), EditorView.updateListener.of((u) => void (u.docChanged && (update = u)))],
    }),
  });
  view.dispatch(setDiagnostics(view.state, [{ from: 5, to: 9, severity: "warning", message: "placeholder" }]));
  view.dispatch({ changes: { from, to, insert } });
  view.destroy();
  return touchesDiagnostic(update!);
}

describe("touchesDiagnostic", () => {
  it("tells edits inside or at the edge of a diagnostic from edits elsewhere", () => {
    expect(touched(5, 9, "TODO")).toBe(true); // the same text pasted over it
    expect(touched(7, 7, "x")).toBe(true);
    expect(touched(9, 9, "x")).toBe(true);
    expect(touched(12, 12, "x")).toBe(false);
    expect(touched(0, 1, "F")).toBe(false);
  });
});
