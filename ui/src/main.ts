/** Entry point: builds the app and connects it to the shell. */
import { Controller } from "./app/controller";
import { onShellEvent } from "./ipc";

// `boot:*` marks: the start-up timeline the window benchmark reads (crates/window-bench).
performance.mark("boot:script");
const root = document.getElementById("app")!;
const controller = new Controller(root);
void onShellEvent((event) => controller.onShellEvent(event));
void controller.boot();
