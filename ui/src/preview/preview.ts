/**
 * The live preview: patches in the engine's HTML, renders diagrams, and turns
 * clicks into editor actions (tick a task, jump to a line, open a link outside).
 */
import { isMermaidBlock, renderMermaid, wrapMermaid } from "./mermaid";
import { morphBlocks } from "./morph";
import { type Anchor, monotonic, parseSourcepos } from "./sourcepos";

export interface PreviewHandlers {
  /** A task checkbox on `line` was clicked. */
  toggle(line: number): void;
  /** Somewhere in the block starting on `line` was clicked. */
  jump(line: number): void;
  /** A link to the outside world was clicked. */
  openLink(href: string): void;
}

const ANCHOR_BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,table,tr,hr,figure,dl";

export class Preview {
  readonly element: HTMLElement;
  readonly content: HTMLElement;

  constructor(handlers: PreviewHandlers) {
    this.element = document.createElement("div");
    this.element.className = "preview-scroll";
    this.content = document.createElement("article");
    this.content.className = "preview markdown-body";
    this.content.setAttribute("data-testid", "preview");
    this.element.append(this.content);
    this.content.addEventListener("click", (event) => this.onClick(event, handlers));
  }

  /** Shows new HTML, keeping unchanged blocks as they are. */
  update(html: string): void {
    const { added } = morphBlocks(this.content, html, (block) => (isMermaidBlock(block) ? wrapMermaid(block) : block));
    for (const block of added) {
      enableCheckboxes(block);
      if (block.classList.contains("mermaid-diagram")) void renderMermaid(block);
    }
  }

  /** Lines and pixel offsets of blocks, for scroll sync. */
  anchors(): Anchor[] {
    const base = this.content.getBoundingClientRect().top;
    const list: Anchor[] = [];
    this.content.querySelectorAll(ANCHOR_BLOCKS).forEach((el) => {
      const pos = parseSourcepos(el.getAttribute("data-sourcepos"));
      if (pos) list.push({ line: pos.startLine, top: el.getBoundingClientRect().top - base });
    });
    return monotonic(list);
  }

  private onClick(event: MouseEvent, handlers: PreviewHandlers): void {
    const target = event.target as Element;
    const box = target.closest("input[type=checkbox]");
    if (box) {
      event.preventDefault();
      const item = box.closest("[data-sourcepos]");
      const pos = parseSourcepos(item?.getAttribute("data-sourcepos"));
      if (pos) handlers.toggle(pos.startLine);
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
    const block = target.closest("[data-sourcepos]");
    const pos = parseSourcepos(block?.getAttribute("data-sourcepos"));
    if (pos) handlers.jump(pos.startLine);
  }
}

/** comrak renders task checkboxes disabled; the preview lets people tick them. */
function enableCheckboxes(block: Element): void {
  block.querySelectorAll("input[type=checkbox]").forEach((box) => {
    box.removeAttribute("disabled");
    box.setAttribute("aria-label", "Done");
  });
}
