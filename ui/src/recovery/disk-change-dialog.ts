/**
 * The question when another program changed the open file while it has unsaved
 * edits here: keep mine (the next save replaces the file, knowingly), take theirs
 * (load the file from disk), or compare the two first.
 */
import { button, h } from "../app/dom";
import { openModal } from "../app/modal";
import type { DiffLine } from "../ipc";
import { diffView } from "./diff-view";

export type DiskAnswer = "keep-mine" | "take-theirs" | "later";

/** Asks about a change on disk to `name`; `compare` fetches the diff on demand. Escape decides later. */
export function askAboutDiskChange(name: string, compare: () => Promise<DiffLine[]>): Promise<DiskAnswer> {
  return new Promise((resolve) => {
    let close = () => {};
    const answer = (id: DiskAnswer) => {
      close();
      resolve(id);
    };
    const comparison = h("div", { class: "disk-comparison", hidden: true });
    const compareButton = button(
      "Compare",
      () => {
        if (!comparison.hidden) {
          comparison.hidden = true;
          compareButton.textContent = "Compare";
          return;
        }
        compareButton.disabled = true;
        compare()
          .then((lines) => comparison.replaceChildren(diffView(lines, "disk-diff", "on disk", "yours")))
          .catch((error) => comparison.replaceChildren(h("p", { class: "error" }, error instanceof Error ? error.message : String(error))))
          .finally(() => {
            comparison.hidden = false;
            compareButton.disabled = false;
            compareButton.textContent = "Hide comparison";
          });
      },
      { "data-testid": "disk-compare" },
    );
    const keep = button("Keep mine", () => answer("keep-mine"), { class: "primary", "data-testid": "disk-keep-mine" });
    const dialog = h(
      "div",
      { class: "modal disk-change", role: "dialog", "aria-modal": "true", "data-testid": "disk-changed-dialog" },
      h("h2", {}, `“${name}” changed on disk`),
      h(
        "p",
        { class: "modal-message" },
        "Another program changed this file while you have unsaved changes here. Keep yours (saving will replace the file), or take the version on disk (your unsaved changes are dropped)?",
      ),
      comparison,
      h(
        "div",
        { class: "modal-buttons" },
        keep,
        button("Take theirs", () => answer("take-theirs"), { class: "danger", "data-testid": "disk-take-theirs" }),
        compareButton,
      ),
    );
    close = openModal(dialog, () => answer("later"));
    keep.focus();
  });
}
