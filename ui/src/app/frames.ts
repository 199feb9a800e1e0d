/**
 * Resolves once the next frame has been drawn, or after `within` ms: a hidden
 * window draws no frames, and what waits for one must not wait for ever.
 *
 * A timer set from the frame's animation-frame callback fires after that frame:
 * WebKit runs the callbacks, lays the page out and paints it in one task
 * (`DrawingAreaCoordinatedGraphics::display` when painting without compositing).
 * Not a `MessageChannel` message, the usual trick elsewhere: WebKit passes every
 * port message through its network process and back (about 16 context switches
 * of that process per message, measured with `perf` here), so it arrived 2–10 ms
 * after the frame while the page was busy, and the traffic took CPU from it.
 */
export function afterNextFrame(within = Infinity): Promise<void> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(within) ? setTimeout(resolve, within) : undefined;
    requestAnimationFrame(() => {
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0);
    });
  });
}
