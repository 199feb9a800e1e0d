import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { markdown } from "./markdown-code-block";
import { html, htmlCompletionSource } from "./no-html-in-markdown";
import { syntaxTree } from "@codemirror/language";

describe("the stand-ins that keep HTML support out of the start-up bundle", () => {
  it("give lang-markdown a harmless HTML language and no completions", () => {
    const state = EditorState.create({ doc: "<div>x</div>", extensions: html() });
    expect(state.sliceDoc()).toBe("<div>x</div>");
    expect(htmlCompletionSource()).toBeNull();
  });

  it("give a ```markdown code block the editor's own Markdown", () => {
    const state = EditorState.create({ doc: "# Nested\n\n- [ ] task\n", extensions: markdown() });
    expect(syntaxTree(state).resolveInner(3, 1).name).toBe("ATXHeading1");
  });
});
