import { describe, expect, it } from "vitest";
import { sanitize } from "./sanitize";

function clean(html: string): string {
  const t = document.createElement("template");
  t.innerHTML = html;
  sanitize(t.content);
  const div = document.createElement("div");
  div.append(t.content);
  return div.innerHTML;
}

describe("sanitize", () => {
  it("removes scripts, iframes and handlers", () => {
    const out = clean('<p onclick="x()">a<script>window.__pwned=1</script><iframe src="https://e"></iframe></p>');
    expect(out).toBe("<p>a</p>");
  });

  it("drops javascript: and data: links but keeps web links", () => {
    expect(clean('<a href="javascript:alert(1)">x</a>')).toBe("<a>x</a>");
    expect(clean('<a href=" JAVASCRIPT:alert(1)">x</a>')).toBe("<a>x</a>");
    expect(clean('<a href="data:text/html,hi">x</a>')).toBe("<a>x</a>");
    expect(clean('<a href="https://example.com">x</a>')).toBe('<a href="https://example.com">x</a>');
    expect(clean('<a href="#fn-1">1</a>')).toBe('<a href="#fn-1">1</a>');
  });

  it("blocks remote images", () => {
    const out = clean('<img src="https://tracker.example/p.png" alt="p">');
    expect(out).not.toMatch(/ src=/);
    expect(out).toContain("blocked-image");
  });

  it("removes SVG scripts and handlers", () => {
    const out = clean('<svg onload="x()"><script>x()</script><a xlink:href="javascript:x()"></a></svg>');
    expect(out).not.toContain("script");
    expect(out).not.toContain("onload");
    expect(out).not.toContain("javascript");
  });
});
