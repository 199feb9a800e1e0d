import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeShell } from "./fake-shell";
import { Speller } from "./speller";

describe("Speller", () => {
  afterEach(() => vi.useRealTimers());

  it("asks about new words once, together, a moment after they appear", async () => {
    vi.useFakeTimers();
    const shell = fakeShell(["the", "plan"]);
    const speller = new Speller(shell, 100);
    const changed = vi.fn();
    speller.subscribe(changed);
    speller.ask(["the", "plan", "teh"]);
    speller.ask(["teh", "plan"]);
    expect(speller.verdict("teh")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(99);
    expect(shell.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shell.asked).toEqual([["the", "plan", "teh"]]);
    expect(speller.verdict("teh")).toBe(false);
    expect(speller.verdict("plan")).toBe(true);
    expect(changed).toHaveBeenCalledTimes(1);

    speller.ask(["teh", "the"]);
    await vi.advanceTimersByTimeAsync(500);
    expect(shell.asked).toHaveLength(1);
  });

  it("asks about words that came while it was asking afterwards", async () => {
    vi.useFakeTimers();
    let answer: (wrong: string[]) => void = () => {};
    const asked: string[][] = [];
    const speller = new Speller(
      {
        misspelt: (words) => {
          asked.push(words);
          return new Promise((resolve) => (answer = resolve));
        },
        suggestions: () => Promise.resolve([]),
        learn: () => Promise.resolve(),
        unlearn: () => Promise.resolve(),
      },
      10,
    );
    speller.ask(["one"]);
    await vi.advanceTimersByTimeAsync(10);
    speller.ask(["two"]);
    await vi.advanceTimersByTimeAsync(50);
    expect(asked).toEqual([["one"]]);
    answer(["one"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(asked).toEqual([["one"], ["two"]]);
    expect(speller.verdict("one")).toBe(false);
  });

  it("drops answers to questions asked before it forgot, and asks again after a failed call, backing off", async () => {
    vi.useFakeTimers();
    const shell = fakeShell([]);
    const speller = new Speller(shell, 10);
    speller.ask(["teh"]);
    await vi.advanceTimersByTimeAsync(5);
    speller.forget();
    await vi.advanceTimersByTimeAsync(20);
    expect(speller.verdict("teh")).toBeUndefined();

    let calls = 0;
    const report = vi.fn();
    const flaky = new Speller(
      {
        ...shell,
        misspelt: (words) => (++calls <= 2 ? Promise.reject(new Error("gone")) : shell.misspelt(words)),
      },
      10,
      report,
    );
    flaky.ask(["teh"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(1);
    expect(flaky.verdict("teh")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(3);
    expect(flaky.verdict("teh")).toBe(false);
    expect(report).not.toHaveBeenCalled();
  });

  it("tells the user once when the shell keeps failing, and starts afresh when forgetting", async () => {
    vi.useFakeTimers();
    const report = vi.fn();
    let calls = 0;
    const broken = new Speller(
      {
        ...fakeShell([]),
        misspelt: () => {
          calls++;
          return Promise.reject(new Error("not allowed"));
        },
      },
      10,
      report,
    );
    broken.ask(["teh"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0][0]).toContain("not allowed");
    const before = calls;
    broken.forget();
    broken.ask(["teh"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(before + 1);
  });

  it("takes ignored words as right, and learnt ones in every case after asking again", async () => {
    vi.useFakeTimers();
    const shell = fakeShell([]);
    const speller = new Speller(shell, 10);
    speller.ask(["kubelet", "Kubelet", "teh"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(speller.verdict("Kubelet")).toBe(false);

    const changed = vi.fn();
    speller.subscribe(changed);
    speller.ignore("teh");
    expect(speller.verdict("teh")).toBe(true);
    expect(changed).toHaveBeenCalledTimes(1);
    speller.forget(); // other languages: ignored words stay ignored
    expect(speller.verdict("teh")).toBe(true);
    speller.ask(["teh", "kubelet", "Kubelet"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(shell.asked.at(-1)).toEqual(["kubelet", "Kubelet"]);

    await speller.learn("kubelet");
    expect(shell.learnt).toEqual(["kubelet"]);
    expect(speller.verdict("kubelet")).toBe(true);
    expect(speller.verdict("Kubelet")).toBeUndefined();
    speller.ask(["Kubelet"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(speller.verdict("Kubelet")).toBe(true);

    await speller.unlearn("kubelet");
    expect(speller.verdict("kubelet")).toBeUndefined();
    expect(speller.verdict("Kubelet")).toBeUndefined();
    speller.ask(["kubelet"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(speller.verdict("kubelet")).toBe(false);
  });
});
