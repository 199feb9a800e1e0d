import { describe, expect, it } from "vitest";
import { splitBlocks as spans } from "./blocks";

function splitBlocks(html: string, from?: number, to?: number): string[] | null {
  return spans(html, from, to)?.map((b) => html.slice(b.start, b.end)) ?? null;
}

describe("splitBlocks", () => {
  it("cuts the engine's HTML into top-level blocks", () => {
    const html = [
      '<h1 data-sourcepos="1:1-1:7">Title</h1>',
      '<ul data-sourcepos="3:1-4:9">\n<li data-sourcepos="3:1-3:9"><input type="checkbox" class="task-list-item-checkbox" disabled="" /> a</li>\n<li data-sourcepos="4:1-4:9">b<br />\nc</li>\n</ul>',
      '<hr data-sourcepos="6:1-6:3" />',
      '<p data-sourcepos="8:1-8:20"><img src="x.png" alt="1 &lt; 2" /> &lt;not a tag&gt; <code>&lt;b&gt;</code></p>',
      '<section class="footnotes" data-footnotes>\n<ol>\n<li id="fn-1">\n<p>note</p>\n</li>\n</ol>\n</section>',
    ];
    const withComment = blocksJoined(html.slice(0, 2)) + "<!-- raw HTML omitted -->\n" + blocksJoined(html.slice(2));
    expect(splitBlocks(withComment)).toEqual(html);
  });

  it("treats void elements written without a slash as closed", () => {
    expect(splitBlocks('<p><input type="checkbox" disabled=""> a</p>\n<br>\n')).toEqual(['<p><input type="checkbox" disabled=""> a</p>', "<br>"]);
  });

  it("keeps comments inside a block", () => {
    expect(splitBlocks("<p>a<!-- raw HTML omitted -->b</p>\n")).toEqual(["<p>a<!-- raw HTML omitted -->b</p>"]);
  });

  it("gives up on HTML not shaped as the engine writes it", () => {
    expect(splitBlocks("text between <p>a</p>")).toBeNull();
    expect(splitBlocks("<p>open")).toBeNull();
    expect(splitBlocks("</p><p>a</p>")).toBeNull();
    expect(splitBlocks("<p>a < b</p>")).toBeNull();
    expect(splitBlocks("<p>a</p><!-- open")).toBeNull();
    expect(splitBlocks("<p")).toBeNull();
  });

  it("cuts a stretch of the HTML, which must hold whole blocks", () => {
    const html = "<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n<p>c</p>\n";
    const from = html.indexOf("<ul>");
    const to = html.lastIndexOf("<p>");
    expect(splitBlocks(html, from, to)).toEqual(["<ul>\n<li>b</li>\n</ul>"]);
    expect(splitBlocks(html, from, to - 4)).toBeNull();
    expect(splitBlocks(html, from + 1, to)).toBeNull();
    expect(splitBlocks("<p>a<!-- x --></p>", 0, 8)).toBeNull();
  });

  it("returns no blocks for an empty document", () => {
    expect(splitBlocks("")).toEqual([]);
    expect(splitBlocks("\n")).toEqual([]);
  });
});

function blocksJoined(blocks: readonly string[]): string {
  return blocks.map((b) => b + "\n").join("");
}
