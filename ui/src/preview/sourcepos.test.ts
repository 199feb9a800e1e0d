import { describe, expect, it } from "vitest";
import { lineForTop, monotonic, parseSourcepos, topForLine } from "./sourcepos";

describe("parseSourcepos", () => {
  it("reads comrak's format", () => {
    expect(parseSourcepos("3:1-5:20")).toEqual({ startLine: 3, startColumn: 1, endLine: 5, endColumn: 20 });
    expect(parseSourcepos("junk")).toBeNull();
    expect(parseSourcepos(null)).toBeNull();
  });
});

describe("scroll sync math", () => {
  const anchors = [
    { line: 1, top: 0 },
    { line: 11, top: 100 },
    { line: 21, top: 400 },
  ];

  it("interpolates between anchors", () => {
    expect(topForLine(anchors, 6)).toBe(50);
    expect(topForLine(anchors, 16)).toBe(250);
  });

  it("is inverted by lineForTop", () => {
    for (const line of [1, 3.5, 11, 15, 20]) {
      expect(lineForTop(anchors, topForLine(anchors, line))).toBeCloseTo(line);
    }
  });

  it("extrapolates to the document end when given", () => {
    expect(topForLine(anchors, 26, 500, 31)).toBe(450);
    expect(lineForTop(anchors, 450, 500, 31)).toBe(26);
  });

  it("drops anchors that would go backwards (nested blocks)", () => {
    const m = monotonic([
      { line: 5, top: 100 },
      { line: 1, top: 0 },
      { line: 5, top: 120 },
      { line: 7, top: 90 },
      { line: 9, top: 200 },
    ]);
    expect(m).toEqual([
      { line: 1, top: 0 },
      { line: 5, top: 100 },
      { line: 9, top: 200 },
    ]);
  });

  it("handles no anchors", () => {
    expect(topForLine([], 10)).toBe(0);
    expect(lineForTop([], 10)).toBe(1);
  });
});
