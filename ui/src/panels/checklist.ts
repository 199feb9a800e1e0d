/** The checklist: task items grouped by section with progress; tick or jump. */
import { h } from "../app/dom";
import type { Checklist } from "../ipc";
import { groupItems } from "./group";

export interface ChecklistActions {
  toggle(line: number): void;
  jump(line: number): void;
}

/** Renders `checklist` into `root`. */
export function renderChecklist(root: HTMLElement, checklist: Checklist, actions: ChecklistActions): void {
  const { done, total } = checklist.progress;
  if (total === 0) {
    root.replaceChildren(h("p", { class: "empty" }, "No task items yet. Add one with “- [ ] something to do”."));
    return;
  }
  const grouped = groupItems(checklist.groups, checklist.items);
  const sections = checklist.groups.map((group, i) =>
    h(
      "section",
      { class: "check-group", "data-testid": "checklist-group" },
      h(
        "button",
        { type: "button", class: "group-title link-like", "data-line": String(group.line) },
        h("span", {}, group.section ?? "Before the first heading"),
        h("span", { class: "count", "data-testid": "group-progress" }, `${group.done}/${group.total}`),
      ),
      progressBar(group.done, group.total),
      h(
        "ul",
        {},
        ...grouped[i].map((item) => {
          const box = h("input", {
            type: "checkbox",
            checked: item.checked,
            "data-line": String(item.line),
            "aria-label": item.text,
            "data-testid": "checklist-checkbox",
          });
          box.addEventListener("click", (event) => {
            event.preventDefault();
            actions.toggle(item.line);
          });
          const label = h("button", { type: "button", class: "link-like item-text", "data-line": String(item.line) }, item.text || "(empty)");
          return h("li", { class: item.checked ? "done" : "", "data-testid": "checklist-item" }, box, label);
        }),
      ),
    ),
  );
  root.replaceChildren(
    h(
      "div",
      { class: "panel-summary" },
      h("strong", { "data-testid": "checklist-progress" }, `${done}/${total}`),
      " tasks done",
      progressBar(done, total),
    ),
    ...sections,
  );
  root.querySelectorAll<HTMLElement>(".link-like[data-line]").forEach((el) =>
    el.addEventListener("click", () => actions.jump(Number(el.dataset.line))),
  );
}

/** A thin bar showing `done` of `total`. */
export function progressBar(done: number, total: number): HTMLElement {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  const bar = h("div", { class: "progress", role: "progressbar", "aria-valuenow": String(pct), "aria-valuemin": "0", "aria-valuemax": "100" });
  bar.append(h("div", { class: "progress-fill", style: `width: ${pct}%` }));
  return bar;
}
