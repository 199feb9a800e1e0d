import { ensureSyntaxTree } from "@codemirror/language";
import { EditorState, Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, describe, expect, it } from "vitest";
import { markdownSupport } from "./markdown";
import { frontMatterEnd, notProse, setSpellCheck, spellCheck } from "./spelling";

const DOC = [
  "# Teh title",
  "",
  "Prose with `inlinecodde` and a [linkk](https://exampel.com/pathh) and <https://autolinkk.example>.",
  "",
  "```yaml",
  "apiVersoin: v1",
  "```",
  "",
  "    indentedd code",
  "",
  "<!-- a commentt -->",
  "",
  "<div>htmll</div>",
  "",
  "Last paragraf.",
].join("\n");

function state(doc: string): EditorState {
  const created = EditorState.create({ doc, extensions: markdownSupport([]) });
  ensureSyntaxTree(created, doc.length, 1e9);
  return created;
}

/** The texts `notProse` leaves out of spell checking. */
function unchecked(doc: string): string[] {
  const s = state(doc);
  return notProse(s, [{ from: 0, to: doc.length }]).map((r) => s.sliceDoc(r.from, r.to));
}

describe("notProse", () => {
  it("leaves code, URLs, comments and raw HTML out, and checks headings, prose and link text", () => {
    const out = unchecked(DOC);
    expect(out).toEqual(
      expect.arrayContaining([
        "`inlinecodde`",
        "https://exampel.com/pathh",
        "<https://autolinkk.example>",
        "```yaml\napiVersoin: v1\n```",
        "indentedd code",
        "<!-- a commentt -->",
        "<div>htmll</div>",
      ]),
    );
    const joined = out.join("\n");
    for (const prose of ["Teh title", "Prose with", "linkk]", "Last paragraf"]) expect(joined).not.toContain(prose);
  });

  it("looks only at the ranges asked for (the visible part of a long document)", () => {
    const s = state(DOC);
    const firstLine = s.doc.line(3);
    const out = notProse(s, [{ from: 0, to: firstLine.to }]).map((r) => s.sliceDoc(r.from, r.to));
    expect(out).toContain("`inlinecodde`");
    expect(out).not.toContain("<div>htmll</div>");
  });

  it("leaves a YAML front matter out", () => {
    const doc = "---\ntitle: Checkout redesign\nowner: pat\n---\n\n# Checkout\n";
    expect(unchecked(doc)).toContain("---\ntitle: Checkout redesign\nowner: pat\n---");
  });
});

describe("frontMatterEnd", () => {
  it("ends at the closing line, and is 0 without an opening or closing one", () => {
    expect(frontMatterEnd(Text.of(["---", "a: b", "---", "text"]))).toBe("---\na: b\n---".length);
    expect(frontMatterEnd(Text.of(["# No front matter", "---"]))).toBe(0);
    expect(frontMatterEnd(Text.of(["---", "never closed"]))).toBe(0);
    expect(frontMatterEnd(Text.of(["---"]))).toBe(0);
  });
});

describe("spellCheck", () => {
  let view: EditorView | null = null;
  afterEach(() => view?.destroy());

  it("marks the text spellcheck only while on, with code marked not to be checked", () => {
    view = new EditorView({ state: EditorState.create({ doc: DOC, extensions: [markdownSupport([]), spellCheck(false)] }), parent: document.body });
    ensureSyntaxTree(view.state, DOC.length, 1e9);
    expect(view.contentDOM.getAttribute("spellcheck")).toBe("false");
    expect(view.contentDOM.querySelector("[spellcheck]")).toBeNull();

    setSpellCheck(view, true);
    expect(view.contentDOM.getAttribute("spellcheck")).toBe("true");
    const unchecked = [...view.contentDOM.querySelectorAll("[spellcheck=false]")].map((e) => e.textContent);
    expect(unchecked).toContain("`inlinecodde`");
    expect(unchecked).not.toContain("Last paragraf.");

    setSpellCheck(view, false);
    expect(view.contentDOM.getAttribute("spellcheck")).toBe("false");
    expect(view.contentDOM.querySelector("[spellcheck]")).toBeNull();
  });
});
