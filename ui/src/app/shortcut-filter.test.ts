import { describe, expect, it } from "vitest";
import { DUPLICATE_MS, ShortcutFilter } from "./shortcut-filter";

describe("the shortcut filter", () => {
  it("counts a key press seen by the menu and the page once", () => {
    const filter = new ShortcutFilter();
    expect(filter.accept("save", "key", 1000)).toBe(true);
    expect(filter.accept("save", "menu", 1010)).toBe(false);
    const other = new ShortcutFilter();
    expect(other.accept("save", "menu", 1000)).toBe(true);
    expect(other.accept("save", "key", 1010)).toBe(false);
  });

  it("never drops a click, however quickly it follows", () => {
    const filter = new ShortcutFilter();
    expect(filter.accept("export", "key", 1000)).toBe(true);
    expect(filter.accept("export", "click", 1001)).toBe(true);
    expect(filter.accept("export", "click", 1002)).toBe(true);
  });

  it("lets a second press from the same source through, and the other source after the window", () => {
    const filter = new ShortcutFilter();
    expect(filter.accept("export", "key", 1000)).toBe(true);
    expect(filter.accept("export", "key", 1100)).toBe(true);
    expect(filter.accept("export", "menu", 1100 + DUPLICATE_MS)).toBe(true);
  });

  it("lets a different action through at once", () => {
    const filter = new ShortcutFilter();
    expect(filter.accept("save", "key", 1000)).toBe(true);
    expect(filter.accept("open", "menu", 1001)).toBe(true);
  });
});
