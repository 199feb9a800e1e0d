/**
 * The page's first script: asks the shell what the window needs at start
 * (`ipc.startUp`: drafts, recent files, the command line's file) before the
 * editor's code is even evaluated, so the shell reads the file while the page
 * loads CodeMirror; and listens to the shell from the start, keeping what it says
 * (a menu choice, a dropped file, a change on disk) until the app is built.
 * `main.ts` picks up both.
 */
import { onShellEvent, startUp } from "./ipc";
import type { ShellEvent, StartUp } from "./ipc";

performance.mark("boot:asking");
export const startingUp: Promise<StartUp> = startUp();
// Handled where it is awaited (`Controller.boot`); not an unhandled rejection meanwhile.
startingUp.catch(() => {});

let deliver: ((event: ShellEvent) => void) | null = null;
const early: ShellEvent[] = [];
void onShellEvent((event) => (deliver ? deliver(event) : early.push(event)));

/** Sends every shell event to `handler`: first those that came before, in order. */
export function handShellEvents(handler: (event: ShellEvent) => void): void {
  deliver = handler;
  for (const event of early.splice(0)) handler(event);
}
