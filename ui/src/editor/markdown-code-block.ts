/**
 * Markdown inside a ```markdown code block, for `@codemirror/language-data`
 * (vite.config.ts points its `import("@codemirror/lang-markdown")` here): the
 * editor's own Markdown support, so that lang-markdown's `markdown()`, and the
 * HTML, CSS and JavaScript support it brings, stay out of the start-up bundle.
 */
import type { LanguageSupport } from "@codemirror/language";
import { markdownSupport } from "./markdown";

export function markdown(): LanguageSupport {
  return markdownSupport([]);
}
