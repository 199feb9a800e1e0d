import { describe, expect, it } from "vitest";
import { morphBlocks } from "./morph";

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
});
