import { describe, expect, it } from "vitest";
import { choose, isModalOpen, openModal } from "./modal";

describe("dialogs", () => {
  it("mark the page while any is open, so the panes behind stop scrolling", async () => {
    const outer = openModal(document.createElement("div"), () => {});
    const answer = choose("Save changes?", "Unsaved.", [{ id: "ok", label: "OK", kind: "primary" }], "ok");
    expect(document.body.classList.contains("modal-open")).toBe(true);
    document.querySelector<HTMLButtonElement>("[data-testid=modal-ok]")!.click();
    expect(await answer).toBe("ok");
    expect(document.body.classList.contains("modal-open")).toBe(true); // the outer one is still open
    outer();
    expect(isModalOpen()).toBe(false);
    expect(document.body.classList.contains("modal-open")).toBe(false);
  });
});
