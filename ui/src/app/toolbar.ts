/** The top bar: file actions, the document name with its unsaved marker, view switches. */
import type { MenuAction } from "../ipc";
import { button, h } from "./dom";

export class Toolbar {
  readonly element: HTMLElement;
  private readonly name: HTMLElement;
  private readonly marker: HTMLElement;

  constructor(run: (action: MenuAction) => void) {
    const b = (label: string, action: MenuAction, title: string) =>
      button(label, () => run(action), { title, "data-testid": `toolbar-${action}` });
    this.name = h("span", { class: "doc-name", "data-testid": "doc-name" });
    this.marker = h("span", { class: "dirty-marker", "data-testid": "dirty-marker", title: "Unsaved changes", hidden: true }, "●");
    this.element = h(
      "header",
      { class: "toolbar" },
      h(
        "div",
        { class: "group" },
        b("Home", "home", "Start screen"),
        b("New", "new", "New from template (Ctrl+N)"),
        b("Open", "open", "Open a spec (Ctrl+O)"),
        h(
          "span",
          { class: "doc-only" },
          b("Save", "save", "Save (Ctrl+S)"),
          b("Save as", "save-as", "Save as (Ctrl+Shift+S)"),
          b("Save as template", "save-as-template", "Save this document as a template"),
          b("Export", "export", "Export as PDF, Markdown, HTML or JSON (Ctrl+Shift+E)"),
        ),
      ),
      h("div", { class: "title" }, this.marker, this.name),
      h(
        "div",
        { class: "group doc-only" },
        b("Editor", "view-editor", "Editor only"),
        b("Split", "view-split", "Editor and preview"),
        b("Preview", "view-preview", "Preview only"),
        b("Panel", "toggle-checklist", "Show or hide the checklist panel"),
      ),
    );
  }

  /** Shows `name` with the unsaved marker; `null` while on the start screen with no document. */
  setDocument(name: string | null, dirty: boolean): void {
    this.element.classList.toggle("no-document", name === null);
    this.name.textContent = name ?? "";
    this.marker.hidden = !dirty;
    document.title = name ? `${dirty ? "● " : ""}${name} — Specwright` : "Specwright";
  }
}
