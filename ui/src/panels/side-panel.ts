/** The side panel: Checklist, Health and Outline tabs over one analysis. */
import { h } from "../app/dom";
import type { Analysis } from "../ipc";
import { renderChecklist } from "./checklist";
import { renderHealth } from "./health";
import { renderOutline } from "./outline";

type Tab = "checklist" | "health" | "outline";

export interface PanelActions {
  toggle(line: number): void;
  jump(line: number): void;
}

export class SidePanel {
  readonly element: HTMLElement;
  private readonly bodies: Record<Tab, HTMLElement>;
  private readonly tabs: Record<Tab, HTMLButtonElement>;

  constructor(private readonly actions: PanelActions) {
    const names: Record<Tab, string> = { checklist: "Checklist", health: "Health", outline: "Outline" };
    this.tabs = {} as Record<Tab, HTMLButtonElement>;
    this.bodies = {} as Record<Tab, HTMLElement>;
    const bar = h("div", { class: "tabs", role: "tablist" });
    for (const tab of Object.keys(names) as Tab[]) {
      const button = h("button", { type: "button", role: "tab", "data-testid": `tab-${tab}` }, names[tab]);
      button.addEventListener("click", () => this.show(tab));
      this.tabs[tab] = button;
      bar.append(button);
      this.bodies[tab] = h("div", { class: "panel-body", role: "tabpanel", "data-testid": tab });
    }
    this.element = h("aside", { class: "side-panel", "data-testid": "side-panel" }, bar, ...Object.values(this.bodies));
    this.show("checklist");
  }

  show(tab: Tab): void {
    for (const name of Object.keys(this.tabs) as Tab[]) {
      this.tabs[name].setAttribute("aria-selected", String(name === tab));
      this.bodies[name].hidden = name !== tab;
    }
  }

  render(analysis: Analysis): void {
    renderChecklist(this.bodies.checklist, analysis.checklist, this.actions);
    renderHealth(this.bodies.health, analysis.report, this.actions.jump);
    renderOutline(this.bodies.outline, analysis.outline, this.actions.jump);
  }
}
