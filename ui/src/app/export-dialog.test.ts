import { afterEach, describe, expect, it, vi } from "vitest";
import type { Analysis, ExportedFile, Finding, Report, Severity } from "../ipc";
import {
  DEFAULT_CHOICE,
  confirmLabel,
  drawsDiagrams,
  mermaidSources,
  preflightFindings,
  preflightSummary,
  progressLabel,
  showExportDialog,
  type ExportChoice,
  type ExportDialogDeps,
} from "./export-dialog";

function finding(severity: Severity, line: number, message = `${severity} on ${line}`): Finding {
  return { rule: "placeholder", severity, message, line, column: 1, end_line: line, end_column: 2, section: null, hint: null, start: 0, end: 1 };
}

function report(findings: Finding[]): Report {
  return { template: "product-spec", score: 0.5, sections: [], findings };
}

function analysis(findings: Finding[], html = "<h1>Spec</h1>"): Analysis {
  return { html, checklist: { items: [], groups: [], progress: { done: 0, total: 0 } }, report: report(findings), outline: [], word_count: 1 };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const q = (testid: string) => document.querySelector<HTMLElement>(`[data-testid=${testid}]`);

afterEach(() => {
  document.body.replaceChildren();
});

describe("pre-flight logic", () => {
  it("lists errors then warnings, each in line order, and leaves notes out", () => {
    const listed = preflightFindings(report([finding("warning", 3), finding("info", 1), finding("error", 9), finding("error", 2), finding("warning", 1)]));
    expect(listed.map((f) => `${f.severity}:${f.line}`)).toEqual(["error:2", "error:9", "warning:1", "warning:3"]);
  });

  it("says Export anyway only when something is left to fix", () => {
    expect(confirmLabel([])).toBe("Export");
    expect(confirmLabel([finding("warning", 1)])).toBe("Export anyway");
    expect(preflightSummary([])).toBe("Validation finds nothing left to fix.");
    expect(preflightSummary([finding("error", 1), finding("warning", 2), finding("warning", 3)])).toBe("Validation still finds 1 error and 2 warnings:");
    expect(preflightSummary([finding("warning", 2)])).toBe("Validation still finds 1 warning:");
  });

  it("defaults to PDF with placeholders flagged, and names the format while exporting", () => {
    expect(DEFAULT_CHOICE).toEqual({ format: "pdf", dropUnfilled: false });
    expect(progressLabel("pdf")).toBe("Exporting PDF…");
    expect(progressLabel("json")).toBe("Exporting Template JSON…");
    expect(drawsDiagrams("pdf") && drawsDiagrams("html")).toBe(true);
    expect(drawsDiagrams("md") || drawsDiagrams("json")).toBe(false);
  });

  it("finds Mermaid blocks in document order the way the exporters key them", () => {
    const html = [
      '<pre lang="mermaid"><code>graph TD; A--&gt;B</code></pre>',
      '<pre lang="rust"><code>fn main() {}</code></pre>',
      '<ul><li><pre lang="Mermaid"><code>pie title P</code></pre></li></ul>',
      '<pre><code class="language-mermaid">sequenceDiagram</code></pre>',
      "<p>```mermaid</p>",
    ].join("");
    expect(mermaidSources(html)).toEqual(["graph TD; A-->B", "pie title P", "sequenceDiagram"]);
  });
});

describe("the export dialog", () => {
  function deps(overrides: Partial<ExportDialogDeps> = {}): ExportDialogDeps {
    return {
      analysis: async () => analysis([finding("warning", 7, "Placeholder left")]),
      drawDiagram: async () => "<svg/>",
      run: async () => ({ path: "/tmp/spec.pdf", name: "spec.pdf" }),
      jump: () => {},
      ...overrides,
    };
  }

  it("shows the pre-flight list; clicking an entry closes the dialog and jumps to its line", async () => {
    const jump = vi.fn();
    const result = showExportDialog(deps({ jump }));
    await flush();
    expect(q("export-format-pdf")!.getAttribute("aria-checked")).toBe("true");
    expect(q("export-confirm")!.textContent).toBe("Export anyway");
    expect(q("export-cancel")!.textContent).toBe("Go fix");
    const entry = q("export-finding")!;
    expect(entry.textContent).toContain("Placeholder left");
    entry.querySelector("button")!.click();
    expect(await result).toBeNull();
    expect(jump).toHaveBeenCalledWith(7);
    expect(q("export-dialog")).toBeNull();
  });

  it("passes the chosen options and drawn diagrams, showing progress while the shell works", async () => {
    let finishRun: (file: ExportedFile) => void = () => {};
    const run = vi.fn<(choice: ExportChoice, diagrams: (string | null)[]) => Promise<ExportedFile>>(
      () => new Promise<ExportedFile>((resolve) => (finishRun = resolve)),
    );
    const html = '<pre lang="mermaid"><code>graph TD; A--&gt;B</code></pre><pre lang="mermaid"><code>bad</code></pre>';
    const drawDiagram = async (source: string) => (source === "bad" ? null : `<svg>${source}</svg>`);
    const result = showExportDialog(deps({ analysis: async () => analysis([], html), drawDiagram, run }));
    await flush();
    expect(q("export-confirm")!.textContent).toBe("Export");
    q("export-format-html")!.click();
    q("export-confirm")!.click();
    await flush();
    expect(q("export-status")!.textContent).toBe("Exporting HTML…");
    expect((q("export-confirm") as HTMLButtonElement).disabled).toBe(true);
    expect(run).toHaveBeenCalledWith({ format: "html", dropUnfilled: false }, ["<svg>graph TD; A-->B</svg>", null]);
    finishRun({ path: "/tmp/spec.html", name: "spec.html" });
    expect(await result).toEqual({ path: "/tmp/spec.html", name: "spec.html" });
  });

  it("offers dropping unfilled sections for Markdown only and draws no diagrams for it", async () => {
    const run = vi.fn(async () => ({ path: "/tmp/spec.shared.md", name: "spec.shared.md" }));
    const drawDiagram = vi.fn(async () => "<svg/>");
    const html = '<pre lang="mermaid"><code>graph TD; A--&gt;B</code></pre>';
    const result = showExportDialog(deps({ analysis: async () => analysis([], html), drawDiagram, run }));
    await flush();
    const option = q("export-drop-unfilled")!.closest("label")!;
    expect(option.hidden).toBe(true);
    q("export-format-md")!.click();
    expect(option.hidden).toBe(false);
    q("export-drop-unfilled")!.click();
    q("export-confirm")!.click();
    await result;
    expect(run).toHaveBeenCalledWith({ format: "md", dropUnfilled: true }, []);
    expect(drawDiagram).not.toHaveBeenCalled();
  });

  it("keeps the dialog open with the shell's message when the export fails, and after a cancelled save dialog", async () => {
    const run = vi
      .fn<ExportDialogDeps["run"]>()
      .mockResolvedValueOnce(null)
      .mockRejectedValueOnce(new Error("Could not export /x/spec.pdf as PDF: disk full"));
    void showExportDialog(deps({ run }));
    await flush();
    q("export-confirm")!.click();
    await flush();
    expect(q("export-dialog")).not.toBeNull();
    expect((q("export-confirm") as HTMLButtonElement).disabled).toBe(false);
    q("export-confirm")!.click();
    await flush();
    expect(q("export-status")!.textContent).toContain("/x/spec.pdf");
    expect(q("export-status")!.classList.contains("error")).toBe(true);
  });
});
