import { defineConfig, type Plugin } from "vitest/config";

/**
 * Keeps HTML, CSS and JavaScript editing support (about a quarter of the page's
 * start-up code) out of the start-up bundle; the editor's Markdown does not use
 * it (src/editor/markdown.ts). Two imports would otherwise keep it there:
 * `@codemirror/lang-markdown`'s own import of `@codemirror/lang-html` (used only
 * by its `markdown()`), and `@codemirror/language-data`'s
 * `import("@codemirror/lang-markdown")` for ```markdown code blocks, which
 * needs the whole module. ```html code blocks still load the real lang-html.
 */
function markdownWithoutHtml(): Plugin {
  const local = (file: string) => decodeURIComponent(new URL(`src/editor/${file}`, import.meta.url).pathname);
  return {
    name: "specwright-markdown-without-html",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === "@codemirror/lang-markdown" && importer?.includes("@codemirror/language-data")) return local("markdown-code-block.ts");
      if (source === "@codemirror/lang-html" && importer?.includes("@codemirror/lang-markdown")) return local("no-html-in-markdown.ts");
      return null;
    },
  };
}

// The Tauri shell loads ui/dist; the dev server is only for `tauri dev`. Tests
// (mode "test") also read the repository's fixtures and templates.
export default defineConfig(({ mode }) => ({
  clearScreen: false,
  plugins: [markdownWithoutHtml()],
  server: { port: 5173, strictPort: true, fs: mode === "test" ? { allow: [".", "../tests/fixtures", "../templates"] } : undefined },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
}));
