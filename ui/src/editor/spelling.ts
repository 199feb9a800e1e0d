/**
 * Spell checking in the editor: the web view underlines misspelt words in
 * editable text marked `spellcheck`, once the shell has turned its checker on
 * (View → Check Spelling, `src-tauri/src/spelling.rs`). Code (inline and in
 * blocks), URLs, raw HTML and the YAML front matter are not prose: they are
 * marked `spellcheck="false"`, so identifiers and keys are not underlined.
 * Nothing is marked while spell checking is off.
 */
import { syntaxTree } from "@codemirror/language";
import { Compartment, type EditorState, type Extension, type Range, type Text } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate } from "@codemirror/view";

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
]);

/** How far down a front matter's closing `---` is looked for. */
const FRONT_MATTER_MAX_LINES = 200;

const unchecked = Decoration.mark({ attributes: { spellcheck: "false" } });

/** The ranges of `state`'s text between `from` and `to` that are not prose. */
export function notProse(state: EditorState, ranges: readonly { from: number; to: number }[]): Range<Decoration>[] {
  const found: Range<Decoration>[] = [];
  const tree = syntaxTree(state);
  for (const { from, to } of ranges) {
    tree.iterate({
      from,
      to,
      enter: (node) => {
        if (!NOT_PROSE.has(node.name)) return undefined;
        if (node.to > node.from) found.push(unchecked.range(node.from, node.to));
        return false;
      },
    });
  }
  const frontMatter = frontMatterEnd(state.doc);
  if (frontMatter > 0) found.push(unchecked.range(0, frontMatter));
  return found;
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

const marks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = Decoration.set(notProse(view.state, view.visibleRanges), true);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged || syntaxTree(update.startState) !== syntaxTree(update.state)) {
        this.decorations = Decoration.set(notProse(update.state, update.view.visibleRanges), true);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

const compartment = new Compartment();

function spelling(checked: boolean): Extension {
  return checked ? [EditorView.contentAttributes.of({ spellcheck: "true" }), marks] : EditorView.contentAttributes.of({ spellcheck: "false" });
}

/** The editor's spell checking, on or off (off until the shell says otherwise). */
export function spellCheck(checked: boolean): Extension {
  return compartment.of(spelling(checked));
}

/** Turns the spell checking of `view`'s text on or off. */
export function setSpellCheck(view: EditorView, checked: boolean): void {
  view.dispatch({ effects: compartment.reconfigure(spelling(checked)) });
}
