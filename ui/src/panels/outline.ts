/** The outline: the document's headings; click to jump. */
import { h } from "../app/dom";
import type { OutlineEntry } from "../ipc";

export function renderOutline(root: HTMLElement, outline: readonly OutlineEntry[], jump: (line: number) => void): void {
  if (outline.length === 0) {
    root.replaceChildren(h("p", { class: "empty" }, "No headings yet."));
    return;
  }
  const items = outline.map((entry) => {
    const el = h("button", { type: "button", class: `link-like outline-${entry.level}`, "data-line": String(entry.line) }, entry.text);
    el.addEventListener("click", () => jump(entry.line));
    return h("li", {}, el);
  });
  root.replaceChildren(h("ul", { class: "outline" }, ...items));
}
