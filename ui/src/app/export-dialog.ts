/**
 * File → Export…: choose a format, see what validation still finds (each entry
 * jumps to its line), then export. The shell asks where to write and does the
 * work off the UI thread; this dialog shows progress meanwhile. For PDF and HTML
 * the Mermaid diagrams are drawn here, by the same Mermaid as the preview, and
 * passed along as SVG.
 */
import type { Analysis, ExportFormat, ExportedFile, Finding, Report } from "../ipc";
import { button, h } from "./dom";
import { openModal } from "./modal";
import { isMermaidBlock } from "../preview/mermaid";

/** The formats in the order the dialog offers them. */
export const FORMATS: readonly { id: ExportFormat; label: string; description: string }[] = [
  { id: "pdf", label: "PDF", description: "Typeset with a title block, contents and page numbers." },
  { id: "md", label: "Markdown", description: "Clean Markdown for sharing: guidance comments removed, unfilled parts flagged." },
  { id: "html", label: "HTML", description: "One self-contained HTML file, no scripts, images and diagrams inside." },
  { id: "json", label: "Template JSON", description: "The document's template metadata as JSON." },
];

/** What the user chooses in the dialog. */
export interface ExportChoice {
  format: ExportFormat;
  /** Markdown only: drop sections that are still unfilled instead of flagging them. */
  dropUnfilled: boolean;
}

export const DEFAULT_CHOICE: Readonly<ExportChoice> = { format: "pdf", dropUnfilled: false };

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Note" } as const;

/** Findings worth fixing before sharing: errors, then warnings, each in line order. Notes are left out. */
export function preflightFindings(report: Report): Finding[] {
  return report.findings
    .filter((f) => f.severity !== "info")
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line || a.column - b.column);
}

/** The confirm button's label: a plain "Export" when nothing is left to fix. */
export function confirmLabel(findings: readonly Finding[]): string {
  return findings.length ? "Export anyway" : "Export";
}

/** One line summing up the pre-flight list. */
export function preflightSummary(findings: readonly Finding[]): string {
  if (!findings.length) return "Validation finds nothing left to fix.";
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const parts = [errors && `${errors} ${errors === 1 ? "error" : "errors"}`, warnings && `${warnings} ${warnings === 1 ? "warning" : "warnings"}`];
  return `Validation still finds ${parts.filter(Boolean).join(" and ")}:`;
}

/** What the dialog says while the shell exports. */
export function progressLabel(format: ExportFormat): string {
  return `Exporting ${FORMATS.find((f) => f.id === format)?.label ?? format}…`;
}

/** Whether the format shows Mermaid diagrams as pictures (so the UI must draw them). */
export function drawsDiagrams(format: ExportFormat): boolean {
  return format === "pdf" || format === "html";
}

/**
 * The source of every Mermaid block in the analysed HTML, in document order —
 * the order and the test (first word of the info string) the exporters use to
 * key diagrams. The HTML is parsed inertly; nothing in it runs.
 */
export function mermaidSources(html: string): string[] {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  return [...parsed.querySelectorAll("pre")]
    .filter(isMermaidBlock)
    .map((pre) => pre.querySelector("code")?.textContent ?? pre.textContent ?? "");
}

/** What the dialog needs from the rest of the app. */
export interface ExportDialogDeps {
  /** The analysis of the text being exported (the workspace's latest, or a fresh one). */
  analysis: () => Promise<Analysis>;
  /** Draws one Mermaid diagram as standalone SVG; `null` when it cannot be drawn. */
  drawDiagram: (source: string) => Promise<string | null>;
  /** Asks where and exports; `null` when the user cancelled the save dialog. */
  run: (choice: ExportChoice, diagrams: (string | null)[]) => Promise<ExportedFile | null>;
  /** Puts the editor's cursor on `line`. */
  jump: (line: number) => void;
}

/** Shows the dialog; resolves with the written file, or `null` when the user went back to the document. */
export function showExportDialog(deps: ExportDialogDeps): Promise<ExportedFile | null> {
  return new Promise((resolve) => {
    const choice: ExportChoice = { ...DEFAULT_CHOICE };
    let analysis: Analysis | null = null;
    let busy = false;

    const formatButtons = FORMATS.map((f) => {
      const el = button(f.label, () => select(f.id), {
        class: "export-format",
        role: "radio",
        "aria-checked": "false",
        "data-testid": `export-format-${f.id}`,
      });
      return { id: f.id, el };
    });
    const description = h("p", { class: "muted export-description" });
    const drop = h("input", { type: "checkbox", "data-testid": "export-drop-unfilled" });
    drop.addEventListener("change", () => (choice.dropUnfilled = drop.checked));
    const mdOptions = h("label", { class: "export-option", hidden: true }, drop, "Drop unfilled placeholder sections");
    const summary = h("p", { class: "export-summary", "data-testid": "export-preflight-summary" }, "Checking the document…");
    const list = h("ul", { class: "findings export-findings", "data-testid": "export-preflight" });
    const status = h("p", { class: "export-status", role: "status", "data-testid": "export-status" });
    const cancel = button("Go fix", () => finish(null), { "data-testid": "export-cancel" });
    const confirm = button("Export", () => void start(), { class: "primary", "data-testid": "export-confirm", disabled: "" });

    const dialog = h(
      "div",
      { class: "modal export-dialog", role: "dialog", "aria-modal": "true", "aria-label": "Export", "data-testid": "export-dialog" },
      h("h2", {}, "Export"),
      h("div", { class: "export-formats", role: "radiogroup", "aria-label": "Format" }, ...formatButtons.map((b) => b.el)),
      description,
      mdOptions,
      h("h3", {}, "Before you share"),
      summary,
      list,
      status,
      h("div", { class: "modal-buttons" }, cancel, confirm),
    );

    const select = (format: ExportFormat) => {
      if (busy) return;
      choice.format = format;
      for (const b of formatButtons) b.el.setAttribute("aria-checked", String(b.id === format));
      description.textContent = FORMATS.find((f) => f.id === format)?.description ?? "";
      mdOptions.hidden = format !== "md";
    };

    const showFindings = (findings: Finding[]) => {
      summary.textContent = preflightSummary(findings);
      summary.classList.toggle("ok", findings.length === 0);
      list.replaceChildren(
        ...findings.map((f) => {
          const jump = button(`Line ${f.line}: ${f.message}`, () => {
            finish(null);
            deps.jump(f.line);
          }, { class: "link-like", "data-line": String(f.line) });
          return h(
            "li",
            { class: `finding ${f.severity}`, "data-testid": "export-finding", "data-rule": f.rule },
            h("span", { class: `badge ${f.severity}` }, SEVERITY_LABEL[f.severity]),
            jump,
          );
        }),
      );
      list.hidden = findings.length === 0;
      cancel.textContent = findings.length ? "Go fix" : "Cancel";
      confirm.textContent = confirmLabel(findings);
      confirm.disabled = false;
    };

    const setBusy = (label: string | null) => {
      busy = label !== null;
      confirm.disabled = busy;
      cancel.disabled = busy;
      drop.disabled = busy;
      formatButtons.forEach((b) => (b.el.disabled = busy));
      status.classList.remove("error");
      status.replaceChildren(...(label ? [h("span", { class: "spinner", "aria-hidden": "true" }), label] : []));
      dialog.setAttribute("aria-busy", String(busy));
    };

    const start = async () => {
      if (busy) return;
      const current = { ...choice };
      try {
        let diagrams: (string | null)[] = [];
        const sources = drawsDiagrams(current.format) && analysis ? mermaidSources(analysis.html) : [];
        if (sources.length) {
          setBusy(`Drawing ${sources.length} ${sources.length === 1 ? "diagram" : "diagrams"}…`);
          diagrams = [];
          for (const source of sources) diagrams.push(await deps.drawDiagram(source));
        }
        setBusy(progressLabel(current.format));
        const written = await deps.run(current, diagrams);
        setBusy(null);
        if (written) finish(written);
      } catch (error) {
        setBusy(null);
        status.classList.add("error");
        status.replaceChildren(h("span", { role: "alert" }, error instanceof Error ? error.message : String(error)));
      }
    };

    const finish = (value: ExportedFile | null) => {
      close();
      resolve(value);
    };

    const close = openModal(dialog, () => {
      if (!busy) finish(null);
    });
    select(choice.format);
    formatButtons[0].el.focus();
    deps.analysis().then(
      (result) => {
        analysis = result;
        showFindings(preflightFindings(result.report));
      },
      (error) => {
        summary.textContent = `Could not check the document: ${error instanceof Error ? error.message : String(error)}`;
        confirm.textContent = "Export anyway";
        confirm.disabled = false;
      },
    );
  });
}
