/**
 * The side panel: Checklist, Health and Outline tabs over one analysis. Only the
 * tab on show is rendered, and only when what it shows changed: typing in a
 * paragraph rebuilds nothing here, and a hidden tab catches up when it is shown.
 */
import { h } from "../app/dom";
import type { Analysis } from "../ipc";
import { checklistKey, renderChecklist } from "./checklist";
import { healthKey, renderHealth } from "./health";
import { outlineKey, renderOutline } from "./outline";

export type Tab = "checklist" | "health" | "outline";

export interface PanelActions {
  toggle(line: number): void;
  jump(line: number): void;
}

export class SidePanel {
  readonly element: HTMLElement;
  private readonly bodies: Record<Tab, HTMLElement>;
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private current: Tab = "checklist";
  private visible = true;
  private latest: Analysis | null = null;
  /** What each tab shows now (see {@link tabKey}); absent until first rendered. */
  private readonly shownKeys = new Map<Tab, string>();

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
    this.current = tab;
    for (const name of Object.keys(this.tabs) as Tab[]) {
      this.tabs[name].setAttribute("aria-selected", String(name === tab));
      this.bodies[name].hidden = name !== tab;
    }
    this.refresh();
  }

  /** The panel was opened or closed; a closed panel renders nothing. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.refresh();
  }

  render(analysis: Analysis): void {
    this.latest = analysis;
    this.refresh();
  }

  private refresh(): void {
    const analysis = this.latest;
    if (!analysis || !this.visible) return;
    const tab = this.current;
    const key = tabKey(tab, analysis);
    if (this.shownKeys.get(tab) === key) return;
    this.shownKeys.set(tab, key);
    const root = this.bodies[tab];
    // Lines are looked up in the latest analysis when clicked: an edit above
    // moves them without a new rendering (the keys leave them out).
    const { toggle, jump } = this.actions;
    const latest = () => this.latest ?? analysis;
    if (tab === "checklist")
      renderChecklist(root, analysis.checklist, {
        toggleItem: (i) => toggle(latest().checklist.items[i].line),
        jumpToItem: (i) => jump(latest().checklist.items[i].line),
        jumpToGroup: (i) => jump(latest().checklist.groups[i].line),
      });
    else if (tab === "health")
      renderHealth(root, analysis.report, {
        jumpToSection: (i) => jump(latest().report.sections[i].line ?? 1),
        jumpToFinding: (i) => jump(latest().report.findings[i].line),
      });
    else renderOutline(root, analysis.outline, (i) => jump(latest().outline[i].line));
  }
}

/** Everything `tab` shows of `analysis`, as a string: equal keys render the same. */
function tabKey(tab: Tab, analysis: Analysis): string {
  if (tab === "checklist") return checklistKey(analysis.checklist);
  if (tab === "health") return healthKey(analysis.report);
  return outlineKey(analysis.outline);
}
