import { insertNewlineContinueMarkup } from "@codemirror/lang-markdown";
import { ensureSyntaxTree, LanguageDescription, syntaxTree } from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { EditorSelection, EditorState, type Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { markdownSupport } from "./markdown";

function stateOf(doc: string, cursor = doc.length): EditorState {
  return EditorState.create({ doc, selection: EditorSelection.cursor(cursor), extensions: markdownSupport(languages) });
}

/** The names of the syntax nodes covering `text` in `doc`, innermost first. */
function nodesAt(state: EditorState, text: string): string[] {
  const tree = ensureSyntaxTree(state, state.doc.length, 5000) ?? syntaxTree(state);
  const names: string[] = [];
  for (let node: ReturnType<typeof tree.resolveInner> | null = tree.resolveInner(state.doc.toString().indexOf(text) + 1, 1); node; node = node.parent) {
    names.push(node.name);
  }
  return names;
}

describe("the editor's Markdown", () => {
  it("parses GFM: headings, task lists, tables, strikethrough", () => {
    const state = stateOf("# Title\n\n- [ ] task\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n");
    expect(nodesAt(state, "Title")).toContain("ATXHeading1");
    expect(nodesAt(state, "[ ]")).toContain("Task");
    expect(nodesAt(state, "| 1")).toContain("Table");
    expect(nodesAt(state, "gone")).toContain("Strikethrough");
  });

  it("continues a list on Enter and keeps raw HTML as Markdown's HTML nodes", () => {
    let state = stateOf("- first");
    insertNewlineContinueMarkup({ state, dispatch: (tr: Transaction) => (state = tr.state) });
    expect(state.doc.toString()).toBe("- first\n- ");
    expect(nodesAt(stateOf("<div>raw</div>\n"), "div")).toContain("HTMLBlock");
  });

  it("highlights a fenced block in its own language once that language is loaded", async () => {
    const yaml = LanguageDescription.matchLanguageName(languages, "yaml", true)!;
    await yaml.load();
    const state = stateOf("```yaml\nkey: value\n```\n");
    const names = nodesAt(state, "key");
    expect(names).toContain("FencedCode");
    // The YAML parser's own nodes sit inside the fenced block.
    expect(names.some((name) => !["FencedCode", "CodeText", "Document"].includes(name))).toBe(true);
  });
});
