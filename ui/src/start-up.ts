/**
 * The page's first script: asks the shell what the window needs at start
 * (`ipc.startUp`: drafts, recent files, the command line's file) before the
 * editor's code is even evaluated, so the shell reads the file while the page
 * loads CodeMirror. `main.ts` picks up the answer.
 */
import { startUp } from "./ipc";
import type { StartUp } from "./ipc";

performance.mark("boot:asking");
export const startingUp: Promise<StartUp> = startUp();
// Handled where it is awaited (`Controller.boot`); not an unhandled rejection meanwhile.
startingUp.catch(() => {});
