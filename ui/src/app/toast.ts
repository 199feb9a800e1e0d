/** Short, non-blocking notices ("Saved", "Template added"). */
import { h } from "./dom";

let area: HTMLElement | null = null;

export function toast(message: string, kind: "info" | "error" = "info"): void {
  if (!area) {
    area = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(area);
  }
  const note = h("div", { class: `toast ${kind}`, "data-testid": "toast" }, message);
  area.append(note);
  setTimeout(() => note.remove(), kind === "error" ? 8000 : 3000);
}
