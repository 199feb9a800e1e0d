import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("coalesce", () => {
  it("runs only the first and the latest value of a burst", async () => {
    const started: string[] = [];
    const gates: Array<ReturnType<typeof deferred<string>>> = [];
    const delivered: Array<[string, boolean]> = [];
    const c = coalesce(
      (v: string) => {
        started.push(v);
        const gate = deferred<string>();
        gates.push(gate);
        return gate.promise;
      },
      (r, _v, latest) => delivered.push([r, latest]),
    );
    c.push("a");
    c.push("ab");
    c.push("abc");
    c.push("abcd");
    expect(started).toEqual(["a"]);
    gates[0].resolve("A");
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(["a", "abcd"]);
    gates[1].resolve("ABCD");
    await c.settled();
    expect(delivered).toEqual([
      ["A", false],
      ["ABCD", true],
    ]);
  });

  it("keeps going after a failed run", async () => {
    const errors: unknown[] = [];
    const results: number[] = [];
    const c = coalesce(
      async (v: number) => {
        if (v === 1) throw new Error("boom");
        return v;
      },
      (r) => results.push(r),
      (e) => errors.push(e),
    );
    c.push(1);
    c.push(2);
    await c.settled();
    expect(errors).toHaveLength(1);
    expect(results).toEqual([2]);
  });
});
