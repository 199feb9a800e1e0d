/** A draggable divider that resizes the editor against the preview. */
import { h } from "./dom";

/** Returns the divider; dragging it sets `--editor-share` (percent) on `container`. */
export function splitter(container: HTMLElement, onResize: () => void): HTMLElement {
  const bar = h("div", { class: "splitter", role: "separator", "aria-orientation": "vertical", "aria-label": "Resize editor and preview", tabindex: "0" });
  const set = (share: number) => {
    const clamped = Math.min(80, Math.max(20, share));
    container.style.setProperty("--editor-share", `${clamped}%`);
    onResize();
  };
  bar.addEventListener("pointerdown", (event) => {
    // A drag is not a text selection across the panes. (It also keeps the focus
    // where it was, in the editor; Tab reaches the divider for the arrow keys.)
    event.preventDefault();
    bar.setPointerCapture(event.pointerId);
    const panes = container.getBoundingClientRect();
    const move = (e: PointerEvent) => set(((e.clientX - panes.left) / panes.width) * 100);
    const up = () => {
      bar.removeEventListener("pointermove", move);
      bar.removeEventListener("pointerup", up);
    };
    bar.addEventListener("pointermove", move);
    bar.addEventListener("pointerup", up);
  });
  bar.addEventListener("keydown", (event) => {
    const current = parseFloat(getComputedStyle(container).getPropertyValue("--editor-share")) || 50;
    if (event.key === "ArrowLeft") set(current - 5);
    if (event.key === "ArrowRight") set(current + 5);
  });
  return bar;
}
