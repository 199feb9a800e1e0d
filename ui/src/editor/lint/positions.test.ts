import { describe, expect, it } from "vitest";
import { bytesToPositions } from "./positions";

describe("bytesToPositions", () => {
  it("is the identity for ASCII", () => {
    const map = bytesToPositions("hello", [0, 3, 5]);
    expect([...map.entries()]).toEqual([
      [0, 0],
      [3, 3],
      [5, 5],
    ]);
  });

  it("counts multi-byte characters once (é is 2 bytes, 1 unit)", () => {
    // "é [x]": bytes é=0..2, space=2, '['=3
    expect(bytesToPositions("é [x]", [3]).get(3)).toBe(2);
  });

  it("counts astral characters as two UTF-16 units (emoji is 4 bytes)", () => {
    // "😀 TBD": emoji 0..4, space 4, T at 5 → UTF-16 index 3
    expect(bytesToPositions("😀 TBD", [5]).get(5)).toBe(3);
  });

  it("treats CRLF as one position when the editor uses CRLF", () => {
    const text = "a\r\nb";
    expect(bytesToPositions(text, [3], true).get(3)).toBe(2);
    expect(bytesToPositions(text, [3], false).get(3)).toBe(3);
  });

  it("clamps offsets past the end", () => {
    expect(bytesToPositions("ab", [10]).get(10)).toBe(2);
  });

  it("maps CJK text (3 bytes per character)", () => {
    // "日本 TBD": 日=0..3 本=3..6 space=6 T=7 → index 3
    expect(bytesToPositions("日本 TBD", [7]).get(7)).toBe(3);
  });
});
