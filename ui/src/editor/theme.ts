/**
 * Editor look: one theme built on CSS variables (see styles/app.css), so light and
 * dark follow the system's `prefers-color-scheme` without reconfiguring.
 */
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const highlight = HighlightStyle.define([
  { tag: t.heading1, fontWeight: "700", fontSize: "1.25em", color: "var(--md-heading)" },
  { tag: t.heading2, fontWeight: "700", fontSize: "1.15em", color: "var(--md-heading)" },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: "700", color: "var(--md-heading)" },
  { tag: t.strong, fontWeight: "700" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: [t.link, t.url], color: "var(--md-link)" },
  { tag: [t.monospace, t.string], color: "var(--md-code)" },
  { tag: [t.processingInstruction, t.meta, t.contentSeparator], color: "var(--md-mark)" },
  { tag: [t.quote], color: "var(--md-quote)", fontStyle: "italic" },
  { tag: [t.comment], color: "var(--md-comment)" },
  { tag: [t.keyword, t.atom, t.bool], color: "var(--md-keyword)" },
  { tag: [t.number], color: "var(--md-number)" },
]);

const base = EditorView.theme({
  // No height here: the tooltips' container in the body has the theme's classes
  // too (app.css gives the editor its pane's height).
  "&": { backgroundColor: "var(--editor-bg)", color: "var(--text)" },
  ".cm-scroller": { fontFamily: "var(--mono)", fontSize: "14px", lineHeight: "1.6" },
  ".cm-content": { caretColor: "var(--accent)", padding: "12px 0" },
  ".cm-gutters": { backgroundColor: "var(--editor-gutter)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--editor-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--editor-active-line)" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--accent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--selection)",
  },
  ".cm-panels": { backgroundColor: "var(--panel-bg)", color: "var(--text)" },
  ".cm-searchMatch": { backgroundColor: "var(--search-match)" },
  // The search panel in the app's own look (CodeMirror's buttons are light grey
  // gradients, unreadable on the dark theme).
  ".cm-panel.cm-search": { padding: "6px 28px 6px 10px", fontFamily: "var(--font)", fontSize: "13px" },
  ".cm-panel.cm-search label": {
    fontSize: "13px",
    whiteSpace: "nowrap",
    display: "inline-flex",
    alignItems: "center",
    gap: "4px",
    marginRight: "10px",
  },
  ".cm-textfield": {
    font: "inherit",
    color: "var(--text)",
    backgroundColor: "var(--editor-bg)",
    border: "1px solid var(--border)",
    borderRadius: "4px",
    padding: "3px 6px",
  },
  ".cm-button": {
    font: "inherit",
    color: "var(--text)",
    backgroundColor: "var(--panel-bg)",
    backgroundImage: "none",
    border: "1px solid var(--border)",
    borderRadius: "4px",
    padding: "3px 10px",
  },
  ".cm-button:hover": { borderColor: "var(--accent)" },
  ".cm-button:active": { backgroundImage: "none", backgroundColor: "var(--border)" },
  ".cm-tooltip": { backgroundColor: "var(--panel-bg)", color: "var(--text)", border: "1px solid var(--border)" },
  ".cm-lineNumbers .cm-gutterElement": { padding: "0 8px 0 12px" },
});

/** Theme and Markdown highlighting for the editor. */
export function editorTheme(): Extension {
  return [base, syntaxHighlighting(highlight)];
}
