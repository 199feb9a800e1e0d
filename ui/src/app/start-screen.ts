/** The start screen: new from template, open, and recent files. */
import * as ipc from "../ipc";
import type { RecentFile } from "../ipc";
import { button, h } from "./dom";

export interface StartActions {
  newDocument(): void;
  open(): void;
  openRecent(path: string): void;
  resume(): void;
}

export class StartScreen {
  readonly element: HTMLElement;
  private readonly recent: HTMLElement;
  private readonly resumeButton: HTMLButtonElement;

  constructor(actions: StartActions) {
    this.recent = h("ul", { class: "recent-list", "data-testid": "recent-list" });
    this.resumeButton = button("Back to the open document", actions.resume, { "data-testid": "resume", class: "ghost big" });
    this.recent.addEventListener("click", (event) => {
      const item = (event.target as Element).closest<HTMLElement>("[data-path]");
      if (item?.dataset.path) actions.openRecent(item.dataset.path);
    });
    this.element = h(
      "section",
      { class: "start-screen", "data-testid": "start-screen", hidden: true },
      h(
        "div",
        { class: "start-inner" },
        h("h1", {}, "Specwright"),
        h("p", { class: "muted" }, "Write product and technical specs from templates — offline."),
        h(
          "div",
          { class: "start-actions" },
          button("New from template…", actions.newDocument, { class: "primary big", "data-testid": "new-from-template" }),
          button("Open…", actions.open, { class: "big", "data-testid": "open-file" }),
          this.resumeButton,
        ),
        h("h2", {}, "Recent files"),
        this.recent,
      ),
    );
  }

  /** Shows the start screen with fresh recent files. */
  async show(canResume: boolean): Promise<void> {
    this.fill(canResume, await ipc.recentFiles().catch(() => []));
  }

  /** Shows the start screen with `files` as the recent files. */
  fill(canResume: boolean, files: readonly RecentFile[]): void {
    this.resumeButton.hidden = !canResume;
    this.element.hidden = false;
    this.recent.replaceChildren(
      ...(files.length
        ? files.map((f) =>
            h(
              "li",
              {},
              h(
                "button",
                { type: "button", class: "recent", "data-path": f.path, disabled: !f.exists, title: f.exists ? f.path : `${f.path} (missing)` },
                h("strong", {}, f.name),
                h("span", { class: "muted" }, f.exists ? f.path : `${f.path} — not found`),
              ),
            ),
          )
        : [h("li", { class: "muted" }, "Files you open or save appear here.")]),
    );
  }

  hide(): void {
    this.element.hidden = true;
  }
}
