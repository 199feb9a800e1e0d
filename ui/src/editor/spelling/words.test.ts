import { ensureSyntaxTree } from "@codemirror/language";
import { EditorState, Text } from "@codemirror/state";
import { describe, expect, it, vi } from "vitest";
import { markdownSupport } from "../markdown";
import { frontMatterEnd, notProse, proseWords, worthChecking } from "./words";

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
  "Last paragraf &amp; done.",
].join("\n");

function markdownState(doc: string): EditorState {
  const created = EditorState.create({ doc, extensions: markdownSupport([]) });
  ensureSyntaxTree(created, doc.length, 1e9);
  return created;
}

const whole = (s: EditorState) => [{ from: 0, to: s.doc.length }];

/** The texts `notProse` leaves out of spell checking. */
function unchecked(doc: string): string[] {
  const s = markdownState(doc);
  return notProse(s, whole(s)).map((r) => s.sliceDoc(r.from, r.to));
}

const words = (doc: string) => {
  const s = markdownState(doc);
  return proseWords(s, whole(s)).map((w) => w.text);
};

describe("notProse", () => {
  it("leaves code, URLs, comments, entities and raw HTML out, and checks headings, prose and link text", () => {
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
        "&amp;",
      ]),
    );
    const joined = out.join("\n");
    for (const prose of ["Teh title", "Prose with", "linkk]", "Last paragraf"]) expect(joined).not.toContain(prose);
  });

  it("looks only at the ranges asked for (the visible part of a long document)", () => {
    const s = markdownState(DOC);
    const out = notProse(s, [{ from: 0, to: s.doc.line(3).to }]).map((r) => s.sliceDoc(r.from, r.to));
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

describe("proseWords", () => {
  it("finds the prose's words with their places, and none in code, links' targets or HTML", () => {
    expect(words(DOC)).toEqual(["Teh", "title", "Prose", "with", "and", "linkk", "and", "Last", "paragraf", "done"]);
    const s = markdownState(DOC);
    for (const w of proseWords(s, whole(s))) expect(s.sliceDoc(w.from, w.to)).toBe(w.text);
  });

  it("keeps apostrophes and hyphens inside words, and reads emphasis and accents", () => {
    expect(words("Don’t re-use the **users'** *café* naïve ~~ideas~~ _now_ - a list-")).toEqual([
      "Don’t",
      "re-use",
      "the",
      "users",
      "café",
      "naïve",
      "ideas",
      "now",
      "list",
    ]);
  });

  it("leaves out scripts written without spaces, and checks those with them", () => {
    expect(words("日本語の文章です and ภาษาไทย but Привет мир")).toEqual(["and", "but", "Привет", "мир"]);
    expect(words("recieveの文章")).toEqual(["recieve"]);
  });

  it("looks at each part of a hyphenated word for capitals", () => {
    expect(words("Jean-Luc and Austro-Hungarin but not re-JSON or getX-ray")).toEqual([
      "Jean-Luc",
      "and",
      "Austro-Hungarin",
      "but",
      "not",
      "or",
    ]);
  });

  it("reads only the part of a very long line near the range, and no word cut by its edge", () => {
    const long = "word ".repeat(200_000); // 1 MB on one line
    const s = markdownState(`${long}\nnext line`);
    const from = 500_002; // inside a "word"
    const slices = vi.spyOn(s.doc, "sliceString");
    const found = proseWords(s, [{ from, to: from + 100 }]);
    expect(slices).toHaveBeenCalled();
    for (const [a, b] of slices.mock.calls) expect((b ?? s.doc.length) - a).toBeLessThanOrEqual(100 + 2 * 64);
    expect(found.length).toBe(19);
    for (const w of found) expect(s.sliceDoc(w.from, w.to)).toBe("word");
    expect(found[0].from).toBeGreaterThanOrEqual(from);
    expect(found[found.length - 1].to).toBeLessThanOrEqual(from + 100);
  });

  it("leaves out acronyms, camelCase, numbers, paths, addresses, file names and snake_case", () => {
    expect(
      words("The API and JSON in getUserName, v2 or 3rd, src/main.rs, pat@example.com, config.yaml, max_retries and :smile: stay."),
    ).toEqual(["The", "and", "in", "or", "and", "stay"]);
  });

  it("looks only at the ranges asked for", () => {
    const s = markdownState("First line here\nSecond line there\nThird");
    const second = s.doc.line(2);
    expect(proseWords(s, [{ from: second.from, to: second.to }]).map((w) => w.text)).toEqual(["Second", "line", "there"]);
  });
});

describe("worthChecking", () => {
  it("needs two letters and no capital after the first", () => {
    expect(worthChecking("a", " ", "", " ", "")).toBe(false);
    expect(worthChecking("Word", "", "", "", "")).toBe(true);
    expect(worthChecking("WORD", "", "", "", "")).toBe(false);
    expect(worthChecking("iPhone", "", "", "", "")).toBe(false);
  });

  it("takes a full stop or an underscore as a joiner only between letters or digits", () => {
    expect(worthChecking("end", " ", "e", ".", " ")).toBe(true);
    expect(worthChecking("yaml", ".", "g", "", "")).toBe(false);
    expect(worthChecking("now", "_", " ", "_", ".")).toBe(true);
    expect(worthChecking("retries", "_", "x", " ", "")).toBe(false);
  });
});
