/**
 * In-window dialogs (unsaved changes, names, errors). They are part of the page,
 * so they follow the app's theme and can be driven by end-to-end tests.
 */
import type { AppError } from "../ipc";
import { button, fileName, h } from "./dom";

export interface Choice<T extends string> {
  id: T;
  label: string;
  kind?: "primary" | "danger";
}

let root: HTMLElement | null = null;

function host(): HTMLElement {
  if (!root?.isConnected) {
    root = h("div", { class: "modal-host" });
    document.body.append(root);
  }
  return root;
}

let floating: boolean | null = null;

/**
 * Whether scrollbars float over the content (GTK's overlay scrollbars), which
 * WebKit paints above everything, dialogs included, when it does not composite.
 * Classic scrollbars take room and are painted in place: hiding them would only
 * make the panes' text reflow behind the dialog.
 */
function scrollbarsFloat(): boolean {
  if (floating === null) {
    const probe = document.createElement("div");
    probe.style.cssText = "position:absolute;top:-200px;width:100px;height:100px;overflow:scroll;visibility:hidden";
    document.body.append(probe);
    floating = probe.offsetWidth === probe.clientWidth;
    probe.remove();
  }
  return floating;
}

/**
 * Shows `dialog` over the window, which it blocks until closed; Escape calls
 * `onEscape`. Returns what closes it.
 */
export function openModal(dialog: HTMLElement, onEscape: () => void, backdropClass = "modal-backdrop"): () => void {
  const backdrop = h("div", { class: backdropClass }, dialog);
  const keys = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onEscape();
    }
  };
  document.addEventListener("keydown", keys, true);
  host().append(backdrop);
  // While a dialog is open the panes do not scroll (app.css, `.modal-open`).
  if (scrollbarsFloat()) document.body.classList.add("modal-open");
  return () => {
    document.removeEventListener("keydown", keys, true);
    backdrop.remove();
    if (!isModalOpen()) document.body.classList.remove("modal-open");
  };
}

/** Whether a dialog is open over the window (menu and key commands wait until it closes). */
export function isModalOpen(): boolean {
  return !!root?.isConnected && root.childElementCount > 0;
}

/** Asks a question with buttons; Escape answers `cancel`. `detail` is a quieter line under the message. */
export function choose<T extends string>(title: string, message: string, choices: Choice<T>[], cancel: T, detail?: string): Promise<T> {
  return new Promise((resolve) => {
    let close = () => {};
    const answer = (id: T) => {
      close();
      resolve(id);
    };
    const buttons = choices.map((c) =>
      button(c.label, () => answer(c.id), { class: c.kind ?? "", "data-testid": `modal-${c.id}` }),
    );
    const dialog = h(
      "div",
      { class: "modal", role: "dialog", "aria-modal": "true", "data-testid": "modal" },
      h("h2", {}, title),
      h("p", { class: "modal-message" }, message),
      detail ? h("p", { class: "muted modal-detail", "data-testid": "modal-detail" }, detail) : null,
      h("div", { class: "modal-buttons" }, ...buttons),
    );
    close = openModal(dialog, () => answer(cancel));
    (buttons.find((_, i) => choices[i].kind === "primary") ?? buttons[0])?.focus();
  });
}

/** Asks for one line of text; `null` when cancelled. */
export function promptText(title: string, label: string, value = "", okLabel = "OK"): Promise<string | null> {
  return new Promise((resolve) => {
    let close = () => {};
    const input = h("input", { type: "text", value, "data-testid": "modal-input", "aria-label": label });
    const done = (result: string | null) => {
      close();
      resolve(result);
    };
    const form = h(
      "form",
      { class: "modal", role: "dialog", "aria-modal": "true", "data-testid": "modal" },
      h("h2", {}, title),
      h("label", {}, label, input),
      h(
        "div",
        { class: "modal-buttons" },
        button("Cancel", () => done(null), { "data-testid": "modal-cancel" }),
        h("button", { type: "submit", class: "primary", "data-testid": "modal-ok" }, okLabel),
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (input.value.trim()) done(input.value.trim());
    });
    close = openModal(form, () => done(null));
    input.focus();
    input.select();
  });
}

/**
 * What to say about `error`: the problem as a sentence, and the file it is
 * about on a line of its own (the engine's messages start with the file's path).
 */
export function describeError(error: unknown): { message: string; file?: string } {
  const message = error instanceof Error ? error.message : String(error);
  const file = (error as Partial<AppError> | null)?.file;
  if (!file || !message.startsWith(`${file}: `)) return { message };
  const problem = message.slice(file.length + 2);
  const name = fileName(file);
  const stop = /[.!?]$/.test(problem) ? "" : ".";
  return { message: `${name}: ${problem.charAt(0).toUpperCase()}${problem.slice(1)}${stop}`, file };
}

/** Tells the user something went wrong. */
export async function showError(title: string, error: unknown): Promise<void> {
  const { message, file } = describeError(error);
  await choose(title, message, [{ id: "ok", label: "OK", kind: "primary" }], "ok", file);
}
