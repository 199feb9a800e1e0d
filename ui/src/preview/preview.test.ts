import { describe, expect, it, vi } from "vitest";
import { Preview } from "./preview";

const HTML =
  '<h1 data-sourcepos="1:1-1:7">Title</h1>\n' +
  '<ul data-sourcepos="1:1-3:9">\n<li data-sourcepos="1:1-1:6">first</li>\n<li data-sourcepos="3:1-3:9"><input type="checkbox" disabled="" /> task</li>\n</ul>\n';

function setup() {
  const handlers = { toggle: vi.fn(), jump: vi.fn(), openLink: vi.fn() };
  const preview = new Preview(handlers);
  document.body.append(preview.element);
  return { preview, handlers, item: () => preview.content.querySelectorAll("li")[1] };
}

describe("Preview", () => {
  it("reads positions as lines of their top-level block, whose first line it is given", () => {
    const { preview, handlers, item } = setup();
    preview.update({ html: HTML, blockLines: [1, 10], version: 7 });
    expect(preview.content.dataset.version).toBe("7");
    item().click();
    expect(handlers.jump).toHaveBeenLastCalledWith(12);
    item().querySelector("input")!.click();
    expect(handlers.toggle).toHaveBeenLastCalledWith(12);

    // Two lines added above the list: same HTML, same nodes, new first lines.
    const node = item();
    preview.update({ html: HTML, blockLines: [1, 12], version: 8 });
    expect(item()).toBe(node);
    item().click();
    expect(handlers.jump).toHaveBeenLastCalledWith(14);
    preview.content.querySelector("h1")!.click();
    expect(handlers.jump).toHaveBeenLastCalledWith(1);
  });

  it("uses what an HTML keeps of another only when that other is the one on show", () => {
    const { preview } = setup();
    const heading = (text: string) => `<h1 data-sourcepos="1:1-1:9">${text}</h1>\n`;
    const list = HTML.slice(HTML.indexOf("<ul"));
    preview.update({ html: heading("Title") + list, blockLines: [1, 3], version: 1 });
    const ul = preview.content.querySelector("ul");
    // Made from version 1 and keeping its list: the list's nodes stay.
    preview.update({ html: heading("Other") + list, blockLines: [1, 3], version: 2, kept: { from: 1, start: 0, end: list.length } });
    expect(preview.content.querySelector("h1")!.textContent).toBe("Other");
    expect(preview.content.querySelector("ul")).toBe(ul);
    // Said to be made from a version not on show (and to keep all of it): compared instead.
    const html = heading("Third") + list;
    preview.update({ html, blockLines: [1, 3], version: 3, kept: { from: 1, start: html.length - 8, end: 8 } });
    expect(preview.content.querySelector("h1")!.textContent).toBe("Third");
    expect(preview.content.querySelector("ul")).toBe(ul);
  });

  it("measures the anchors again only after the content or its size changed", () => {
    let resized = () => {};
    vi.stubGlobal(
      "ResizeObserver",
      class {
        constructor(callback: () => void) {
          resized = callback;
        }
        observe() {}
        disconnect() {}
      },
    );
    try {
      const { preview } = setup();
      preview.update({ html: HTML, blockLines: [1, 10], version: 1 });
      const measured = preview.anchors();
      expect(measured.map((a) => a.line)).toEqual([1, 10, 12]);
      expect(preview.anchors()).toBe(measured);
      resized();
      const again = preview.anchors();
      expect(again).not.toBe(measured);
      expect(preview.anchors()).toBe(again);
      preview.update({ html: HTML, blockLines: [1, 20], version: 2 });
      expect(preview.anchors().map((a) => a.line)).toEqual([1, 20, 22]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("reads positions as document lines when no first lines are given", () => {
    const { preview, handlers, item } = setup();
    preview.update({ html: HTML, blockLines: [], version: 1 });
    item().click();
    expect(handlers.jump).toHaveBeenLastCalledWith(3);
  });

  it("anchors scroll sync at document lines", () => {
    const { preview } = setup();
    preview.update({ html: HTML, blockLines: [1, 10], version: 1 });
    expect(preview.anchors().map((a) => a.line)).toEqual([1, 10, 12]);
  });
});
