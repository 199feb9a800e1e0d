/**
 * Patches the preview with work proportional to what changed. The new HTML is
 * compared, as a string, with the HTML on show: the blocks at the start and at
 * the end that are still there, unchanged, are kept without being parsed or even
 * cut out. Only the stretch in between is cut into blocks ({@link splitBlocks});
 * there, a block whose HTML is the same apart from `data-sourcepos` (its lines
 * moved) keeps its nodes — rendered diagrams included — and gets the new
 * positions, and only new or changed blocks are parsed, sanitised and inserted.
 * Nodes stay where they are unless their order changed, so the scroll position
 * and the rest of the page are left alone.
 */
import { splitBlocks } from "./blocks";
import { sanitize } from "./sanitize";

/** One top-level block on show: where its HTML is in the HTML on show, and the nodes made from it. */
interface Shown {
  /** Offset in {@link State.source}; -1 for blocks from a whole-page parse (never reused). */
  at: number;
  length: number;
  nodes: Element[];
}

interface State {
  /** The HTML on show. */
  source: string;
  blocks: Shown[];
  /** Each top-level node's block index in {@link source}, made when first asked for after a patch. */
  index: Map<Element, number> | null;
}

/** What changed in one patch. */
export interface MorphResult {
  /** Newly created top-level blocks (to render diagrams in, for instance). */
  added: Element[];
  /** Top-level blocks kept from before. */
  kept: number;
}

const states = new WeakMap<Element, State>();
const SOURCEPOS = / data-sourcepos="[^"]*"/g;
const SOURCEPOS_VALUE = / data-sourcepos="([^"]*)"/g;

/** The identity of a block: its HTML without source positions, which shift when lines are inserted above. */
export function blockKey(html: string): string {
  return html.replace(SOURCEPOS, "");
}

/** The stretches at both ends that a new HTML is known to share with the HTML on show, in UTF-16 units. */
export interface SameEnds {
  start: number;
  end: number;
}

/**
 * Makes `root`'s children match `html`. `prepare` may wrap a new block (e.g. a
 * Mermaid diagram) before it is inserted. `same`, if given, says how much of the
 * HTML last given `html` keeps at each end (the engine's splice says so), which
 * spares comparing the blocks there: in a large document, typing at its end would
 * otherwise compare every block before. `root` must be patched only through this
 * function.
 */
export function morphBlocks(root: Element, html: string, prepare: (block: Element) => Element = (b) => b, same?: SameEnds): MorphResult {
  let state = states.get(root);
  if (!state) {
    root.replaceChildren();
    state = { source: "", blocks: [], index: null };
    states.set(root, state);
  }
  const { source, blocks: shown } = state;
  if (html === source) return { added: [], kept: countNodes(shown) };

  // The unchanged runs at both ends, each block with the separators after it,
  // found in place (same offset from the start, or from the end).
  const delta = html.length - source.length;
  // Blocks from a whole-page parse (at -1) are never kept: compared, they stop at once.
  const fromWholePage = shown.length > 0 && shown[0].at < 0;
  const possible = same && same.start >= 0 && same.end >= 0 && same.start + same.end <= Math.min(html.length, source.length);
  const known = possible && !fromWholePage ? same : null;
  const { start, from } = known ? keptAtStart(shown, known.start) : comparedAtStart(shown, source, html);
  const shownEnd = known ? keptAtEnd(shown, start, source.length - known.end, from - delta) : comparedAtEnd(shown, start, source, html, from, delta);
  const oldTo = shownEnd < shown.length ? shown[shownEnd].at : source.length;
  const to = oldTo + delta;

  // In between: cut into blocks, reuse those that only moved, create the rest.
  const spans = splitBlocks(html, from, to);
  if (!spans) return replaceAll(root, state, html, prepare);
  const pool = new Map<string, Shown[]>();
  for (const old of shown.slice(start, shownEnd)) {
    if (old.at < 0) continue;
    const key = blockKey(source.slice(old.at, old.at + old.length));
    const list = pool.get(key);
    if (list) list.push(old);
    else pool.set(key, [old]);
  }
  const reused = new Set<Shown>();
  const middle: Shown[] = [];
  const fresh: { html: string; block: Shown }[] = [];
  for (const span of spans) {
    const block = html.slice(span.start, span.end);
    const candidate = pool.get(blockKey(block))?.shift();
    if (candidate && moveSourcepos(candidate.nodes, block)) {
      reused.add(candidate);
      middle.push(Object.assign(candidate, { at: span.start, length: span.end - span.start }));
    } else {
      const made: Shown = { at: span.start, length: span.end - span.start, nodes: [] };
      fresh.push({ html: block, block: made });
      middle.push(made);
    }
  }
  const added: Element[] = [];
  const created = createBlocks(
    root.ownerDocument,
    fresh.map((f) => f.html),
  );
  fresh.forEach((f, i) => {
    f.block.nodes = created[i].map(prepare);
    added.push(...f.block.nodes);
  });

  for (const old of shown.slice(start, shownEnd)) {
    if (!reused.has(old)) old.nodes.forEach((node) => node.remove());
  }
  // What is left between the two unchanged runs is the reused nodes, in their
  // old order: walk them, inserting new nodes (and reordered ones) as we go.
  const before = lastNode(shown, start);
  let cursor = before ? before.nextElementSibling : root.firstElementChild;
  for (const block of middle) {
    for (const node of block.nodes) {
      if (node === cursor) cursor = node.nextElementSibling;
      else root.insertBefore(node, cursor);
    }
  }

  const after = shown.slice(shownEnd);
  for (const block of after) block.at += delta;
  state.blocks = [...shown.slice(0, start), ...middle, ...after];
  state.source = html;
  state.index = null;
  return { added, kept: countNodes(state.blocks) - added.length };
}

/**
 * Which of the HTML's top-level blocks `node` (a child of `root`) was made from,
 * as an index in the order of the HTML last given to {@link morphBlocks}.
 */
export function blockIndex(root: Element, node: Element): number | undefined {
  const state = states.get(root);
  if (!state) return undefined;
  state.index ??= new Map(state.blocks.flatMap((block, i) => block.nodes.map((n) => [n, i] as const)));
  return state.index.get(node);
}

/** The blocks at the start that lie within the first `keep` units (the same in both HTMLs), and where they end. */
function keptAtStart(shown: readonly Shown[], keep: number): { start: number; from: number } {
  // Blocks are in order: the first that ends past `keep`.
  const start = firstIndex(shown, 0, (block) => block.at + block.length > keep);
  return { start, from: start > 0 ? shown[start - 1].at + shown[start - 1].length : 0 };
}

/** The first of `shown[start..]` from which on every block starts at or after `keepFrom` (in the common end) and at or after `minAt`. */
function keptAtEnd(shown: readonly Shown[], start: number, keepFrom: number, minAt: number): number {
  return firstIndex(shown, start, (block) => block.at >= keepFrom && block.at >= minAt);
}

/** The first index from `lo` whose block passes `test`, which is false and then true along the blocks. */
function firstIndex(shown: readonly Shown[], lo: number, test: (block: Shown) => boolean): number {
  let hi = shown.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(shown[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The blocks at the start found unchanged by comparing them, and where they end. */
function comparedAtStart(shown: readonly Shown[], source: string, html: string): { start: number; from: number } {
  let start = 0;
  let from = 0;
  while (start < shown.length && shown[start].at >= 0) {
    const end = shown[start].at + shown[start].length;
    if (!html.startsWith(source.slice(from, end), from)) break;
    from = end;
    start++;
  }
  return { start, from };
}

/** The first of `shown[start..]` from which on the blocks are found unchanged at the end by comparing them. */
function comparedAtEnd(shown: readonly Shown[], start: number, source: string, html: string, from: number, delta: number): number {
  let shownEnd = shown.length;
  let oldTo = source.length;
  while (shownEnd > start) {
    const block = shown[shownEnd - 1];
    if (block.at < 0 || block.at + delta < from || !html.startsWith(source.slice(block.at, oldTo), block.at + delta)) break;
    oldTo = block.at;
    shownEnd--;
  }
  return shownEnd;
}

function countNodes(blocks: readonly Shown[]): number {
  return blocks.reduce((n, block) => n + block.nodes.length, 0);
}

/** The last node of `blocks[..end]`, or `null`. */
function lastNode(blocks: readonly Shown[], end: number): Element | null {
  for (let i = end - 1; i >= 0; i--) {
    const nodes = blocks[i].nodes;
    if (nodes.length > 0) return nodes[nodes.length - 1];
  }
  return null;
}

/**
 * Gives a kept block the positions in its new HTML. False when the nodes do not
 * hold one element per position in the HTML (then the block is made anew).
 */
function moveSourcepos(nodes: readonly Element[], html: string): boolean {
  const values = Array.from(html.matchAll(SOURCEPOS_VALUE), (m) => m[1]);
  const targets: Element[] = [];
  for (const node of nodes) {
    if (node.hasAttribute("data-sourcepos")) targets.push(node);
    targets.push(...node.querySelectorAll("[data-sourcepos]"));
  }
  if (targets.length !== values.length) return false;
  targets.forEach((el, i) => {
    if (el.getAttribute("data-sourcepos") !== values[i]) el.setAttribute("data-sourcepos", values[i]);
  });
  return true;
}

/**
 * Parses and sanitises each block's HTML on its own: nothing a block holds can
 * leak into its neighbours, and nothing reaches the page unsanitised.
 */
function createBlocks(doc: Document, blocks: readonly string[]): Element[][] {
  const template = doc.createElement("template");
  return blocks.map((html) => {
    template.innerHTML = html;
    sanitize(template.content);
    return [...template.content.children];
  });
}

/** The slow path for HTML that cannot be cut into blocks: parse it all, keep nothing. */
function replaceAll(root: Element, state: State, html: string, prepare: (block: Element) => Element): MorphResult {
  const template = root.ownerDocument.createElement("template");
  template.innerHTML = html;
  sanitize(template.content);
  const added = [...template.content.children].map(prepare);
  root.replaceChildren(...added);
  state.source = html;
  state.blocks = added.map((node) => ({ at: -1, length: 0, nodes: [node] }));
  state.index = null;
  return { added, kept: 0 };
}
