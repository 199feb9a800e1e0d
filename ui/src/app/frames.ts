/**
 * Resolves once the next frame has been drawn (a task queued from its
 * animation-frame callback runs after it), or after `within` ms: a hidden window
 * draws no frames, and what waits for one must not wait for ever.
 */
export function afterNextFrame(within = Infinity): Promise<void> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(within) ? setTimeout(resolve, within) : undefined;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        clearTimeout(timer);
        resolve();
      };
      channel.port2.postMessage(null);
    });
  });
}
