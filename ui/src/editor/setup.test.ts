import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { detectLineBreak } from "./setup";

describe("detectLineBreak", () => {
  it("detects CRLF files from their first line break", () => {
    expect(detectLineBreak("a\r\nb\r\n")).toBe("\r\n");
    expect(detectLineBreak("a\nb\r\n")).toBe("\n");
    expect(detectLineBreak("no breaks")).toBe("\n");
  });

  it("round-trips a CRLF document byte for byte through EditorState", () => {
    const text = "# T\r\n\r\n- [ ] a\r\n";
    const state = EditorState.create({ doc: text, extensions: EditorState.lineSeparator.of(detectLineBreak(text)) });
    expect(state.sliceDoc()).toBe(text);
  });
});
