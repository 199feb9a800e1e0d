/**
 * The dialog shown at start for each draft a crash or a kill left behind: which
 * document, when it was kept, what it changes compared with the file on disk, and
 * Restore / Discard / Decide later.
 */
import { button, h } from "../app/dom";
import { openModal } from "../app/modal";
import type { RecoverableDraft } from "../ipc";
import { diffView } from "./diff-view";

export type RecoveryAnswer = "restore" | "discard" | "later";

/** When a draft was written, for people (the raw value if it is not a date). */
export function writtenAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function situation(draft: RecoverableDraft): string {
  switch (draft.on_disk) {
    case "untitled":
      return "It was never saved; restoring opens it as a new, untitled document.";
    case "missing":
      return "The file is no longer on disk; restoring lets you save it again.";
    case "unreadable":
      return "The file on disk cannot be read right now; the comparison shows the draft alone.";
    default:
      return "Below is what it changes compared with the file on disk now.";
  }
}

/** Asks what to do with `draft` (`index` of `count` drafts); Escape decides later. */
export function askRecovery(draft: RecoverableDraft, index: number, count: number): Promise<RecoveryAnswer> {
  return new Promise((resolve) => {
    let close = () => {};
    const answer = (id: RecoveryAnswer) => {
      close();
      resolve(id);
    };
    const restore = button("Restore", () => answer("restore"), { class: "primary", "data-testid": "recovery-restore" });
    const title = count > 1 ? `Recover unsaved changes (${index + 1} of ${count})` : "Recover unsaved changes";
    const dialog = h(
      "div",
      { class: "modal recovery", role: "dialog", "aria-modal": "true", "data-testid": "recovery-dialog" },
      h("h2", {}, title),
      h(
        "p",
        { class: "modal-message" },
        "Specwright closed before “",
        h("strong", { "data-testid": "recovery-name" }, draft.name),
        `” was saved. Its changes were kept on ${writtenAt(draft.written_at)}. ${situation(draft)}`,
      ),
      draft.path ? h("p", { class: "muted recovery-path" }, draft.path) : null,
      diffView(draft.diff, "recovery-diff", draft.on_disk === "present" ? "on disk" : "nothing on disk", "unsaved draft"),
      h(
        "div",
        { class: "modal-buttons" },
        restore,
        button("Discard", () => answer("discard"), { class: "danger", "data-testid": "recovery-discard" }),
        button("Decide later", () => answer("later"), { "data-testid": "recovery-later" }),
      ),
    );
    close = openModal(dialog, () => answer("later"));
    restore.focus();
  });
}
