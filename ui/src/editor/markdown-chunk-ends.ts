/**
 * Where a chunk of Markdown may end (./markdown-chunks.ts): just after a line
 * that starts with an ATX heading's `#`s at column 0. Whether that line really is
 * a top-level heading is for the chunk's parse to say; these only find the lines.
 */
import type { Input } from "@lezer/common";

/** A heading line: where it starts, and where the line after it starts. */
export interface HeadingLine {
  heading: number;
  to: number;
}

/** An ATX heading's opening `#`s at the start of a line (the text read always starts at one). */
const headingStart = /(?<=^|\n)#{1,6}(?=[ \t\n]|$)/g;

/** How much text is read at a time. */
const window = 65536;

/**
 * The first heading line from `from` on that ends past `after` and `size` or more
 * after `from`; null when none does. `from` is at the start of a line.
 */
export function headingLineAfter(input: Input, from: number, after: number, size: number): HeadingLine | null {
  let midLine = false;
  for (let start = from; start < input.length; ) {
    const text = input.read(start, Math.min(start + window, input.length));
    if (midLine) {
      // Past a line longer than the window: go on from the next line.
      const newline = text.indexOf("\n");
      start += newline < 0 ? text.length : newline + 1;
      midLine = newline < 0;
      continue;
    }
    const complete = start + text.length === input.length ? text.length : text.lastIndexOf("\n") + 1;
    headingStart.lastIndex = 0;
    for (let match; (match = headingStart.exec(text)) !== null; ) {
      const newline = text.indexOf("\n", match.index);
      if (newline < 0 || newline >= complete) break;
      const to = start + newline + 1;
      if (to > after && to - from >= size) return { heading: start + match.index, to };
    }
    midLine = complete === 0;
    start += midLine ? text.length : complete;
  }
  return null;
}

/** The heading line that ends just before `to` (at a line start), if the line there is one and starts at `from` or later. */
export function headingLineBefore(input: Input, from: number, to: number): HeadingLine | null {
  const start = Math.max(from, to - 4096);
  const text = input.read(start, to);
  if (!text.endsWith("\n")) return null;
  const lineStart = text.lastIndexOf("\n", text.length - 2) + 1;
  if (lineStart === 0 && start > from) return null; // a line longer than this look back
  headingStart.lastIndex = 0;
  const match = headingStart.exec(text.slice(lineStart));
  return match && match.index === 0 ? { heading: start + lineStart, to } : null;
}
