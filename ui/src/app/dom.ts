/** Tiny helpers for building DOM without a framework. */

/** The last part of a path (`/a/b/spec.md` → `spec.md`), with either separator. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (strings; `false`/`null` omit) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | null | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** A button that runs `onClick`. */
export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const el = h("button", { type: "button", ...attrs }, label);
  el.addEventListener("click", onClick);
  return el;
}
