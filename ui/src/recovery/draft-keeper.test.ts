import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftKeeper } from "./draft-keeper";

describe("DraftKeeper", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function keeper(text: () => string | null, write = vi.fn<(text: string) => Promise<void>>(async () => {})) {
    const errors: unknown[] = [];
    const k = new DraftKeeper({ write, snapshot: text, onError: (e) => errors.push(e), delay: 1000, maxWait: 3000 });
    return { k, write, errors };
  }

  it("writes the latest text a second after typing pauses", async () => {
    let text = "a";
    const { k, write } = keeper(() => text);
    k.changed();
    await vi.advanceTimersByTimeAsync(600);
    text = "ab";
    k.changed();
    await vi.advanceTimersByTimeAsync(900);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(write).toHaveBeenCalledExactlyOnceWith("ab");
  });

  it("writes at least every few seconds while typing goes on", async () => {
    const { k, write } = keeper(() => "x");
    for (let t = 0; t < 3500; t += 250) {
      k.changed();
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(write).toHaveBeenCalledTimes(1);
  });

  it("writes nothing when there is nothing unsaved, or after stop", async () => {
    let text: string | null = null;
    const { k, write } = keeper(() => text);
    k.changed();
    await vi.advanceTimersByTimeAsync(1500);
    text = "unsaved";
    k.changed();
    await k.stop();
    await vi.advanceTimersByTimeAsync(1500);
    expect(write).not.toHaveBeenCalled();
  });

  it("stop waits for a write in flight", async () => {
    let finish = () => {};
    const write = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { k } = keeper(() => "t", write);
    void k.flush();
    await Promise.resolve();
    let stopped = false;
    void k.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await vi.waitFor(() => expect(stopped).toBe(true));
  });

  it("reports a failing journal once until it works again", async () => {
    let fail = true;
    const write = vi.fn(async () => {
      if (fail) throw new Error("disk full");
    });
    const { k, errors } = keeper(() => "t", write);
    await k.flush();
    await k.flush();
    expect(errors).toHaveLength(1);
    expect(k.kept).toBe(false);
    fail = false;
    await k.flush();
    expect(k.kept).toBe(true);
  });
});
