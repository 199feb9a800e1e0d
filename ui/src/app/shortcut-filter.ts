/**
 * One key press can reach both the native menu's accelerator and the page's key
 * handler. The filter lets the first through and drops the same action from the
 * other of the two within a short window. Clicks are never dropped.
 */

/** Where a command came from. */
export type Source = "menu" | "key" | "click";

export const DUPLICATE_MS = 400;

export class ShortcutFilter {
  private last: { action: string; source: Source; at: number } | null = null;

  /** Whether the command should run; `now` in milliseconds. */
  accept(action: string, source: Source, now: number): boolean {
    if (source === "click") return true;
    const last = this.last;
    if (last && last.action === action && last.source !== source && now - last.at < DUPLICATE_MS) return false;
    this.last = { action, source, at: now };
    return true;
  }
}
