/** The spec's health: completeness score per section and every finding. */
import { h } from "../app/dom";
import type { Report } from "../ipc";
import { progressBar } from "./checklist";

const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Note" } as const;

/**
 * What {@link renderHealth} shows of `report`, as a string. Byte offsets and
 * columns are left out: typing earlier in a line moves them without changing
 * the panel.
 */
export function healthKey(report: Report): string {
  return JSON.stringify([
    Math.round(report.score * 100),
    report.template,
    report.sections.map((s) => [s.section, s.required, s.line, Math.round(s.score * 100)]),
    report.findings.map((f) => [f.severity, f.rule, f.line, f.message, f.hint]),
  ]);
}

/** Renders `report` into `root`; clicking an entry calls `jump(line)`. */
export function renderHealth(root: HTMLElement, report: Report, jump: (line: number) => void): void {
  const score = Math.round(report.score * 100);
  const summary = h(
    "div",
    { class: "panel-summary" },
    h("strong", { "data-testid": "health-score" }, `${score}%`),
    " complete",
    report.template ? h("span", { class: "muted" }, ` · template: ${report.template}`) : null,
    progressBar(score, 100),
  );
  const sections = report.sections.map((s) =>
    h(
      "li",
      { class: s.line === null ? "missing" : "" },
      lineButton(s.line, jump, s.section + (s.required ? "" : " (optional)")),
      h("span", { class: "count" }, s.line === null ? "missing" : `${Math.round(s.score * 100)}%`),
    ),
  );
  const findings = report.findings.map((f) =>
    h(
      "li",
      { class: `finding ${f.severity}`, "data-testid": "finding", "data-rule": f.rule },
      h("span", { class: `badge ${f.severity}` }, SEVERITY_LABEL[f.severity]),
      lineButton(f.line, jump, f.message),
      f.hint ? h("div", { class: "hint" }, f.hint) : null,
    ),
  );
  root.replaceChildren(
    summary,
    h("h3", {}, `Findings (${report.findings.length})`),
    findings.length ? h("ul", { class: "findings" }, ...findings) : h("p", { class: "empty" }, "Nothing to fix. Nice work."),
  );
  if (report.sections.length) root.append(h("h3", {}, "Sections"), h("ul", { class: "sections" }, ...sections));
}

function lineButton(line: number | null, jump: (line: number) => void, label: string): HTMLElement {
  if (line === null) return h("span", {}, label);
  const el = h("button", { type: "button", class: "link-like", "data-line": String(line) }, label);
  el.addEventListener("click", () => jump(line));
  return el;
}
