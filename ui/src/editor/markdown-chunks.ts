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
import { type HeadingLine, headingLineAfter, headingLineBefore } from "./markdown-chunk-ends";

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

/** One attempt at a chunk: its parse from where the chunks so far end, which must end after the heading line `end`. */
interface Attempt {
  parse: PartialParse;
  to: number;
  end: HeadingLine | null;
}

class ChunkedParse implements PartialParse {
  stoppedAt: number | null = null;
  private readonly chunks: Chunk[] = [];
  /** What was parsed of the chunk after them before the parse was stopped, and how far it got. */
  private cut: { tree: Tree; length: number } | null = null;
  /** Chunks of earlier trees whose text is unchanged, by where they start in this text. */
  private readonly reusable = new Map<number, Chunk>();
  /** Where they start, in order. */
  private readonly reusableStarts: number[];
  private pos = 0;
  private reported = 0;
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
        const usable = chunk.endsAtHeading || to === input.length;
        if (usable && from >= fragment.from && to <= fragment.to) this.reusable.set(from, { ...chunk, from, to });
      }
    }
    this.reusableStarts = [...this.reusable.keys()].sort((a, b) => a - b);
  }

  /** How far the parse has got; it never goes back, though a chunk's parse may start again. */
  get parsedPos(): number {
    this.reported = Math.max(this.reported, this.attempt ? this.attempt.parse.parsedPos : this.pos);
    return this.reported;
  }

  stopAt(pos: number): void {
    if (this.stoppedAt !== null && this.stoppedAt < pos) throw new RangeError("Can't move stoppedAt forward");
    this.stoppedAt = pos;
    if (this.attempt) stopInner(this.attempt.parse, pos);
  }

  advance(): Tree | null {
    if (this.attempt) return this.step(this.attempt);
    for (;;) {
      if (this.pos >= this.input.length || (this.stoppedAt !== null && this.pos >= this.stoppedAt)) return this.finish();
      const old = this.reusable.get(this.pos);
      if (!old) break;
      this.chunks.push(old);
      this.pos = old.to;
    }
    this.attempt = this.begin(this.chunkEnd());
    return null;
  }

  /** Starts parsing a chunk from where the chunks so far end to just after `end`, or to the end of the text. */
  private begin(end: HeadingLine | null): Attempt {
    const to = end?.to ?? this.input.length;
    const parse = this.inner.startParse(this.input, this.fragments, [{ from: this.pos, to }]);
    if (this.stoppedAt !== null) stopInner(parse, this.stoppedAt);
    return { parse, to, end };
  }

  private step(attempt: Attempt): Tree | null {
    const tree = attempt.parse.advance();
    if (!tree) return null;
    const from = this.pos;
    this.attempt = null;
    if (this.stoppedAt !== null && tree.length < attempt.to - from) return this.stop(tree);
    const last = tree.topNode.lastChild;
    const closed = attempt.end === null || (last !== null && last.name.startsWith("ATXHeading") && last.from === attempt.end.heading - from);
    if (!closed) {
      // The line is inside a block that stays open (a fence, an HTML block). Try
      // at least twice as far, so an open block is parsed twice over at most. (Not
      // ended here even when stopped: what this parse closed at its end stays open.)
      const size = 2 * (attempt.to - from);
      this.attempt = this.begin(headingLineAfter(this.input, from, attempt.to, size));
      return null;
    }
    this.chunks.push({ from, to: attempt.to, tree: piece(tree), endsAtHeading: attempt.end !== null });
    this.pos = attempt.to;
    return null;
  }

  /** Ends the parse with `tree`, a chunk's parse cut short by a stop: right up to the stop but for the block open at its end. */
  private stop(tree: Tree): Tree {
    this.cut = { tree: piece(tree), length: tree.length };
    return this.finish();
  }

  /**
   * Where the chunk from `pos` is to end: where the next reusable chunk starts, if
   * that is not far and a heading line still ends there; otherwise after the first
   * heading line at least `minChunk` on (null: none does).
   */
  private chunkEnd(): HeadingLine | null {
    const next = this.reusableStarts.find((start) => start > this.pos);
    if (next !== undefined && next - this.pos <= 4 * this.minChunk) {
      const line = headingLineBefore(this.input, this.pos, next);
      if (line) return line;
    }
    return headingLineAfter(this.input, this.pos, this.pos, this.minChunk);
  }

  private finish(): Tree {
    const trees = this.chunks.map((chunk) => chunk.tree);
    const positions = this.chunks.map((chunk) => chunk.from);
    if (this.cut) {
      trees.push(this.cut.tree);
      positions.push(this.pos);
    }
    const length = this.pos + (this.cut?.length ?? 0);
    const props = trees.length ? hashOf(trees[0]) : [];
    const tree = new Tree(this.documentType, trees, positions, length, props).balance({
      makeTree: (children, positions, length) => new Tree(NodeType.none, children, positions, length, props),
    });
    chunksOf.set(tree, this.chunks);
    return tree;
  }
}

/** Stops `parse` at `pos`, or where it is if that is further. */
function stopInner(parse: PartialParse, pos: number): void {
  const at = Math.max(pos, parse.parsedPos);
  if (parse.stoppedAt === null || parse.stoppedAt > at) parse.stopAt(at);
}

/**
 * A chunk's tree as an anonymous node, as long as its blocks: `@lezer/markdown`
 * may later reuse such a node whole, and then takes its end for the end of a line.
 */
function piece(tree: Tree): Tree {
  const last = tree.topNode.lastChild;
  return new Tree(NodeType.none, tree.children, tree.positions, last ? last.to : tree.length, hashOf(tree));
}

/** The context hash of `tree`, as props for a node made of its children (`@lezer/markdown` reuses a node only when it has its block's hash). */
function hashOf(tree: Tree): [NodeProp<number>, number][] {
  const hash = tree.prop(NodeProp.contextHash);
  return hash === undefined ? [] : [[NodeProp.contextHash, hash]];
}
