/**
 * Entry point: asks the shell what the window needs at start, then loads the
 * editor's code (most of the page's JavaScript) while the shell answers, builds
 * the app and connects it to the shell.
 */
import { onShellEvent } from "./ipc";
import { startingUp } from "./start-up";

// `boot:*` marks: the start-up timeline the window benchmark reads (crates/window-bench).
performance.mark("boot:script");
const { Controller } = await import("./app/controller");
performance.mark("boot:loaded");
const root = document.getElementById("app")!;
const controller = new Controller(root);
void onShellEvent((event) => controller.onShellEvent(event));
void controller.boot(startingUp);
