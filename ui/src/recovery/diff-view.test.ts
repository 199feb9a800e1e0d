import { describe, expect, it } from "vitest";
import type { DiffLine } from "../ipc";
import { diffView, foldDiff } from "./diff-view";

const same = (text: string): DiffLine => ({ kind: "same", text });

describe("foldDiff", () => {
  it("keeps context around changes and folds the rest", () => {
    const lines: DiffLine[] = [
      ...Array.from({ length: 10 }, (_, i) => same(`line ${i}`)),
      { kind: "removed", text: "old" },
      { kind: "added", text: "new" },
      ...Array.from({ length: 5 }, (_, i) => same(`tail ${i}`)),
    ];
    const rows = foldDiff(lines, 2);
    expect(rows).toEqual([
      { kind: "gap", count: 8 },
      same("line 8"),
      same("line 9"),
      { kind: "removed", text: "old" },
      { kind: "added", text: "new" },
      same("tail 0"),
      same("tail 1"),
      { kind: "gap", count: 3 },
    ]);
  });
});

describe("diffView", () => {
  it("marks lines with + and - and never renders text as HTML", () => {
    const el = diffView([same("# T"), { kind: "added", text: "<img src=x onerror=alert(1)>" }], "d", "on disk", "draft");
    const rows = [...el.querySelectorAll("[data-testid=d] .diff-row")].map((r) => r.textContent);
    expect(rows).toEqual(["  # T", "+ <img src=x onerror=alert(1)>"]);
    expect(el.querySelector("img")).toBeNull();
  });
});
