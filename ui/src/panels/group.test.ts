import { describe, expect, it } from "vitest";
import { groupItems } from "./group";

describe("groupItems", () => {
  it("puts items under their section, respecting repeated section names", () => {
    const groups = [
      { section: "Goals", line: 3, done: 0, total: 1 },
      { section: "Tasks", line: 8, done: 1, total: 1 },
      { section: "Goals", line: 12, done: 0, total: 1 },
    ];
    const items = [
      { line: 4, checked: false, text: "a", section: "Goals" },
      { line: 9, checked: true, text: "b", section: "Tasks" },
      { line: 13, checked: false, text: "c", section: "Goals" },
    ];
    expect(groupItems(groups, items).map((g) => g.map((i) => i.text))).toEqual([["a"], ["b"], ["c"]]);
  });

  it("handles items before the first heading", () => {
    const groups = [{ section: null, line: 1, done: 0, total: 1 }];
    const items = [{ line: 1, checked: false, text: "x", section: null }];
    expect(groupItems(groups, items)).toEqual([[items[0]]]);
  });
});
