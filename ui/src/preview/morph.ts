/**
 * Patches the preview instead of replacing it: top-level blocks whose HTML is
 * unchanged (ignoring `data-sourcepos`, which shifts when lines are inserted above)
 * are kept as they are — with their rendered diagrams, images and selection — and
 * only new or changed blocks are created.
 */
import { sanitize } from "./sanitize";

const blockKeys = new WeakMap<Element, string>();
const SOURCEPOS = / data-sourcepos="[^"]*"/g;

/** What changed in one patch. */
export interface MorphResult {
  /** Newly created top-level blocks (to render diagrams in, for instance). */
  added: Element[];
  /** Top-level blocks kept from before. */
  kept: number;
}

/** The identity of a block: its HTML without source positions. */
export function blockKey(el: Element): string {
  return el.outerHTML.replace(SOURCEPOS, "");
}

/**
 * Makes `root`'s children match `html`. `prepare` may wrap a new block (e.g. a
 * Mermaid diagram) before it is inserted.
 */
export function morphBlocks(root: Element, html: string, prepare: (block: Element) => Element = (b) => b): MorphResult {
  const template = root.ownerDocument.createElement("template");
  template.innerHTML = html;
  sanitize(template.content);
  const incoming = [...template.content.children];

  const pool = new Map<string, Element[]>();
  for (const old of [...root.children]) {
    const key = blockKeys.get(old) ?? blockKey(old);
    const list = pool.get(key);
    if (list) list.push(old);
    else pool.set(key, [old]);
  }

  const added: Element[] = [];
  let kept = 0;
  incoming.forEach((fresh, index) => {
    const key = blockKey(fresh);
    const reused = pool.get(key)?.shift();
    let node: Element;
    if (reused) {
      copySourcepos(fresh, reused);
      node = reused;
      kept++;
    } else {
      node = prepare(fresh);
      blockKeys.set(node, key);
      added.push(node);
    }
    const current = root.children[index] ?? null;
    if (current !== node) root.insertBefore(node, current);
  });
  while (root.children.length > incoming.length) root.lastElementChild!.remove();
  return { added, kept };
}

/** Updates positions of a kept block (its content is identical, its lines may have moved). */
function copySourcepos(from: Element, to: Element): void {
  const top = from.getAttribute("data-sourcepos");
  if (top !== null) to.setAttribute("data-sourcepos", top);
  const source = from.querySelectorAll("[data-sourcepos]");
  const target = to.querySelectorAll("[data-sourcepos]");
  if (source.length !== target.length) return;
  source.forEach((el, i) => target[i].setAttribute("data-sourcepos", el.getAttribute("data-sourcepos")!));
}
