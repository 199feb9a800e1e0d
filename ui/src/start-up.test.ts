import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ShellEvent } from "./ipc";

afterEach(() => clearMocks());

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the page's first script", () => {
  it("asks the shell at once and keeps what the shell says until the app takes it", async () => {
    const asked: string[] = [];
    mockIPC(
      (cmd) => {
        asked.push(cmd);
        return cmd === "start_up" ? { drafts: { drafts: [], problems: [] }, recent: [], launch: null } : null;
      },
      { shouldMockEvents: true },
    );
    const { handShellEvents, startingUp } = await import("./start-up");
    expect(asked).toContain("start_up");
    await startingUp;
    await settle();
    // Before the app is built: a dropped file, then a menu choice.
    await emit("shell", { type: "open-file", path: "/docs/a.md" } satisfies ShellEvent);
    await emit("shell", { type: "menu", action: "save" } satisfies ShellEvent);
    await settle();
    const seen: ShellEvent[] = [];
    handShellEvents((event) => seen.push(event));
    expect(seen).toEqual([
      { type: "open-file", path: "/docs/a.md" },
      { type: "menu", action: "save" },
    ]);
    // Then straight through.
    await emit("shell", { type: "file-deleted", path: "/docs/a.md" } satisfies ShellEvent);
    await settle();
    expect(seen.at(-1)).toEqual({ type: "file-deleted", path: "/docs/a.md" });
  });
});
