/**
 * The cursor blinks while the user works and holds still once they stop, as
 * GTK's own text fields do (`gtk-cursor-blink-timeout`, ten seconds). A blinking
 * cursor makes WebKit draw a new frame about twice a second for as long as the
 * window is open: measured in an idle window with a 30 KB spec on a machine
 * without a GPU, the page's process used 19–33 % of a core, ≈ 9 % with the
 * cursor still. Typing, moving the cursor or focusing the editor starts the
 * blinking again.
 */
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { EditorView, ViewPlugin, type ViewUpdate } from "@codemirror/view";

/** How long the cursor blinks after the last edit, move or focus (GTK's default). */
export const BLINK_FOR_MS = 10_000;

const setSteady = StateEffect.define<boolean>();

/** Whether the cursor holds still; any edit or cursor move makes it blink again. */
const steady = StateField.define<boolean>({
  create: () => false,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setSteady)) return effect.value;
    return tr.docChanged || tr.selection ? false : value;
  },
  provide: (field) => EditorView.editorAttributes.from(field, (on): Record<string, string> => (on ? { class: "cm-steady-cursor" } : {})),
});

/** Counts down from the last edit, cursor move or focus, then stops the blinking. */
const countdown = ViewPlugin.fromClass(
  class {
    private timer = 0;
    private wake = 0;

    constructor(private readonly view: EditorView) {
      this.restart();
    }

    update(update: ViewUpdate): void {
      if (!update.docChanged && !update.selectionSet && !update.focusChanged) return;
      // Focus comes back without a transaction: blink again (dispatching inside an update is not allowed).
      if (update.focusChanged && update.state.field(steady)) {
        this.wake = window.setTimeout(() => this.view.dispatch({ effects: setSteady.of(false) }));
      }
      this.restart();
    }

    destroy(): void {
      clearTimeout(this.timer);
      clearTimeout(this.wake);
    }

    private restart(): void {
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => {
        if (!this.view.state.field(steady)) this.view.dispatch({ effects: setSteady.of(true) });
      }, BLINK_FOR_MS);
    }
  },
);

/** CodeMirror's cursor layer gets its animation inline; `!important` wins over that. */
const theme = EditorView.baseTheme({
  "&.cm-steady-cursor .cm-cursorLayer": { animation: "none !important" },
});

export function blinkThenHold(): Extension {
  return [steady, countdown, theme];
}
