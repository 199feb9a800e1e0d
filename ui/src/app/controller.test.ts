import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { fakeShell } from "../analysis/fake-shell";
import type { Analysis, AnalyzeRequest, DraftList, LaunchFile, RecentFile, RecoverableDraft } from "../ipc";
import { Controller } from "./controller";

function analysisFor(): Analysis {
  return {
    html: '<h1 data-sourcepos="1:1-1:3">A</h1>',
    checklist: { items: [], groups: [], progress: { done: 0, total: 0 } },
    report: { template: null, score: 1, sections: [], findings: [] },
    outline: [],
    word_count: 1,
  };
}

// jsdom has no layout; CodeMirror measures the cursor with these.
Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

interface Start {
  launch: LaunchFile | null;
  drafts?: DraftList;
  recent?: RecentFile[];
}

interface Booting {
  root: HTMLElement;
  controller: Controller;
  /** The commands sent to the shell, in order. */
  commands: string[];
  booted: Promise<void>;
}

/** Boots a controller against a shell started as `start` says. */
function boot(start: Start): Booting {
  const shell = fakeShell(analysisFor);
  const commands: string[] = [];
  mockIPC((cmd, args) => {
    commands.push(cmd);
    if (cmd === "start_up") return { drafts: start.drafts ?? { drafts: [], problems: [] }, recent: start.recent ?? [], launch: start.launch };
    if (cmd === "recent_files") return start.recent ?? [];
    if (cmd === "open_path") return { path: (args as { path: string }).path, name: "b.md", text: "# B\n" };
    if (cmd === "analyze") return shell.analyze((args as { request: AnalyzeRequest }).request);
    return null;
  });
  const root = document.createElement("div");
  root.dataset.testRoot = "";
  document.body.append(root);
  const controller = new Controller(root);
  return { root, controller, commands, booted: controller.boot() };
}

afterEach(() => {
  clearMocks();
  document.querySelectorAll("[data-test-root]").forEach((root) => root.remove());
});

const opened: LaunchFile = { kind: "opened", document: { path: "/docs/a.md", name: "a.md", text: "# A\n" } };

describe("Start-up", () => {
  it("shows a file named on the command line, read in the same round trip, without the start screen", async () => {
    const { root, controller, commands, booted } = boot({ launch: opened });
    await booted;
    expect(controller.workspace.text()).toBe("# A\n");
    expect(root.querySelector<HTMLElement>("[data-testid=start-screen]")!.hidden).toBe(true);
    expect(commands.filter((c) => c !== "analyze")).toEqual(["start_up"]);
  });

  it("shows the start screen with the recent files when no file was named", async () => {
    const recent = [{ path: "/docs/old.md", name: "old.md", exists: true }];
    const { root, commands, booted } = boot({ launch: null, recent });
    await booted;
    const start = root.querySelector<HTMLElement>("[data-testid=start-screen]")!;
    expect(start.hidden).toBe(false);
    expect(start.querySelector("[data-path='/docs/old.md']")).not.toBeNull();
    expect(commands).toEqual(["start_up"]);
  });

  it("says why the named file could not be opened, over the start screen", async () => {
    const error = { kind: "not-found", message: "/docs/gone.md: no such file" };
    const { root, booted } = boot({ launch: { kind: "failed", path: "/docs/gone.md", error } });
    const ok = await waitFor(() => document.querySelector<HTMLButtonElement>("[data-testid=modal-ok]"));
    expect(document.body.textContent).toContain("no such file");
    ok.click();
    await booted;
    expect(root.querySelector<HTMLElement>("[data-testid=start-screen]")!.hidden).toBe(false);
  });

  it("offers drafts first, then opens the named file", async () => {
    const draft: RecoverableDraft = {
      key: "k",
      path: "/docs/other.md",
      name: "other.md",
      written_at: "2026-12-01T08:00:00+00:00",
      on_disk: "present",
      diff: [],
    };
    const { controller, commands, booted } = boot({ launch: { kind: "waiting", path: "/docs/b.md" }, drafts: { drafts: [draft], problems: [] } });
    const later = await waitFor(() => document.querySelector<HTMLButtonElement>("[data-testid=recovery-later]"));
    later.click();
    await booted;
    expect(commands.filter((c) => c !== "analyze")).toEqual(["start_up", "open_path"]);
    expect(controller.workspace.text()).toBe("# B\n");
  });
});
async function waitFor<T>(find: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error("timed out");
}
