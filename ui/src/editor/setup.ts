/**
 * The editor's extensions: Markdown with code-block languages, history, search
 * and replace, line numbers, soft wrap, lint gutter, spell checking, and the
 * app's own keys.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { languages } from "@codemirror/language-data";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { lintKeymap } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorState, type Extension } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  tooltips,
  type KeyBinding,
  type ViewUpdate,
} from "@codemirror/view";
import { blinkThenHold } from "./cursor/blink";
import { findings } from "./lint/findings";
import { markdownSupport } from "./markdown";
import { spellCheck } from "./spelling/marks";
import type { Spelling } from "./spelling/speller";
import { editorTheme } from "./theme";

export interface EditorConfig {
  /** App-level keys (save, open, …) that take precedence over editing keys. */
  appKeys: readonly KeyBinding[];
  /** Called after every update that changed the document. */
  onDocChanged(update: ViewUpdate): void;
  /** Called when the editor scrolls. */
  onScroll(view: EditorView): void;
  /** Spell checking, or `null` while it is off (`setSpellCheck` changes it later). */
  spelling: Spelling | null;
}

/** Everything an editor state needs; `lineBreak` keeps a CRLF file's line endings. */
export function editorExtensions(config: EditorConfig, lineBreak: "\n" | "\r\n"): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    blinkThenHold(),
    indentOnInput(),
    bracketMatching(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorView.lineWrapping,
    // The editor's pane contains its layout and painting (app.css): a tooltip
    // inside it would be cut off at the pane's edge.
    tooltips({ parent: document.body }),
    markdownSupport(languages),
    editorTheme(),
    findings(),
    lineBreak === "\r\n" ? EditorState.lineSeparator.of("\r\n") : [],
    keymap.of([...config.appKeys, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) config.onDocChanged(update);
    }),
    EditorView.domEventHandlers({
      scroll: (_event, view) => config.onScroll(view),
    }),
    EditorView.contentAttributes.of({ "aria-label": "Spec text" }),
    spellCheck(config.spelling),
  ];
}

/** The line break a file uses, so saving keeps it. */
export function detectLineBreak(text: string): "\n" | "\r\n" {
  const crlf = text.indexOf("\r\n");
  const lf = text.indexOf("\n");
  return crlf >= 0 && crlf === lf - 1 ? "\r\n" : "\n";
}
