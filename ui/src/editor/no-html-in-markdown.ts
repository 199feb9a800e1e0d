/**
 * Stands in for `@codemirror/lang-html` where `@codemirror/lang-markdown` imports
 * it (vite.config.ts). lang-markdown uses HTML support only in `markdown()` and
 * its tag completion, which the editor does not use (src/editor/markdown.ts);
 * without this, its import would keep all of lang-html — with CSS and
 * JavaScript support — in the start-up bundle. An `html` code block still loads
 * the real lang-html, through `@codemirror/language-data`.
 */
function unavailable(): never {
  throw new Error("HTML support is not part of the editor's Markdown (see src/editor/markdown.ts)");
}

export const html = unavailable;
export const htmlCompletionSource = unavailable;
