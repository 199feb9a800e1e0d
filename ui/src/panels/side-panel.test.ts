import { describe, expect, it, vi } from "vitest";
import type { Analysis } from "../ipc";
import { SidePanel } from "./side-panel";

function analysis(shift: number): Analysis {
  return {
    html: "",
    checklist: {
      items: [{ line: 5 + shift, checked: false, text: "write it", section: "Goals" }],
      groups: [{ section: "Goals", line: 3 + shift, done: 0, total: 1 }],
      progress: { done: 0, total: 1 },
    },
    report: {
      template: null,
      score: 0.5,
      sections: [{ section: "Goals", line: 3 + shift, required: true, score: 0.5 }],
      findings: [
        { rule: "placeholder", severity: "warning", message: "Fill in", line: 7 + shift, column: 1, end_line: 7 + shift, end_column: 4, section: "Goals", hint: null, start: 40, end: 43 },
      ],
    },
    outline: [{ level: 2, text: "Goals", line: 3 + shift }],
    word_count: 4,
  };
}

describe("SidePanel", () => {
  it("keeps its rendering when only lines moved, and clicks go to the new lines", () => {
    const actions = { toggle: vi.fn(), jump: vi.fn() };
    const panel = new SidePanel(actions);
    panel.render(analysis(0));
    const body = (tab: string) => panel.element.querySelector<HTMLElement>(`[data-testid=${tab}]`)!;
    const label = body("checklist").querySelector<HTMLElement>(".item-text")!;
    label.click();
    expect(actions.jump).toHaveBeenLastCalledWith(5);

    panel.render(analysis(2)); // two lines added above
    expect(body("checklist").querySelector(".item-text")).toBe(label);
    label.click();
    expect(actions.jump).toHaveBeenLastCalledWith(7);
    body("checklist").querySelector<HTMLElement>("input")!.click();
    expect(actions.toggle).toHaveBeenLastCalledWith(7);
    body("checklist").querySelector<HTMLElement>(".group-title")!.click();
    expect(actions.jump).toHaveBeenLastCalledWith(5);

    panel.show("health");
    body("health").querySelector<HTMLElement>("[data-testid=finding] .link-like")!.click();
    expect(actions.jump).toHaveBeenLastCalledWith(9);
    body("health").querySelector<HTMLElement>(".sections .link-like")!.click();
    expect(actions.jump).toHaveBeenLastCalledWith(5);

    panel.show("outline");
    body("outline").querySelector<HTMLElement>(".link-like")!.click();
    expect(actions.jump).toHaveBeenLastCalledWith(5);
  });

  it("renders again when what it shows changed", () => {
    const panel = new SidePanel({ toggle: vi.fn(), jump: vi.fn() });
    panel.render(analysis(0));
    const label = panel.element.querySelector(".item-text");
    const ticked = analysis(0);
    ticked.checklist.items[0].checked = true;
    panel.render(ticked);
    expect(panel.element.querySelector(".item-text")).not.toBe(label);
  });
});
