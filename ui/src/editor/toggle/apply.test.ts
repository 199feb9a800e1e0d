import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { applyToggled, minimalChange } from "./apply";

describe("minimalChange", () => {
  it("finds the one flipped character", () => {
    expect(minimalChange("- [ ] a\n- [ ] b", "- [ ] a\n- [x] b")).toEqual({ from: 11, to: 12, insert: "x" });
  });

  it("returns null for equal texts", () => {
    expect(minimalChange("same", "same")).toBeNull();
  });
});

describe("applyToggled", () => {
  it("changes only the checkbox character and keeps the selection", () => {
    const doc = "# Plan\n\n- [ ] ship it\n- [ ] tell people\n";
    let state = EditorState.create({ doc, selection: { anchor: 3 } });
    const spec = applyToggled(state, doc.replace("- [ ] tell", "- [x] tell"));
    expect(spec).not.toBeNull();
    const tr = state.update(spec!);
    let changed = 0;
    tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
      changed++;
      expect(toA - fromA).toBe(1);
      expect(inserted.toString()).toBe("x");
    });
    expect(changed).toBe(1);
    state = tr.state;
    expect(state.selection.main.anchor).toBe(3);
    expect(state.doc.toString()).toContain("- [x] tell people");
  });

  it("handles CRLF documents", () => {
    const doc = "- [ ] a\r\n- [x] b\r\n";
    const state = EditorState.create({ doc, extensions: EditorState.lineSeparator.of("\r\n") });
    const spec = applyToggled(state, "- [x] a\r\n- [x] b\r\n")!;
    const next = state.update(spec).state;
    expect(next.sliceDoc()).toBe("- [x] a\r\n- [x] b\r\n");
  });

  it("is undoable as one step (it is a normal change)", () => {
    const state = EditorState.create({ doc: "- [ ] a" });
    const spec = applyToggled(state, "- [x] a")!;
    expect(state.update(spec).state.doc.toString()).toBe("- [x] a");
  });

  it("maps multi-byte text before the box correctly", () => {
    const doc = "## Überprüfung 😀\n- [ ] prüfen";
    const state = EditorState.create({ doc });
    const next = state.update(applyToggled(state, doc.replace("[ ]", "[x]"))!).state;
    expect(next.doc.toString()).toBe("## Überprüfung 😀\n- [x] prüfen");
  });
});
