import { history, undo, undoDepth } from "@codemirror/commands";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BLINK_FOR_MS, blinkThenHold } from "./blink";

describe("blinkThenHold", () => {
  let view: EditorView;
  const holds = () => view.dom.classList.contains("cm-steady-cursor");

  beforeEach(() => {
    vi.useFakeTimers();
    view = new EditorView({ state: EditorState.create({ doc: "hello world", extensions: blinkThenHold() }), parent: document.body });
  });

  afterEach(() => {
    view.destroy();
    vi.useRealTimers();
  });

  it("blinks for ten seconds after the last edit or move, then holds still", () => {
    vi.advanceTimersByTime(BLINK_FOR_MS - 1);
    expect(holds()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(holds()).toBe(true);
  });

  it("blinks again when the user types or moves the cursor, and the countdown starts over", () => {
    vi.advanceTimersByTime(BLINK_FOR_MS);
    view.dispatch({ changes: { from: 0, insert: "x" } });
    expect(holds()).toBe(false);
    vi.advanceTimersByTime(BLINK_FOR_MS / 2);
    view.dispatch({ selection: { anchor: 3 } });
    vi.advanceTimersByTime(BLINK_FOR_MS - 1);
    expect(holds()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(holds()).toBe(true);
  });

  it("blinks again when the editor gets the focus back", () => {
    view.focus();
    vi.advanceTimersByTime(BLINK_FOR_MS + 100);
    expect(holds()).toBe(true);
    view.contentDOM.blur();
    vi.advanceTimersByTime(100);
    view.focus();
    vi.advanceTimersByTime(100);
    expect(holds()).toBe(false);
  });

  it("adds nothing to the undo history", () => {
    view.destroy();
    view = new EditorView({ state: EditorState.create({ doc: "hello", extensions: [history(), blinkThenHold()] }), parent: document.body });
    view.dispatch({ changes: { from: 5, insert: "!" } });
    vi.advanceTimersByTime(BLINK_FOR_MS);
    expect(holds()).toBe(true);
    expect(undoDepth(view.state)).toBe(1);
    undo(view);
    expect(view.state.sliceDoc()).toBe("hello");
  });
});
