/**
 * The editor's Markdown parsed in chunks, so a keystroke parses again only the
 * chunk it falls in and takes every other chunk's tree whole.
 *
 * `@lezer/markdown` on its own reuses the unchanged top-level blocks one by one on
 * every parse and balances the document's children again: work in proportion to
 * the number of blocks (≈ 4,500 in the 1 MB benchmark document, several
 * milliseconds per keystroke, in the frame that shows the typed character).
 *
 * A chunk ends just after a line that starts with an ATX heading's `#`s at column
 * 0 — when the chunk's own parse makes that line a top-level heading. Such a line
 * closes every block before it and leaves none open, so the text after it parses
 * from a fresh start exactly as it does in the whole text. Whether it is a
 * top-level heading (and not in a fenced code block or an HTML block) is read from
 * the chunk's parse, so a chunk's tree depends on its own text alone and can be
 * reused wherever that text is unchanged.
 *
 * The tree has the same named nodes as the whole parse: each chunk is an anonymous
 * node under the one `Document`, as the nodes `@lezer/markdown` adds to balance a
 * tree are.
 */
import { type Input, NodeProp, NodeType, Parser, type PartialParse, Tree, type TreeFragment } from "@lezer/common";
import type { MarkdownParser } from "@lezer/markdown";

/** A chunk of a parsed text, in the coordinates of the tree that lists it. */
interface Chunk {
  from: number;
  to: number;
  tree: Tree;
  /** False for the last chunk, which ends with the text rather than after a heading. */
  endsAtHeading: boolean;
}

/** The chunks of every tree this parser made, so a later parse can reuse them. */
const chunksOf = new WeakMap<Tree, readonly Chunk[]>();

/** A line starting with an ATX heading's opening `#`s at column 0. */
const headingLine = /^#{1,6}(?=[ \t\n]|$)/gm;

/** `parser`'s Markdown parsed in chunks of `minChunk` characters or more, each ending after a top-level heading. */
export function chunkedMarkdown(parser: MarkdownParser, minChunk = 8192): ChunkedMarkdownParser {
  const document = parser.nodeSet.types.find((type) => type.isTop);
  if (!document) throw new Error("a Markdown parser without a top node type");
  return new ChunkedMarkdownParser(parser, document, minChunk);
}

/** Parses with `inner` in chunks; `documentType` is the top node type of `inner`'s trees. */
export class ChunkedMarkdownParser extends Parser {
  constructor(
    private readonly inner: Parser,
    private readonly documentType: NodeType,
    private readonly minChunk: number,
  ) {
    super();
  }

  createParse(input: Input, fragments: readonly TreeFragment[], ranges: readonly { from: number; to: number }[]): PartialParse {
    const whole = ranges.length === 1 && ranges[0].from === 0 && ranges[0].to === input.length;
    if (!whole) return this.inner.startParse(input, fragments, ranges);
    return new ChunkedParse(this.inner, this.documentType, this.minChunk, input, fragments);
  }
}

/** One attempt at a chunk: its parse over `from`–`to`, which must end after the heading line at `heading`. */
interface Attempt {
  parse: PartialParse;
  to: number;
  heading: number | null;
}

class ChunkedParse implements PartialParse {
  stoppedAt: number | null = null;
  private readonly chunks: Chunk[] = [];
  /** Chunks of earlier trees whose text is unchanged, by where they start in this text. */
  private readonly reusable = new Map<number, Chunk>();
  private pos = 0;
  private attempt: Attempt | null = null;

  constructor(
    private readonly inner: Parser,
    private readonly documentType: NodeType,
    private readonly minChunk: number,
    private readonly input: Input,
    private readonly fragments: readonly TreeFragment[],
  ) {
    for (const fragment of fragments) {
      for (const chunk of chunksOf.get(fragment.tree) ?? []) {
        const from = chunk.from - fragment.offset;
        const to = chunk.to - fragment.offset;
        if (from >= fragment.from && to <= fragment.to) this.reusable.set(from, { ...chunk, from, to });
      }
    }
  }

  get parsedPos(): number {
    return this.pos;
  }

  stopAt(pos: number): void {
    if (this.stoppedAt !== null && this.stoppedAt < pos) throw new RangeError("Can't move stoppedAt forward");
    this.stoppedAt = pos;
  }

  advance(): Tree | null {
    if (this.attempt) {
      this.step(this.attempt);
      return null;
    }
    for (;;) {
      if (this.pos >= this.input.length || (this.stoppedAt !== null && this.pos >= this.stoppedAt)) return this.finish();
      const old = this.reusable.get(this.pos);
      if (!old || !this.usable(old)) break;
      this.chunks.push(old);
      this.pos = old.to;
    }
    this.attempt = this.begin(this.pos, this.pos, this.minChunk);
    return null;
  }

  /** Whether a chunk of an earlier tree parses the same here: it ends after a heading, or with the text as before. */
  private usable(chunk: Chunk): boolean {
    return chunk.endsAtHeading || chunk.to === this.input.length;
  }

  /** Starts parsing a chunk from `from` to past `after`, to the end of a heading line (see `chunkEnd`) or of the text. */
  private begin(from: number, after: number, size: number): Attempt {
    const end = this.chunkEnd(from, after, size);
    const to = end?.to ?? this.input.length;
    const parse = this.inner.startParse(this.input, this.fragments, [{ from, to }]);
    return { parse, to, heading: end?.heading ?? null };
  }

  private step(attempt: Attempt): void {
    const tree = attempt.parse.advance();
    if (!tree) return;
    const from = this.pos;
    const last = tree.topNode.lastChild;
    const closed =
      attempt.heading === null || (last !== null && last.name.startsWith("ATXHeading") && last.from === attempt.heading - from);
    if (!closed) {
      // The line is inside a block that stays open (a fence, an HTML block): try
      // at least twice as far, so a long open block is parsed a few times at most.
      this.attempt = this.begin(from, attempt.to, 2 * (attempt.to - from));
      return;
    }
    const hash = tree.prop(NodeProp.contextHash);
    const props: [NodeProp<number>, number][] = hash === undefined ? [] : [[NodeProp.contextHash, hash]];
    const chunk = new Tree(NodeType.none, tree.children, tree.positions, tree.length, props);
    this.chunks.push({ from, to: attempt.to, tree: chunk, endsAtHeading: attempt.heading !== null });
    this.pos = attempt.to;
    this.attempt = null;
  }

  /**
   * Where a chunk from `from` may end, past `after`: where the next reusable chunk
   * starts, if that is not far and a heading line still ends there; otherwise
   * after the first heading line `size` or more from `from`, or where a reusable
   * chunk starts; null when no such line follows.
   */
  private chunkEnd(from: number, after: number, size: number): { heading: number; to: number } | null {
    const reusable = this.nextReusable(after);
    if (reusable !== null && reusable - from <= 4 * this.minChunk) {
      const heading = this.headingEndingAt(from, reusable);
      if (heading !== null) return { heading, to: reusable };
    }
    return this.scanForEnd(from, after, size);
  }

  /** Where the first reusable chunk after `pos` starts, or null. */
  private nextReusable(pos: number): number | null {
    let next: number | null = null;
    for (const [start, chunk] of this.reusable) {
      if (start > pos && (next === null || start < next) && this.usable(chunk)) next = start;
    }
    return next;
  }

  /** Where the heading line that ends just before `to` starts, if the line before `to` is one (and starts at `from` or later). */
  private headingEndingAt(from: number, to: number): number | null {
    const start = Math.max(from, to - 4096);
    const text = this.input.read(start, to);
    if (!text.endsWith("\n")) return null;
    const lineStart = text.lastIndexOf("\n", text.length - 2) + 1;
    if (lineStart === 0 && start > from) return null; // a line longer than this look
    headingLine.lastIndex = 0;
    const match = headingLine.exec(text.slice(lineStart));
    return match && match.index === 0 ? start + lineStart : null;
  }

  /** After the first heading line that ends past `after`, `size` or more from `from` or where a reusable chunk starts. */
  private scanForEnd(from: number, after: number, size: number): { heading: number; to: number } | null {
    const window = 65536;
    let midLine = false;
    for (let start = from; start < this.input.length; ) {
      const text = this.input.read(start, Math.min(start + window, this.input.length));
      if (midLine) {
        // Past a line longer than the window: go on from the next line.
        const newline = text.indexOf("\n");
        start += newline < 0 ? text.length : newline + 1;
        midLine = newline < 0;
        continue;
      }
      const complete = start + text.length === this.input.length ? text.length : text.lastIndexOf("\n") + 1;
      headingLine.lastIndex = 0;
      for (let match; (match = headingLine.exec(text)) !== null; ) {
        const newline = text.indexOf("\n", match.index);
        if (newline < 0 || newline >= complete) break;
        const to = start + newline + 1;
        const next = this.reusable.get(to);
        if (to > after && (to - from >= size || (next && this.usable(next)))) return { heading: start + match.index, to };
      }
      midLine = complete === 0;
      start += midLine ? text.length : complete;
    }
    return null;
  }

  private finish(): Tree {
    const hashes = this.chunks.map((chunk) => chunk.tree.prop(NodeProp.contextHash));
    const props: [NodeProp<number>, number][] = hashes[0] === undefined ? [] : [[NodeProp.contextHash, hashes[0]]];
    const tree = new Tree(
      this.documentType,
      this.chunks.map((chunk) => chunk.tree),
      this.chunks.map((chunk) => chunk.from),
      this.pos,
      props,
    ).balance({ makeTree: (children, positions, length) => new Tree(NodeType.none, children, positions, length, props) });
    chunksOf.set(tree, this.chunks);
    return tree;
  }
}
