/** The checklist: task items grouped by section with progress; tick or jump. */
import { h } from "../app/dom";
import type { Checklist } from "../ipc";
import { groupItems } from "./group";

/**
 * What a click asks for, by index into the checklist's `items` and `groups`:
 * the side panel looks the line up when clicked, so lines moved by an edit
 * above need no new rendering.
 */
export interface ChecklistActions {
  toggleItem(index: number): void;
  jumpToItem(index: number): void;
  jumpToGroup(index: number): void;
}

/**
 * What {@link renderChecklist} shows of `checklist`, as a string. Lines are left
 * out (they are looked up when clicked); the grouping they decide is in.
 */
export function checklistKey(checklist: Checklist): string {
  return JSON.stringify([
    checklist.progress,
    checklist.groups.map((g) => [g.section, g.done, g.total]),
    groupItems(checklist.groups, checklist.items).map((list) => list.map((item) => [item.checked, item.text])),
  ]);
}

/** Renders `checklist` into `root`. */
export function renderChecklist(root: HTMLElement, checklist: Checklist, actions: ChecklistActions): void {
  const { done, total } = checklist.progress;
  if (total === 0) {
    root.replaceChildren(h("p", { class: "empty" }, "No task items yet. Add one with “- [ ] something to do”."));
    return;
  }
  const grouped = groupItems(checklist.groups, checklist.items);
  const indexOf = new Map(checklist.items.map((item, i) => [item, i]));
  const sections = checklist.groups.map((group, i) => {
    const title = h(
      "button",
      { type: "button", class: "group-title link-like" },
      h("span", {}, group.section ?? "Before the first heading"),
      h("span", { class: "count", "data-testid": "group-progress" }, `${group.done}/${group.total}`),
    );
    title.addEventListener("click", () => actions.jumpToGroup(i));
    return h(
      "section",
      { class: "check-group", "data-testid": "checklist-group" },
      title,
      progressBar(group.done, group.total),
      h(
        "ul",
        {},
        ...grouped[i].map((item) => {
          const index = indexOf.get(item)!;
          const box = h("input", {
            type: "checkbox",
            checked: item.checked,
            "aria-label": item.text,
            "data-testid": "checklist-checkbox",
          });
          box.addEventListener("click", (event) => {
            event.preventDefault();
            actions.toggleItem(index);
          });
          const label = h("button", { type: "button", class: "link-like item-text" }, item.text || "(empty)");
          label.addEventListener("click", () => actions.jumpToItem(index));
          return h("li", { class: item.checked ? "done" : "", "data-testid": "checklist-item" }, box, label);
        }),
      ),
    );
  });
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
}

/** A thin bar showing `done` of `total`. */
export function progressBar(done: number, total: number): HTMLElement {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  const bar = h("div", { class: "progress", role: "progressbar", "aria-valuenow": String(pct), "aria-valuemin": "0", "aria-valuemax": "100" });
  bar.append(h("div", { class: "progress-fill", style: `width: ${pct}%` }));
  return bar;
}
