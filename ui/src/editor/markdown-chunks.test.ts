import { markdownLanguage } from "@codemirror/lang-markdown";
import { ensureSyntaxTree, language, LanguageDescription, syntaxTree } from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { EditorState } from "@codemirror/state";
import { type Input, NodeProp, Parser, type PartialParse, type Tree, TreeFragment } from "@lezer/common";
import { type MarkdownParser, parseCode } from "@lezer/markdown";
import { beforeAll, describe, expect, it } from "vitest";
import { markdownSupport } from "./markdown";
import { ChunkedMarkdownParser, chunkedMarkdown } from "./markdown-chunks";

const keps = Object.values(import.meta.glob<string>("../../../tests/fixtures/keps/**/README.md", { query: "?raw", import: "default", eager: true }));
const templates = Object.values(import.meta.glob<string>("../../../templates/*.md", { query: "?raw", import: "default", eager: true }));

const markdown = markdownLanguage.parser as MarkdownParser;
/** JavaScript, as the editor loads it for a ```js block. */
let javascript: Parser | null = null;
beforeAll(async () => {
  javascript = (await LanguageDescription.matchLanguageName(languages, "javascript")!.load()).language.parser;
});
/** With ```js blocks parsed as JavaScript, to cover trees mounted in a chunk. */
const withCode = markdown.configure(parseCode({ codeParser: (info) => (info === "js" ? javascript : null) }));

/** Every named node of `tree`, as name:from-to, and those of the trees mounted on code blocks (which iteration does not enter). */
function nodes(tree: Tree, offset = 0): string[] {
  const out: string[] = [];
  tree.iterate({
    enter: (node) => {
      out.push(`${node.name}:${node.from + offset}-${node.to + offset}`);
      const mounted = node.tree?.prop(NodeProp.mounted);
      // An overlay's tree counts from the overlay's start.
      if (mounted) out.push(...nodes(mounted.tree, offset + node.from + (mounted.overlay?.[0].from ?? 0)));
    },
  });
  return out;
}

/** The first place where two node lists differ, with a little context, or null (a diff of whole lists is too slow). */
function firstDifference(actual: string[], expected: string[]): string | null {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i++) {
    if (actual[i] !== expected[i]) return `at node ${i}: ${actual.slice(i - 2, i + 3).join(" ")} ≠ ${expected.slice(i - 2, i + 3).join(" ")}`;
  }
  return null;
}

/** Expects `tree` to have exactly the nodes of `parser`'s whole parse of `text`. */
function expectWholeParse(tree: Tree, text: string, parser: MarkdownParser = withCode, what = ""): void {
  expect(firstDifference(nodes(tree), nodes(parser.parse(text))), what).toBeNull();
}

/** Small chunks, so short texts have many. */
function chunked(parser: MarkdownParser = markdown, minChunk = 64): ChunkedMarkdownParser {
  return chunkedMarkdown(parser, minChunk);
}

/** A parser that counts the characters it is asked to parse. */
class Counting extends Parser {
  parsed = 0;
  constructor(private readonly inner: Parser) {
    super();
  }
  createParse(input: Input, fragments: readonly TreeFragment[], ranges: readonly { from: number; to: number }[]): PartialParse {
    this.parsed += ranges[ranges.length - 1].to - ranges[0].from;
    return this.inner.startParse(input, fragments, ranges);
  }
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Texts where a heading line at column 0 is not a top-level heading, or ends the text. */
const tricky = [
  "",
  "# only",
  "# only\n",
  "#\n#\n#\n",
  "####### seven\n# six\n",
  "```\n# in a fence\n\n# still\n```\n# out\ntext\n",
  "~~~~\n# a\n```\n# b\n~~~~\n# c\n",
  "<script>\n# in script\n\n# still\n</script>\n# out\n",
  "<!--\n# in a comment\n\n-->\n# out\n",
  "<?\n# pi\n?>\n# out\n",
  "<![CDATA[\n# cdata\n]]>\n# out\n",
  "<div>\n# html block ends at a blank line?\n\n# out\n",
  "- item\n# heading ends the list\n  more\n",
  "- item\n\n  # in the item\n# out\n",
  "> quote\n# out\n> quote again\n",
  "para\n# interrupts\npara\n===\n",
  "| a | b |\n|---|---|\n| 1 | 2 |\n# after a table\n",
  "    # indented code\n# out\n",
  "[ref]: /url\n# h\n[ref]\n",
  "```js\nlet a = 1;\n# not a heading\n```\n# h\n```js\nlet b = 2;\n```\n",
  "# h\n```\nunclosed fence\n# h2\n\n# h3\n",
];

describe("Markdown parsed in chunks", { timeout: 60_000 }, () => {
  it("has exactly the whole parse's nodes for the KEPs, the templates and texts built to trip it", () => {
    expect(keps.length).toBeGreaterThan(20);
    expect(nodes(withCode.parse("```js\nlet a = 1;\n```\n"))).toContain("VariableDeclaration:6-16");
    expect(templates.length).toBe(5);
    const texts = [...keps, ...templates, ...tricky, keps.join("\n")];
    for (const text of texts) {
      for (const minChunk of [1, 64, 8192]) {
        expectWholeParse(chunked(withCode, minChunk).parse(text), text, withCode, `${JSON.stringify(text.slice(0, 40))}, chunks of ${minChunk}`);
      }
    }
  });

  it("makes several chunks of a large text, so an edit has something to reuse", () => {
    const tree = chunked(markdown, 8192).parse(keps.join("\n"));
    expect(tree.children.length).toBeGreaterThan(1);
  });

  it("stays equal to the whole parse through random edits, fences and HTML blocks opened and closed", () => {
    const snippets = ["x", "\n", "\n\n", "# ", "\n# h\n", "```", "\n```\n", "<!--", "-->", "<script>\n", "</script>", "- ", "> ", "|", "\n---\n", "`", "*"];
    const parser = chunked(withCode, 512);
    const next = random(7);
    let text = keps.slice(0, 3).join("\n");
    let tree = parser.parse(text);
    for (let step = 0; step < 400; step++) {
      const from = Math.floor(next() * text.length);
      const to = next() < 0.3 ? Math.min(text.length, from + Math.floor(next() * 200)) : from;
      const insert = next() < 0.8 ? snippets[Math.floor(next() * snippets.length)] : "";
      text = text.slice(0, from) + insert + text.slice(to);
      const fragments = TreeFragment.applyChanges(TreeFragment.addTree(tree), [{ fromA: from, toA: to, fromB: from, toB: from + insert.length }]);
      tree = parser.parse(text, fragments);
      expectWholeParse(tree, text, withCode, `after step ${step}`);
    }
  });

  it("parses again only the chunk a keystroke falls in", () => {
    const counting = new Counting(withCode);
    const parser = new ChunkedMarkdownParser(counting, withCode.nodeSet.types.find((type) => type.isTop)!, 8192);
    const next = random(11);
    let text = keps.join("\n");
    let tree = parser.parse(text);
    counting.parsed = 0;
    const keystrokes = 200;
    for (let step = 0; step < keystrokes; step++) {
      const at = Math.floor(next() * text.length);
      const insert = "a \n#-*[`"[Math.floor(next() * 8)];
      text = text.slice(0, at) + insert + text.slice(at);
      const fragments = TreeFragment.applyChanges(TreeFragment.addTree(tree), [{ fromA: at, toA: at, fromB: at, toB: at + 1 }]);
      tree = parser.parse(text, fragments);
      if (step % 25 === 24) expectWholeParse(tree, text, withCode, `after keystroke ${step}`);
    }
    // The text is 0.87 MB; a chunk is 8 KB and a little more, up to its heading.
    expect(counting.parsed / keystrokes).toBeLessThan(20_000);
  });

  it("stops at a chunk's end when asked to, as the editor does for what is out of view", () => {
    const text = keps.join("\n");
    const parse = chunked(markdown, 8192).startParse(text);
    parse.stopAt(20000);
    let tree: Tree | null = null;
    while (!tree) tree = parse.advance();
    expect(tree.length).toBeGreaterThanOrEqual(20000);
    expect(tree.length).toBeLessThan(text.length);
    const inside = (node: string) => !node.startsWith("Document:") && Number(node.split("-").pop()) <= tree!.length;
    expect(firstDifference(nodes(tree).filter(inside), nodes(markdown.parse(text)).filter(inside))).toBeNull();
  });

  it("keeps the character after a chunk that @lezer/markdown takes whole (two changes at once)", () => {
    // Found by a review's fuzzing: "# a -->" ends the HTML block "<!--" opens, so
    // the chunk is parsed again over a longer range, which meets the old chunks
    // after it; the inner parser took one whole and skipped the next line's first
    // character while a chunk's node ran past its heading to the next line.
    const text = "x".repeat(20) + "\n# a -->\nb\n# c\n" + "d".repeat(100) + "\n# e\n" + "f\n# g\n";
    const parser = chunked(markdown, 1);
    const after = text.indexOf("# e\n") + 3;
    const edited = "<!--" + text.slice(0, after) + "e" + text.slice(after);
    const changes = [
      { fromA: 0, toA: 0, fromB: 0, toB: 4 },
      { fromA: after, toA: after, fromB: after + 4, toB: after + 5 },
    ];
    const tree = parser.parse(edited, TreeFragment.applyChanges(TreeFragment.addTree(parser.parse(text)), changes));
    expectWholeParse(tree, edited, markdown);
  });

  it("parses only about what is asked for when stopped, even without a heading to end a chunk at", () => {
    const text = "A paragraph of words, and another sentence.\n\n".repeat(20_000);
    const state = EditorState.create({ doc: text, extensions: markdownSupport(languages) });
    const tree = syntaxTree(state);
    expect(tree.length).toBeGreaterThan(0);
    expect(tree.length).toBeLessThan(text.length / 10);
    expectWholeParse(ensureSyntaxTree(state, text.length, 1e9)!, text, markdown);
  });

  it("gives the editor the whole parse's tree as the user types", () => {
    const doc = keps.join("\n");
    let state = EditorState.create({ doc, extensions: markdownSupport(languages) });
    expect(state.facet(language)?.parser).toBeInstanceOf(ChunkedMarkdownParser);
    ensureSyntaxTree(state, state.doc.length, 1e9);
    for (const [at, insert] of [[doc.length, "x"], [1000, "\n# new\n"], [5000, "```\n"], [doc.length, "\n"]] as const) {
      state = state.update({ changes: { from: at, insert } }).state;
      const tree = ensureSyntaxTree(state, state.doc.length, 1e9)!;
      expectWholeParse(tree, state.doc.toString(), markdown);
    }
  });
});
