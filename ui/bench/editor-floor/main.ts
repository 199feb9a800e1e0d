/**
 * The editor's floor (scripts/bench-editor-floor): the least a Markdown editor
 * made with CodeMirror 6 does at start, with nothing of Specwright around it —
 * a bare Tauri window whose page makes one CodeMirror view with line numbers and
 * soft wrap holding the 30 KB spec the window benchmark opens (built into the
 * page, so no IPC), and with `VITE_FLOOR=markdown` also the editor's Markdown
 * (`src/editor/markdown.ts`, code-block languages included) and a highlight
 * style. Marks `boot:shown` as Specwright's page does, once the frame showing
 * the text has been painted.
 */
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { markdownSupport } from "../../src/editor/markdown";
import { afterNextFrame } from "../../src/app/frames";
import doc from "../../../tests/fixtures/keps/sig-api-machinery/598-crd-conversion-webhook/README.md?raw";

performance.mark("boot:loaded");
const extensions: Extension[] = [lineNumbers(), EditorView.lineWrapping];
if (import.meta.env.VITE_FLOOR === "markdown") {
  extensions.push(markdownSupport(languages), syntaxHighlighting(defaultHighlightStyle));
}
new EditorView({ state: EditorState.create({ doc, extensions }), parent: document.getElementById("editor")! });
performance.mark("boot:opened");
void afterNextFrame().then(() => performance.mark("boot:shown"));
