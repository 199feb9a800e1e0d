/** The outline: the document's headings; click to jump. */
import { h } from "../app/dom";
import type { OutlineEntry } from "../ipc";

/** What {@link renderOutline} shows, as a string (lines are looked up when clicked). */
export function outlineKey(outline: readonly OutlineEntry[]): string {
  return JSON.stringify(outline.map((entry) => [entry.level, entry.text]));
}

/** Renders the headings; clicking heading `index` calls `jumpToHeading(index)`. */
export function renderOutline(root: HTMLElement, outline: readonly OutlineEntry[], jumpToHeading: (index: number) => void): void {
  if (outline.length === 0) {
    root.replaceChildren(h("p", { class: "empty" }, "No headings yet."));
    return;
  }
  const items = outline.map((entry, i) => {
    const el = h("button", { type: "button", class: `link-like outline-${entry.level}` }, entry.text);
    el.addEventListener("click", () => jumpToHeading(i));
    return h("li", {}, el);
  });
  root.replaceChildren(h("ul", { class: "outline" }, ...items));
}
