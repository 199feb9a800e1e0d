import { describe, expect, it } from "vitest";
import { IpcError } from "../ipc";
import { choose, describeError, isModalOpen, openModal } from "./modal";

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

describe("error messages", () => {
  it("put the problem first and the file's path on a line of its own", () => {
    const error = new IpcError({ kind: "not-utf8", message: "/home/ada/specs/latin1.md: not UTF-8 text (invalid byte at line 1, column 6)", file: "/home/ada/specs/latin1.md" });
    expect(describeError(error)).toEqual({ message: "latin1.md: Not UTF-8 text (invalid byte at line 1, column 6).", file: "/home/ada/specs/latin1.md" });
  });

  it("are left as they are when they are not about a file", () => {
    expect(describeError(new IpcError({ kind: "no-path", message: "This document has not been saved yet." }))).toEqual({ message: "This document has not been saved yet." });
    expect(describeError(new Error("boom"))).toEqual({ message: "boom" });
    expect(describeError("plain")).toEqual({ message: "plain" });
  });
});
