/**
 * `data-sourcepos` ("3:1-5:20") ties preview elements to editor lines (in the
 * preview, lines counted from their top-level block's first line). Scroll sync
 * interpolates between anchors (line → pixel offset in the preview) both ways.
 */

export interface SourceRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Parses comrak's `data-sourcepos` attribute (lines relative to a block may be 0 or less). */
export function parseSourcepos(value: string | null | undefined): SourceRange | null {
  const m = /^(-?\d+):(\d+)-(-?\d+):(\d+)$/.exec(value ?? "");
  if (!m) return null;
  return { startLine: +m[1], startColumn: +m[2], endLine: +m[3], endColumn: +m[4] };
}

/** A preview block starting at `line` whose top edge is `top` pixels into the preview. */
export interface Anchor {
  line: number;
  top: number;
}

/** Keeps anchors whose line and top both increase, so interpolation is monotonic. */
export function monotonic(anchors: readonly Anchor[]): Anchor[] {
  const sorted = [...anchors].sort((a, b) => a.line - b.line || a.top - b.top);
  const out: Anchor[] = [];
  for (const a of sorted) {
    const last = out[out.length - 1];
    if (!last || (a.line > last.line && a.top >= last.top)) out.push(a);
  }
  return out;
}

/** Preview offset for a (fractional) editor line. */
export function topForLine(anchors: readonly Anchor[], line: number, endTop = 0, endLine = 0): number {
  if (anchors.length === 0) return 0;
  if (line <= anchors[0].line) return anchors[0].top * (line / anchors[0].line || 0);
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i];
    const b = anchors[i + 1] ?? (endLine > a.line ? { line: endLine, top: endTop } : null);
    if (!b) return a.top;
    if (line < b.line) return a.top + ((line - a.line) / (b.line - a.line)) * (b.top - a.top);
  }
  return anchors[anchors.length - 1].top;
}

/** Editor line (fractional) for a preview offset; the inverse of {@link topForLine}. */
export function lineForTop(anchors: readonly Anchor[], top: number, endTop = 0, endLine = 0): number {
  if (anchors.length === 0) return 1;
  if (top <= anchors[0].top) return anchors[0].top > 0 ? 1 + ((anchors[0].line - 1) * top) / anchors[0].top : anchors[0].line;
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i];
    const b = anchors[i + 1] ?? (endTop > a.top ? { line: endLine, top: endTop } : null);
    if (!b) return a.line;
    if (top < b.top) return a.line + ((top - a.top) / (b.top - a.top || 1)) * (b.line - a.line);
  }
  return anchors[anchors.length - 1].line;
}
