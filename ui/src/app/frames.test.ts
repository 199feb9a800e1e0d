import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterNextFrame } from "./frames";

describe("afterNextFrame", () => {
  let frames: FrameRequestCallback[];

  beforeEach(() => {
    frames = [];
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal("MessageChannel", undefined); // must not need one (WebKit routes it through another process)
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("resolves in a task after the frame's callback, not before nor inside it", async () => {
    let done = false;
    void afterNextFrame().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toBe(false); // no frame yet
    expect(frames).toHaveLength(1);
    frames[0](0);
    await Promise.resolve();
    expect(done).toBe(false); // the frame is still being drawn
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it("gives up waiting after `within` ms when no frame comes (a hidden window)", async () => {
    let done = false;
    void afterNextFrame(100).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
