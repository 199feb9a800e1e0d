/** The spec's health: completeness score per section and every finding. */
import { h } from "../app/dom";
import type { Report } from "../ipc";
import { progressBar } from "./checklist";

const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Note" } as const;

/**
 * What {@link renderHealth} shows of `report`, as a string. Lines, columns and
 * byte offsets are left out: an edit above or earlier in a line moves them
 * without changing the panel (lines are looked up when clicked).
 */
export function healthKey(report: Report): string {
  return JSON.stringify([
    Math.round(report.score * 100),
    report.template,
    report.sections.map((s) => [s.section, s.required, s.line === null, Math.round(s.score * 100)]),
    report.findings.map((f) => [f.severity, f.rule, f.message, f.hint]),
  ]);
}

/** What a click on an entry asks for, by index into the report's `sections` and `findings`. */
export interface HealthActions {
  jumpToSection(index: number): void;
  jumpToFinding(index: number): void;
}

/** Renders `report` into `root`. */
export function renderHealth(root: HTMLElement, report: Report, actions: HealthActions): void {
  const score = Math.round(report.score * 100);
  const summary = h(
    "div",
    { class: "panel-summary" },
    h("strong", { "data-testid": "health-score" }, `${score}%`),
    " complete",
    report.template ? h("span", { class: "muted" }, ` · template: ${report.template}`) : null,
    progressBar(score, 100),
  );
  const sections = report.sections.map((s, i) => {
    const label = s.section + (s.required ? "" : " (optional)");
    return h(
      "li",
      { class: s.line === null ? "missing" : "" },
      s.line === null ? h("span", {}, label) : jumpButton(label, () => actions.jumpToSection(i)),
      h("span", { class: "count" }, s.line === null ? "missing" : `${Math.round(s.score * 100)}%`),
    );
  });
  const findings = report.findings.map((f, i) =>
    h(
      "li",
      { class: `finding ${f.severity}`, "data-testid": "finding", "data-rule": f.rule },
      h("span", { class: `badge ${f.severity}` }, SEVERITY_LABEL[f.severity]),
      jumpButton(f.message, () => actions.jumpToFinding(i)),
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

function jumpButton(label: string, jump: () => void): HTMLElement {
  const el = h("button", { type: "button", class: "link-like" }, label);
  el.addEventListener("click", jump);
  return el;
}
