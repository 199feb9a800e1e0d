/** Assigns checklist items to the engine's section groups. */
import type { ChecklistGroup, ChecklistItem } from "../ipc";

/** Items of each group, in group order; an item belongs to the last group of its section that starts above it. */
export function groupItems(groups: readonly ChecklistGroup[], items: readonly ChecklistItem[]): ChecklistItem[][] {
  const result: ChecklistItem[][] = groups.map(() => []);
  for (const item of items) {
    let index = -1;
    groups.forEach((g, i) => {
      if (g.section === item.section && g.line <= item.line) index = i;
    });
    if (index < 0) index = groups.findIndex((g) => g.section === item.section);
    if (index >= 0) result[index].push(item);
  }
  return result;
}
