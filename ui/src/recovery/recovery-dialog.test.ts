import { afterEach, describe, expect, it } from "vitest";
import type { RecoverableDraft } from "../ipc";
import { askRecovery } from "./recovery-dialog";

const draft: RecoverableDraft = {
  key: "file-abc",
  path: "/specs/checkout.md",
  name: "checkout.md",
  written_at: "2026-11-23T10:00:00+01:00",
  on_disk: "present",
  diff: [
    { kind: "same", text: "# Checkout" },
    { kind: "added", text: "A sentence typed before the crash." },
  ],
};

afterEach(() => document.querySelectorAll(".modal-backdrop").forEach((b) => b.remove()));

describe("askRecovery", () => {
  it("names the file, shows the diff and answers with the button pressed", async () => {
    const answer = askRecovery(draft, 0, 2);
    const dialog = document.querySelector<HTMLElement>("[data-testid=recovery-dialog]")!;
    expect(dialog.textContent).toContain("checkout.md");
    expect(dialog.textContent).toContain("(1 of 2)");
    expect(dialog.querySelector("[data-testid=recovery-diff]")!.textContent).toContain("+ A sentence typed before the crash.");
    dialog.querySelector<HTMLButtonElement>("[data-testid=recovery-restore]")!.click();
    expect(await answer).toBe("restore");
    expect(document.querySelector("[data-testid=recovery-dialog]")).toBeNull();
  });

  it("Escape decides later", async () => {
    const answer = askRecovery({ ...draft, path: null, name: "Untitled", on_disk: "untitled" }, 0, 1);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(await answer).toBe("later");
  });
});
