/**
 * Stands in for `@codemirror/lang-html` where `@codemirror/lang-markdown` imports
 * it (vite.config.ts). lang-markdown uses HTML support only in `markdown()` and
 * its tag completion, which the editor does not use (src/editor/markdown.ts);
 * without this, its import would keep all of lang-html — with CSS and
 * JavaScript support — in the start-up bundle. An `html` code block still loads
 * the real lang-html, through `@codemirror/language-data`.
 *
 * Should lang-markdown ever call these where the editor runs, they do no harm:
 * HTML is then plain text, with nothing to complete.
 */
import { LanguageSupport, StreamLanguage } from "@codemirror/language";

const plainText = StreamLanguage.define<null>({
  name: "html-as-text",
  token(stream) {
    stream.skipToEnd();
    return null;
  },
});

export function html(): LanguageSupport {
  return new LanguageSupport(plainText);
}

export function htmlCompletionSource(): null {
  return null;
}
