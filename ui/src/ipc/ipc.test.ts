import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import * as ipc from "./index";

afterEach(() => clearMocks());

describe("ipc", () => {
  it("sends requests under the `request` argument", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "toggle_task") return "- [x] a";
      return null;
    });
    await expect(ipc.toggleTask({ text: "- [ ] a", line: 1 })).resolves.toBe("- [x] a");
    expect(calls).toEqual([["toggle_task", { request: { text: "- [ ] a", line: 1 } }]]);
  });

  it("turns the shell's {kind, message} into an IpcError", async () => {
    mockIPC(() => {
      throw { kind: "changed-on-disk", message: "spec.md: the file was changed on disk" };
    });
    const error = await ipc.save({ text: "x", overwrite: false }).catch((e) => e);
    expect(error).toBeInstanceOf(ipc.IpcError);
    expect(error.kind).toBe("changed-on-disk");
    expect(error.message).toContain("spec.md");
  });

  it("wraps unexpected rejections with kind `ipc`", async () => {
    mockIPC(() => {
      throw "window gone";
    });
    const error = await ipc.recentFiles().catch((e) => e);
    expect(error.kind).toBe("ipc");
  });
});
