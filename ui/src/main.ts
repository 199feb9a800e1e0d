/**
 * Entry point: asks the shell what the window needs at start, then loads the
 * editor's code (most of the page's JavaScript) while the shell answers, builds
 * the app and connects it to the shell.
 */
import { startSpellChecking } from "./ipc";
import { handShellEvents, startingUp } from "./start-up";

/** How long after start spell checking is turned on: loading the dictionaries
 * takes one of the machine's cores for ≈ 40 ms, which start-up should not share. */
const SPELLING_AFTER_MS = 1000;

// `boot:*` marks: the start-up timeline the window benchmark reads (crates/window-bench).
performance.mark("boot:script");
const root = document.getElementById("app")!;
try {
  const { Controller } = await import("./app/controller");
  performance.mark("boot:loaded");
  const controller = new Controller(root);
  handShellEvents((event) => controller.onShellEvent(event));
  void controller.boot(startingUp);
  setTimeout(() => void startSpellChecking().catch(() => {}), SPELLING_AFTER_MS);
} catch (error) {
  // Nothing of the app could be built: say so rather than show an empty window.
  root.textContent = `Specwright could not start: ${error instanceof Error ? error.message : String(error)}`;
  root.classList.add("start-failed");
}
