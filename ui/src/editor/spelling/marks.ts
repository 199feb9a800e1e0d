/**
 * Spell checking in the editor: misspelt words of the prose on screen get a
 * red wavy underline, once the shell has judged them (`speller.ts`); the word
 * being typed is left alone until the cursor leaves it. The marks are made
 * again a moment after the text changes, not on every keystroke (until then
 * they move with the text). A right click on an
 * underlined word, or Shift+F10 or the Menu key with the cursor in it, opens
 * the corrections (`menu.ts`). Nothing is marked while spell checking is off
 * (View → Check Spelling), and the web view's own checker is never used.
 */
import { syntaxTree } from "@codemirror/language";
import { Compartment, StateEffect, type Extension } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  keymap,
  type PluginValue,
  ViewPlugin,
  type ViewUpdate,
} from "@codemirror/view";
import { showSpellingMenu } from "./menu";
import type { Spelling } from "./speller";
import { proseWords, type Word } from "./words";

const misspeltMark = Decoration.mark({ class: "cm-misspelt", attributes: { "aria-invalid": "spelling" } });
/** New verdicts came in, or the text settled: the marks are made again. */
const refresh = StateEffect.define<null>();
/** How long after the last change the marks are made again. */
const SETTLE_MS = 120;

class Marks implements PluginValue {
  /** The underlines: one on each misspelt word on screen. */
  decorations: DecorationSet = Decoration.none;
  /** Where the user is typing: the word there is not judged yet. */
  private typingAt: number | null = null;
  private readonly stop: () => void;
  private settling: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly view: EditorView,
    readonly spelling: Spelling,
  ) {
    this.stop = spelling.speller.subscribe(() => this.view.dispatch({ effects: refresh.of(null) }));
    this.build();
  }

  update(update: ViewUpdate): void {
    const typed = update.transactions.some((tr) => tr.docChanged && (tr.isUserEvent("input") || tr.isUserEvent("delete")));
    const before = this.typingAt;
    if (typed) this.typingAt = update.state.selection.main.head;
    else if (update.docChanged && this.typingAt !== null) this.typingAt = update.changes.mapPos(this.typingAt);
    else if (update.selectionSet) this.typingAt = null;
    // Scrolled, or told to: made again now. (`viewportChanged` is also set by
    // any edit on screen, which must not cost a scan of the screen's words.)
    if (update.viewportMoved || update.transactions.some((tr) => tr.effects.some((e) => e.is(refresh)))) {
      this.build();
    } else if (update.docChanged || before !== this.typingAt) {
      this.follow(update);
      this.settleLater(true);
    } else if (syntaxTree(update.startState) !== syntaxTree(update.state)) {
      this.settleLater(false);
    }
  }

  /** Moves the marks with an edit, dropping the one on the word being typed. */
  private follow(update: ViewUpdate): void {
    const at = this.typingAt;
    this.decorations = this.decorations
      .map(update.changes)
      .update({ filter: (from, to) => at === null || from > at || at > to });
  }

  destroy(): void {
    this.stop();
    if (this.settling !== null) clearTimeout(this.settling);
  }

  /**
   * Makes the marks again once the text has not changed for a moment: an edit
   * puts that moment off, the parser's steps in the background do not (they
   * may go on for long in a large document).
   */
  private settleLater(edited: boolean): void {
    if (this.settling !== null) {
      if (!edited) return;
      clearTimeout(this.settling);
    }
    this.settling = setTimeout(() => {
      this.settling = null;
      this.view.dispatch({ effects: refresh.of(null) });
    }, SETTLE_MS);
  }

  /** The underlined word at `pos`, if any. */
  misspeltAt(pos: number): Word | undefined {
    let word: Word | undefined;
    this.decorations.between(pos, pos, (from, to) => {
      word = { from, to, text: this.view.state.sliceDoc(from, to) };
      return false;
    });
    return word;
  }

  private build(): void {
    const { speller } = this.spelling;
    const unknown: string[] = [];
    const marks = [];
    for (const word of proseWords(this.view.state, this.view.visibleRanges)) {
      if (this.typingAt !== null && word.from <= this.typingAt && this.typingAt <= word.to) continue;
      const verdict = speller.verdict(word.text);
      if (verdict === undefined) unknown.push(word.text);
      else if (!verdict) marks.push(misspeltMark.range(word.from, word.to));
    }
    speller.ask(unknown);
    this.decorations = Decoration.set(marks, true);
  }
}

const marksPlugin = ViewPlugin.fromClass(Marks, { decorations: (plugin) => plugin.decorations });

/**
 * The spelling menu for the underlined word at `pos`, if there is one there and
 * it is not part of a wider selection (a right click on selected text is for
 * Copy; a selection elsewhere is no matter).
 */
function openMenuAt(view: EditorView, pos: number | null, at: { x: number; y: number }): boolean {
  const marks = view.plugin(marksPlugin);
  const word = pos === null ? undefined : marks?.misspeltAt(pos);
  if (!marks || !word) return false;
  const selected = view.state.selection.ranges.some(
    (r) => r.from <= word.from && r.to >= word.to && r.to - r.from > word.to - word.from,
  );
  if (selected) return false;
  showSpellingMenu(view, word, at, marks.spelling);
  return true;
}

/** The menu for the word at the cursor, below it. */
function openMenuAtCursor(view: EditorView): boolean {
  const head = view.state.selection.main.head;
  const coords = view.coordsAtPos(head);
  if (!coords) return false;
  return openMenuAt(view, head, { x: coords.left, y: coords.bottom });
}

function checking(spelling: Spelling): Extension {
  return [
    marksPlugin.of(spelling),
    EditorView.domEventHandlers({
      contextmenu(event, view) {
        // On the underline itself: the nearest position to a click beside a word is no reason.
        const mark = event.target instanceof Element ? event.target.closest(".cm-misspelt") : null;
        if (!mark || !view.contentDOM.contains(mark)) return false;
        const pos = view.posAtDOM(mark, 0);
        if (!openMenuAt(view, pos, { x: event.clientX, y: event.clientY })) return false;
        event.preventDefault();
        return true;
      },
    }),
    keymap.of([
      { key: "Shift-F10", run: openMenuAtCursor },
      { key: "ContextMenu", run: openMenuAtCursor },
    ]),
  ];
}

const compartment = new Compartment();

/** The editor's spell checking, with `spelling`, or off (`null`). */
export function spellCheck(spelling: Spelling | null): Extension {
  return [EditorView.contentAttributes.of({ spellcheck: "false" }), compartment.of(spelling ? checking(spelling) : [])];
}

/** Turns the spell checking of `view`'s text on (with `spelling`) or off. */
export function setSpellCheck(view: EditorView, spelling: Spelling | null): void {
  view.dispatch({ effects: compartment.reconfigure(spelling ? checking(spelling) : []) });
}
