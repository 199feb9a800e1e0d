/**
 * Moves the panel data on show as an edit moved the text (`specwright_core::live::Moved`):
 * the shell leaves out the parts that, moved this way, are exactly the new ones.
 * These must move the same fields as `crates/core/src/live/moved.rs`, or the
 * panels would point at the wrong lines.
 */
import type { Checklist, Moved, OutlineEntry, Report } from "../ipc";

/** Whether `moved` moves nothing. */
export function movesNothing(moved: Moved): boolean {
  return moved.lines === 0 && moved.bytes === 0;
}

function line(moved: Moved, n: number): number {
  return n > moved.after_line ? n + moved.lines : n;
}

function byte(moved: Moved, offset: number): number {
  return offset >= moved.from_byte ? offset + moved.bytes : offset;
}

export function moveChecklist(moved: Moved, checklist: Checklist): Checklist {
  return {
    ...checklist,
    items: checklist.items.map((item) => ({ ...item, line: line(moved, item.line) })),
    groups: checklist.groups.map((group) => ({ ...group, line: line(moved, group.line) })),
  };
}

export function moveReport(moved: Moved, report: Report): Report {
  return {
    ...report,
    sections: report.sections.map((s) => ({ ...s, line: s.line === null ? null : line(moved, s.line) })),
    findings: report.findings.map((f) => ({
      ...f,
      line: line(moved, f.line),
      end_line: line(moved, f.end_line),
      start: byte(moved, f.start),
      end: byte(moved, f.end),
    })),
  };
}

export function moveOutline(moved: Moved, outline: readonly OutlineEntry[]): OutlineEntry[] {
  return outline.map((entry) => ({ ...entry, line: line(moved, entry.line) }));
}
