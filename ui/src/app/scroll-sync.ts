/**
 * Keeps the editor and the preview scrolled to the same place, both ways. A
 * programmatic scroll on one side is not echoed back from the other.
 */
import type { EditorView } from "@codemirror/view";
import type { Preview } from "../preview/preview";
import { lineForTop, topForLine } from "../preview/sourcepos";

const ECHO_MS = 120;

export class ScrollSync {
  private quietUntil = { editor: 0, preview: 0 };
  enabled = true;

  constructor(
    private readonly view: () => EditorView,
    private readonly preview: Preview,
  ) {
    preview.element.addEventListener("scroll", () => this.fromPreview(), { passive: true });
  }

  /** Ignores scrolling on both sides for `ms` (after a jump the user asked for). */
  suspend(ms: number): void {
    const until = performance.now() + ms;
    this.quietUntil = { editor: until, preview: until };
  }

  /** The editor scrolled: move the preview. */
  fromEditor(): void {
    if (!this.enabled || performance.now() < this.quietUntil.editor) return;
    const view = this.view();
    const scroller = view.scrollDOM;
    const top = scroller.scrollTop;
    const block = view.lineBlockAtHeight(top);
    const line = view.state.doc.lineAt(block.from).number + Math.max(0, (top - block.top) / Math.max(block.height, 1));
    const target = this.preview.element;
    const end = target.scrollHeight - target.clientHeight;
    const atBottom = top >= scroller.scrollHeight - scroller.clientHeight - 2;
    const y = atBottom ? end : topForLine(this.preview.anchors(), line, target.scrollHeight, view.state.doc.lines + 1);
    this.quietUntil.preview = performance.now() + ECHO_MS;
    target.scrollTop = y;
  }

  /** The preview scrolled: move the editor. */
  private fromPreview(): void {
    if (!this.enabled || performance.now() < this.quietUntil.preview) return;
    const view = this.view();
    const source = this.preview.element;
    const line = lineForTop(this.preview.anchors(), source.scrollTop, source.scrollHeight, view.state.doc.lines + 1);
    const whole = Math.min(Math.max(1, Math.floor(line)), view.state.doc.lines);
    const block = view.lineBlockAt(view.state.doc.line(whole).from);
    this.quietUntil.editor = performance.now() + ECHO_MS;
    view.scrollDOM.scrollTop = block.top + (line - whole) * block.height;
  }
}
