import { beforeEach, describe, expect, it, vi } from "vitest";
import { wrapMermaid, isMermaidBlock } from "./mermaid";
import { morphBlocks } from "./morph";
import { sanitize } from "./sanitize";

// Counts sanitiser runs while still sanitising.
vi.mock("./sanitize", async (importOriginal) => {
  const real = await importOriginal<typeof import("./sanitize")>();
  return { sanitize: vi.fn(real.sanitize) };
});

beforeEach(() => {
  vi.mocked(sanitize).mockClear();
});

/** What the preview must show for `html`: the whole of it parsed and sanitised at once. */
function reference(html: string): string {
  const template = document.createElement("template");
  template.innerHTML = html;
  sanitize(template.content);
  return [...template.content.children].map((el) => el.outerHTML).join("");
}

function paragraph(line: number, text: string): string {
  return `<p data-sourcepos="${line}:1-${line}:${text.length}">${text}</p>\n`;
}

describe("morphBlocks", () => {
  it("keeps unchanged blocks and only creates changed ones", () => {
    const root = document.createElement("div");
    morphBlocks(root, '<h1 data-sourcepos="1:1-1:7">Title</h1><p data-sourcepos="3:1-3:5">Hello</p>');
    const heading = root.children[0];
    const result = morphBlocks(root, '<h1 data-sourcepos="1:1-1:7">Title</h1><p data-sourcepos="3:1-3:6">Hello!</p>');
    expect(root.children[0]).toBe(heading);
    expect(result.kept).toBe(1);
    expect(result.added).toHaveLength(1);
    expect(root.innerHTML).toBe('<h1 data-sourcepos="1:1-1:7">Title</h1><p data-sourcepos="3:1-3:6">Hello!</p>');
  });

  it("keeps blocks that only moved down and updates their positions", () => {
    const root = document.createElement("div");
    morphBlocks(root, '<p data-sourcepos="1:1-1:1">a</p><ul data-sourcepos="3:1-3:5"><li data-sourcepos="3:1-3:5">b</li></ul>');
    const list = root.children[1];
    morphBlocks(
      root,
      '<p data-sourcepos="1:1-1:1">a</p><p data-sourcepos="3:1-3:1">new</p><ul data-sourcepos="5:1-5:5"><li data-sourcepos="5:1-5:5">b</li></ul>',
    );
    expect(root.children[2]).toBe(list);
    expect(list.getAttribute("data-sourcepos")).toBe("5:1-5:5");
    expect(list.firstElementChild!.getAttribute("data-sourcepos")).toBe("5:1-5:5");
  });

  it("removes blocks that are gone", () => {
    const root = document.createElement("div");
    morphBlocks(root, "<p>a</p><p>b</p><p>c</p>");
    morphBlocks(root, "<p>c</p>");
    expect(root.innerHTML).toBe("<p>c</p>");
  });

  it("never inserts script elements or handlers", () => {
    const root = document.createElement("div");
    morphBlocks(root, '<p><img src="x" onerror="window.__pwned=1"></p><script>window.__pwned=1</script>');
    expect(root.innerHTML).not.toContain("onerror");
    expect(root.querySelector("script")).toBeNull();
  });

  it("parses and sanitises only the block that changed", () => {
    const root = document.createElement("div");
    const blocks = Array.from({ length: 100 }, (_, i) => paragraph(i * 2 + 1, `block ${i}`));
    morphBlocks(root, blocks.join(""));
    const before = [...root.children];
    vi.mocked(sanitize).mockClear();

    blocks[50] = paragraph(101, "block 50, edited");
    const result = morphBlocks(root, blocks.join(""));

    expect(sanitize).toHaveBeenCalledTimes(1);
    expect(result.added).toHaveLength(1);
    expect(result.kept).toBe(99);
    const after = [...root.children];
    expect(after.filter((el, i) => el !== before[i])).toEqual([after[50]]);
    expect(root.innerHTML).toBe(reference(blocks.join("")));
  });

  it("sanitises a changed hostile block and leaves its neighbours alone", () => {
    const root = document.createElement("div");
    const blocks = [paragraph(1, "first"), paragraph(3, "second"), paragraph(5, "third")];
    morphBlocks(root, blocks.join(""));
    const [first, , third] = [...root.children];

    blocks[1] =
      '<p data-sourcepos="3:1-3:9"><img src="https://tracker.example/p.png" onerror="window.__pwned=1"><a href="javascript:window.__pwned=1" onclick="x()">x</a><a href="data:text/html,hi">y</a></p>\n' +
      '<iframe src="javascript:parent.__pwned=1"></iframe>\n<svg><script>window.__pwned=1</script></svg>\n';
    morphBlocks(root, blocks.join(""));

    expect(root.children[0]).toBe(first);
    expect(root.children[root.children.length - 1]).toBe(third);
    expect(root.querySelectorAll("script, iframe, [onerror], [onclick], [src], a[href]")).toHaveLength(0);
    expect(root.querySelector("img")!.classList.contains("blocked-image")).toBe(true);
  });

  it("sanitises HTML it cannot cut into blocks, all at once", () => {
    const root = document.createElement("div");
    morphBlocks(root, paragraph(1, "kept?"));
    const result = morphBlocks(root, 'stray text <p onclick="x()">a</p><script>x()</script>');
    expect(root.innerHTML).toBe("<p>a</p>");
    expect(result.kept).toBe(0);
    // Back to normal HTML: nothing of the fallback is taken for engine blocks.
    morphBlocks(root, paragraph(1, "a"));
    expect(root.innerHTML).toBe(reference(paragraph(1, "a")));
  });

  it("matches a whole-page parse through inserts, deletes, moves and edits", () => {
    const root = document.createElement("div");
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const texts = ["alpha", "beta", "gamma", "delta", "alpha", "<em>epsilon</em>", "zeta"];
    let blocks: string[] = texts.map((t) => t);
    // Paragraphs, lists (positions inside too) and raw-HTML comments between blocks.
    const shape = (text: string, line: number) =>
      text.startsWith("gamma")
        ? `<ul data-sourcepos="${line}:1-${line}:9">\n<li data-sourcepos="${line}:1-${line}:9">${text}</li>\n</ul>\n`
        : text.startsWith("beta")
          ? `<!-- raw HTML omitted -->\n${paragraph(line, text)}`
          : paragraph(line, text);
    const render = () => blocks.map((t, i) => shape(t, i * 2 + 1)).join("");
    morphBlocks(root, render());
    for (let step = 0; step < 200; step++) {
      const at = random(blocks.length + 1);
      const op = random(4);
      if (op === 0) blocks.splice(at, 0, texts[random(texts.length)]);
      else if (op === 1 && blocks.length > 0) blocks.splice(Math.min(at, blocks.length - 1), 1);
      else if (op === 2 && blocks.length > 1) {
        const [moved] = blocks.splice(Math.min(at, blocks.length - 1), 1);
        blocks.splice(random(blocks.length + 1), 0, moved);
      } else if (blocks.length > 0) blocks[Math.min(at, blocks.length - 1)] += "!";
      if (blocks.length > 12) blocks = blocks.slice(0, 6);
      morphBlocks(root, render());
      expect(root.innerHTML, `step ${step}`).toBe(reference(render()));
    }
  });

  it("told how much the HTML keeps at each end, keeps the same blocks as when it compares them", () => {
    const compared = document.createElement("div");
    const told = document.createElement("div");
    const understated = document.createElement("div");
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const words = ["alpha", "beta", "gamma", "alpha"];
    let blocks = [...words];
    const render = () => blocks.map((t, i) => (t.startsWith("gamma") ? `<!-- raw HTML omitted -->\n` : "") + paragraph(i * 2 + 1, t)).join("");
    let before = render();
    for (const root of [compared, told, understated]) morphBlocks(root, before);
    for (let step = 0; step < 200; step++) {
      const at = Math.min(random(blocks.length + 1), Math.max(blocks.length - 1, 0));
      const op = random(3);
      if (op === 0) blocks.splice(random(blocks.length + 1), 0, words[random(words.length)]);
      else if (op === 1 && blocks.length > 1) blocks.splice(at, 1);
      else if (blocks.length > 0) blocks[at] += random(2) ? "!" : "";
      if (blocks.length > 14) blocks = blocks.slice(0, 7);
      const html = render();
      // What the engine's splice gives: the longest common start, then end.
      let start = 0;
      while (start < Math.min(html.length, before.length) && html[start] === before[start]) start++;
      let end = 0;
      while (end < Math.min(html.length, before.length) - start && html[html.length - 1 - end] === before[before.length - 1 - end]) end++;
      const a = morphBlocks(compared, html);
      const b = morphBlocks(told, html, undefined, { start, end });
      const c = morphBlocks(understated, html, undefined, { start: Math.floor(start / 2), end: Math.floor(end / 3) });
      const expected = reference(html);
      expect(told.innerHTML, `step ${step}`).toBe(expected);
      expect(understated.innerHTML, `step ${step}`).toBe(expected);
      expect(compared.innerHTML, `step ${step}`).toBe(expected);
      expect([b.kept, b.added.length], `step ${step}`).toEqual([a.kept, a.added.length]);
      expect(c.added.length, `step ${step}`).toBeLessThanOrEqual(a.added.length + 2);
      before = html;
    }
  });

  it("told what the HTML keeps after a whole-page parse, still matches it", () => {
    const root = document.createElement("div");
    const broken = paragraph(1, "a") + '<p data-sourcepos="3:1-3:1">b <img src="x"' + paragraph(5, "c");
    morphBlocks(root, broken);
    const html = paragraph(1, "a") + paragraph(3, "b") + paragraph(5, "c");
    morphBlocks(root, html, undefined, { start: paragraph(1, "a").length, end: paragraph(5, "c").length });
    expect(root.innerHTML).toBe(reference(html));
  });

  it("ignores what it is told the HTML keeps when that cannot be", () => {
    const root = document.createElement("div");
    morphBlocks(root, paragraph(1, "a") + paragraph(3, "b"));
    const html = paragraph(1, "z") + paragraph(3, "b");
    morphBlocks(root, html, undefined, { start: html.length, end: html.length });
    expect(root.innerHTML).toBe(reference(html));
  });

  it("recovers when the changed stretch cannot be cut, and after", () => {
    const root = document.createElement("div");
    const good = paragraph(1, "a") + paragraph(3, "b") + paragraph(5, "c");
    morphBlocks(root, good);
    const broken = paragraph(1, "a") + '<p data-sourcepos="3:1-3:1">b <img src="x" onerror="x()"' + paragraph(5, "c");
    morphBlocks(root, broken);
    expect(root.innerHTML).toBe(reference(broken));
    expect(root.querySelector("[onerror]")).toBeNull();
    morphBlocks(root, good);
    expect(root.innerHTML).toBe(reference(good));
  });

  it("keeps a drawn diagram when lines are added above it", () => {
    const root = document.createElement("div");
    const prepare = (block: Element) => (isMermaidBlock(block) ? wrapMermaid(block) : block);
    const diagram = (line: number) =>
      `<pre data-sourcepos="${line}:1-${line + 2}:3"><code class="language-mermaid">graph TD\nA --&gt; B\n</code></pre>\n`;
    morphBlocks(root, paragraph(1, "intro") + diagram(3), prepare);
    const figure = root.querySelector("figure.mermaid-diagram")!;
    figure.replaceChildren(document.createElementNS("http://www.w3.org/2000/svg", "svg")); // as if drawn

    const result = morphBlocks(root, paragraph(1, "intro") + paragraph(3, "more") + diagram(5), prepare);

    expect(root.querySelector("figure.mermaid-diagram")).toBe(figure);
    expect(result.added.map((el) => el.tagName)).toEqual(["P"]);
    expect(figure.getAttribute("data-sourcepos")).toBe("5:1-7:3");
    expect(figure.querySelector("svg")).not.toBeNull();
  });
});
