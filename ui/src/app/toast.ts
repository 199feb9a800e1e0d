/** Short, non-blocking notices ("Saved", "Template added"). */
import { h } from "./dom";

let area: HTMLElement | null = null;

/** A button on a notice, such as "Undo"; choosing it dismisses the notice. */
export interface ToastAction {
  label: string;
  run(): void;
}

export function toast(message: string, kind: "info" | "error" = "info", action?: ToastAction): void {
  if (!area) {
    area = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(area);
  }
  const note = h("div", { class: `toast ${kind}`, "data-testid": "toast" }, message);
  if (action) {
    const run = h("button", { class: "toast-action", type: "button", "data-testid": "toast-action" }, action.label);
    run.addEventListener("click", () => {
      note.remove();
      action.run();
    });
    note.append(run);
  }
  area.append(note);
  // A notice with a button stays long enough to reach it.
  setTimeout(() => note.remove(), kind === "error" || action ? 8000 : 3000);
}
