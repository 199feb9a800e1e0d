/**
 * A line diff as people read it: `-` lines from the file on disk, `+` lines of
 * the other version, a few unchanged lines around each change and the long
 * unchanged stretches folded away.
 */
import { h } from "../app/dom";
import type { DiffLine } from "../ipc";

export type DiffRow = DiffLine | { kind: "gap"; count: number };

/** The changed lines with `context` unchanged lines on each side; longer unchanged runs become gaps. */
export function foldDiff(lines: readonly DiffLine[], context = 3): DiffRow[] {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.kind === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) near[j] = true;
  });
  const rows: DiffRow[] = [];
  let hidden = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (hidden) rows.push({ kind: "gap", count: hidden });
      hidden = 0;
      rows.push(line);
    } else hidden++;
  });
  if (hidden) rows.push({ kind: "gap", count: hidden });
  return rows;
}

const MARK = { same: "  ", removed: "- ", added: "+ " } as const;

/** The diff as an element; `theirs`/`mine` name the two sides in the legend. */
export function diffView(lines: readonly DiffLine[], testid: string, theirs: string, mine: string): HTMLElement {
  const changed = lines.some((l) => l.kind !== "same");
  const rows = foldDiff(lines).map((row) =>
    row.kind === "gap"
      ? h("div", { class: "diff-row gap" }, `⋯ ${row.count} unchanged ${row.count === 1 ? "line" : "lines"}`)
      : h("div", { class: `diff-row ${row.kind}` }, MARK[row.kind] + row.text),
  );
  return h(
    "div",
    { class: "diff" },
    h("p", { class: "diff-legend muted" }, h("span", { class: "removed" }, `- ${theirs}`), h("span", { class: "added" }, `+ ${mine}`)),
    h("div", { class: "diff-lines", "data-testid": testid }, ...(changed ? rows : [h("div", { class: "diff-row gap" }, "No differences")])),
  );
}
