/**
 * Cuts the engine's preview HTML (or a stretch of it) into its top-level blocks
 * without building a DOM, so the preview can tell which blocks changed before parsing
 * anything. This is cheap and exact because of how the engine writes HTML: text
 * and attribute values are escaped and raw HTML is replaced by a comment, so
 * every `<` starts a tag or a comment. Anything else (text between blocks, a tag
 * left open) makes the cut fail, and the caller parses the whole HTML instead.
 * The cut only decides what to parse: every block is still parsed and sanitised
 * on its own before it reaches the page.
 */

/** Elements with no end tag (the engine writes them as `<br />`; this also takes `<br>`), by first letter. */
const VOID = new Map<number, string[]>();
for (const name of ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]) {
  const list = VOID.get(name.charCodeAt(0)) ?? [];
  VOID.set(name.charCodeAt(0), [...list, name]);
}

const SLASH = 0x2f;
const BANG = 0x21;

/** Where one top-level block is in the HTML: `html.slice(start, end)`. */
export interface BlockSpan {
  start: number;
  end: number;
}

/**
 * The top-level elements of `html[from..to]`, in order (comments and the
 * whitespace between blocks left out, as `ParentNode.children` would), or `null`
 * when that stretch is not shaped as the engine writes it.
 */
export function splitBlocks(html: string, from = 0, to = html.length): BlockSpan[] | null {
  const blocks: BlockSpan[] = [];
  let depth = 0;
  let start = from;
  let i = from;
  while (i < to) {
    let lt = html.indexOf("<", i);
    if (lt >= to) lt = -1;
    if (depth === 0 && !isBlank(html, i, lt < 0 ? to : lt)) return null;
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (next === BANG) {
      if (!html.startsWith("<!--", lt)) return null;
      const close = html.indexOf("-->", lt + 4);
      if (close < 0 || close + 3 > to) return null;
      i = close + 3;
      continue;
    }
    const gt = html.indexOf(">", lt + 1);
    if (gt < 0 || gt >= to) return null;
    i = gt + 1;
    if (next === SLASH) {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) blocks.push({ start, end: i });
      continue;
    }
    if (!isLetter(next)) return null;
    if (depth === 0) start = lt;
    if (html.charCodeAt(gt - 1) === SLASH || isVoid(html, lt + 1)) {
      if (depth === 0) blocks.push({ start, end: i });
    } else {
      depth++;
    }
  }
  return depth === 0 ? blocks : null;
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Whether the tag name starting at `from` is a void element's (no string is built: this runs for every tag). */
function isVoid(s: string, from: number): boolean {
  const candidates = VOID.get(s.charCodeAt(from));
  if (!candidates) return false;
  for (const name of candidates) {
    if (s.startsWith(name, from) && !isNameChar(s.charCodeAt(from + name.length))) return true;
  }
  return false;
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}
