/**
 * Runs an async job for the latest value only: while one run is in flight, newer
 * values replace each other and only the last one runs next. Keystroke bursts
 * therefore cost at most one analysis in flight plus one queued.
 */
export interface Coalescer<T> {
  /** Offers a new value; it supersedes any value still waiting. */
  push(value: T): void;
  /** Resolves when nothing is running or waiting. */
  settled(): Promise<void>;
}

export function coalesce<T, R>(
  run: (value: T) => Promise<R>,
  deliver: (result: R, value: T, isLatest: boolean) => void,
  onError: (error: unknown) => void = () => {},
): Coalescer<T> {
  let running = false;
  let waiting: { value: T } | null = null;
  let waiters: Array<() => void> = [];

  const finish = () => {
    const done = waiters;
    waiters = [];
    done.forEach((resolve) => resolve());
  };

  const start = (value: T) => {
    running = true;
    run(value)
      .then(
        (result) => deliver(result, value, waiting === null),
        (error) => onError(error),
      )
      .finally(() => {
        running = false;
        if (waiting) {
          const next = waiting.value;
          waiting = null;
          start(next);
        } else {
          finish();
        }
      });
  };

  return {
    push(value) {
      if (running) waiting = { value };
      else start(value);
    },
    settled() {
      if (!running && !waiting) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
