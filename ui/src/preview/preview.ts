/**
 * The live preview: patches in the engine's HTML, renders diagrams, and turns
 * clicks into editor actions (tick a task, jump to a line, open a link outside).
 */
import { isMermaidBlock, renderMermaid, wrapMermaid } from "./mermaid";
import type { KeptHtml } from "../analysis/live";
import { blockIndex, morphBlocks } from "./morph";
import { type Anchor, monotonic, parseSourcepos } from "./sourcepos";

export interface PreviewHandlers {
  /** A task checkbox on `line` was clicked. */
  toggle(line: number): void;
  /** Somewhere in the block starting on `line` was clicked. */
  jump(line: number): void;
  /** A link to the outside world was clicked. */
  openLink(href: string): void;
}

/**
 * What the preview shows: the engine's HTML, whose positions count from the
 * first line of their top-level block (so lines added above a block leave its
 * HTML alone), and those first lines.
 */
export interface PreviewContent {
  html: string;
  /** The first line of each top-level element of `html`; empty when the positions count from the top of the document. */
  blockLines: readonly number[];
  /** The version of the text shown (in `data-version`, for tests and benchmarks to wait on). */
  version: number;
  /** What `html` keeps of the HTML of an earlier version, if it was made from it. */
  kept?: KeptHtml | null;
}

const ANCHOR_BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,table,tr,hr,figure,dl";

export class Preview {
  readonly element: HTMLElement;
  readonly content: HTMLElement;
  private blockLines: readonly number[] = [];
  private version: number | null = null;
  /**
   * The anchors as last measured, while the content and its size stay the same:
   * scrolling moves the whole content, not its blocks within it, and a 1 MB
   * document has thousands of blocks to measure on every scroll event.
   */
  private anchorCache: Anchor[] | null = null;
  private readonly resized: ResizeObserver | null = null;

  constructor(handlers: PreviewHandlers) {
    this.element = document.createElement("div");
    this.element.className = "preview-scroll";
    this.content = document.createElement("article");
    this.content.className = "preview markdown-body";
    this.content.setAttribute("data-testid", "preview");
    this.element.append(this.content);
    this.content.addEventListener("click", (event) => this.onClick(event, handlers));
    // A change of width (the divider, the window) or of height (a diagram drawn)
    // moves blocks within the content. The observer reports after the frame, so
    // a scroll in that frame may still use the positions from before. Without a
    // way to tell, nothing is kept.
    if (typeof ResizeObserver !== "undefined") {
      this.resized = new ResizeObserver(() => (this.anchorCache = null));
      this.resized.observe(this.content);
    }
  }

  /** Shows new content, keeping unchanged blocks as they are. */
  update({ html, blockLines, version, kept }: PreviewContent): void {
    // What the new HTML keeps is known only of the HTML on show.
    const same = kept && kept.from === this.version ? kept : undefined;
    const { added } = morphBlocks(this.content, html, (block) => (isMermaidBlock(block) ? wrapMermaid(block) : block), same);
    for (const block of added) {
      enableCheckboxes(block);
      if (block.classList.contains("mermaid-diagram")) void renderMermaid(block);
    }
    this.blockLines = blockLines;
    this.version = version;
    this.anchorCache = null;
    this.content.dataset.version = String(version);
  }

  /** Lines and pixel offsets of blocks, for scroll sync. */
  anchors(): Anchor[] {
    if (this.anchorCache) return this.anchorCache;
    const base = this.content.getBoundingClientRect().top;
    const list: Anchor[] = [];
    this.content.querySelectorAll(ANCHOR_BLOCKS).forEach((el) => {
      const line = this.startLine(el);
      if (line !== null) list.push({ line, top: el.getBoundingClientRect().top - base });
    });
    const anchors = monotonic(list);
    if (this.resized) this.anchorCache = anchors;
    return anchors;
  }

  private onClick(event: MouseEvent, handlers: PreviewHandlers): void {
    const target = event.target as Element;
    const box = target.closest("input[type=checkbox]");
    if (box) {
      event.preventDefault();
      const line = this.startLine(box.closest("[data-sourcepos]"));
      if (line !== null) handlers.toggle(line);
      return;
    }
    const link = target.closest("a");
    if (link) {
      event.preventDefault();
      const href = link.getAttribute("href") ?? "";
      if (href.startsWith("#")) {
        const id = decodeURIComponent(href.slice(1));
        this.content.querySelector(`[id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "center" });
      } else if (href) {
        handlers.openLink(href);
      }
      return;
    }
    if (window.getSelection()?.toString()) return;
    const line = this.startLine(target.closest("[data-sourcepos]"));
    if (line !== null) handlers.jump(line);
  }

  /** The document line `el` starts on: its position's line, counted from its top-level block's first line. */
  private startLine(el: Element | null): number | null {
    const pos = parseSourcepos(el?.getAttribute("data-sourcepos"));
    if (!el || !pos) return null;
    let top = el;
    while (top.parentElement && top.parentElement !== this.content) top = top.parentElement;
    const index = blockIndex(this.content, top);
    const first = index === undefined ? 1 : (this.blockLines[index] ?? 1);
    return first + pos.startLine - 1;
  }
}

/** comrak renders task checkboxes disabled; the preview lets people tick them. */
function enableCheckboxes(block: Element): void {
  block.querySelectorAll("input[type=checkbox]").forEach((box) => {
    box.removeAttribute("disabled");
    box.setAttribute("aria-label", "Done");
  });
}
