/**
 * The words of the editor's prose that are worth a spell check: runs of
 * letters (with inner apostrophes and hyphens, as in "don't" and "follow-up",
 * which dictionaries judge whole) outside code, URLs, raw HTML, comments and
 * the YAML front matter, leaving out what reads as an identifier rather than a
 * word (acronyms, camelCase, file names, paths) and scripts written without
 * spaces between words (Chinese, Japanese, Thai…), which no word list splits.
 */
import { syntaxTree } from "@codemirror/language";
import type { EditorState, Text } from "@codemirror/state";

/** A word of the text: its place and its letters. */
export interface Word {
  from: number;
  to: number;
  text: string;
}

interface Span {
  from: number;
  to: number;
}

/** Markdown nodes whose text is not prose. */
const NOT_PROSE = new Set([
  "InlineCode",
  "FencedCode",
  "CodeBlock",
  "URL",
  "Autolink",
  "HTMLBlock",
  "HTMLTag",
  "CommentBlock",
  "Comment",
  "ProcessingInstructionBlock",
  "Entity",
]);

/** How far down a front matter's closing `---` is looked for. */
const FRONT_MATTER_MAX_LINES = 200;

/** Scripts written without spaces between words: their letters are no word's. */
const UNSPACED =
  "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}";
/** A letter or combining mark of a script written with spaces. */
const LETTER = `(?:(?![${UNSPACED}])[\\p{L}\\p{M}])`;
/** Letters joined by apostrophes or hyphens inside a word. */
const WORD = new RegExp(`${LETTER}+(?:['’-]${LETTER}+)*`, "gu");
/** How far beyond a range a line is read, to find the whole of a word cut by its edge. */
const SLACK = 64;

/** Characters that join a word to something that is not prose on that side. */
const JOINERS = /[\p{N}@/\\$#%=+&]/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const UPPERCASE = /\p{Lu}/u;

/** The stretches of `state`'s text within `ranges` that are not prose, in order. */
export function notProse(state: EditorState, ranges: readonly Span[]): Span[] {
  const found: Span[] = [];
  const frontMatter = frontMatterEnd(state.doc);
  if (frontMatter > 0) found.push({ from: 0, to: frontMatter });
  const tree = syntaxTree(state);
  for (const { from, to } of ranges) {
    tree.iterate({
      from,
      to,
      enter: (node) => {
        if (!NOT_PROSE.has(node.name)) return undefined;
        if (node.to > node.from) found.push({ from: node.from, to: node.to });
        return false;
      },
    });
  }
  return found.sort((a, b) => a.from - b.from);
}

/** Where a YAML front matter (`---` on the first line to the next `---`) ends; 0 if there is none. */
export function frontMatterEnd(doc: Text): number {
  if (doc.lines < 2 || doc.line(1).text.trimEnd() !== "---") return 0;
  const last = Math.min(doc.lines, FRONT_MATTER_MAX_LINES);
  for (let n = 2; n <= last; n++) {
    const line = doc.line(n);
    if (line.text.trimEnd() === "---") return line.to;
  }
  return 0;
}

/**
 * Whether `word`, found between the characters `before` (and `beforeThat`)
 * and `after` (and `afterThat`) of its line, is prose to check: at least two
 * letters, no capital after the first (acronyms, camelCase), and not part of
 * a number, path, address, file name or snake_case name. The parts of a
 * hyphenated word are looked at one by one.
 */
export function worthChecking(word: string, before: string, beforeThat: string, after: string, afterThat: string): boolean {
  if ([...word].length < 2) return false;
  // Each part of a hyphenated word by itself: "Jean-Luc" is no camelCase.
  if (word.split("-").some((part) => UPPERCASE.test(part.slice(1)))) return false;
  const joined = (next: string, beyond: string) =>
    JOINERS.test(next) || ((next === "_" || next === ".") && ALPHANUMERIC.test(beyond));
  if (joined(before, beforeThat) || joined(after, afterThat)) return false;
  return !(before === ":" && after === ":"); // an emoji's :shortcode:
}

/**
 * The words worth checking in `state`'s text within `ranges`, in order. Only
 * the part of a line near a range is read: a line may be megabytes long (an
 * image as a data URL) while a few hundred characters of it are on screen.
 */
export function proseWords(state: EditorState, ranges: readonly Span[]): Word[] {
  const { doc } = state;
  const skip = notProse(state, ranges);
  const words: Word[] = [];
  let s = 0;
  for (const range of ranges) {
    let pos = range.from;
    while (pos <= range.to) {
      const line = doc.lineAt(pos);
      const start = Math.max(line.from, range.from - SLACK);
      const end = Math.min(line.to, range.to + SLACK);
      const text = doc.sliceString(start, end);
      for (const match of text.matchAll(WORD)) {
        const from = start + match.index;
        const to = from + match[0].length;
        // A word cut by the range's edge (or by the edge of what was read) is not judged.
        if (from < range.from || to > range.to) continue;
        while (s < skip.length && skip[s].to <= from) s++;
        if (s < skip.length && skip[s].from < to) continue;
        const around = (at: number) => (at >= line.from && at < line.to ? doc.sliceString(at, at + 1) : "");
        if (worthChecking(match[0], around(from - 1), around(from - 2), around(to), around(to + 1))) {
          words.push({ from, to, text: match[0] });
        }
      }
      pos = line.to + 1;
    }
  }
  return words;
}
