/**
 * Keeps a draft of unsaved text in the shell's journal, so a crash or a kill
 * loses at most the last second or two of typing. Writes go out a second after
 * typing pauses (and every few seconds while it does not), one at a time, and
 * always with the latest text.
 */

export interface DraftKeeperOptions<T> {
  /** Sends the text to the journal. */
  write(text: T): Promise<void>;
  /** The text to keep now, or `null` when there is nothing unsaved. */
  snapshot(): T | null;
  /** A write failed (told once until a write succeeds again). */
  onError(error: unknown): void;
  /** Quiet time after the last edit before writing (ms). */
  delay?: number;
  /** Longest time an edit waits while typing goes on (ms). */
  maxWait?: number;
}

export class DraftKeeper<T = string> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPending = 0;
  private writing: Promise<void> = Promise.resolve();
  private generation = 0;
  private failing = false;
  private readonly delay: number;
  private readonly maxWait: number;

  constructor(private readonly options: DraftKeeperOptions<T>) {
    this.delay = options.delay ?? 1000;
    this.maxWait = options.maxWait ?? 3000;
  }

  /** Whether the last write reached the journal. */
  get kept(): boolean {
    return !this.failing;
  }

  /** The text changed: schedule a write. */
  changed(): void {
    const now = Date.now();
    if (this.timer === null) this.firstPending = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delay, this.firstPending + this.maxWait - now));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Writes the latest text now (after any write in flight). */
  flush(): Promise<void> {
    this.clearTimer();
    const generation = this.generation;
    this.writing = this.writing.then(async () => {
      if (generation !== this.generation) return;
      const text = this.options.snapshot();
      if (text === null) return;
      try {
        await this.options.write(text);
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.options.onError(error);
        this.failing = true;
      }
    });
    return this.writing;
  }

  /**
   * Nothing is pending any more (saved, discarded, replaced): drops the scheduled
   * write and resolves once a write already in flight has finished, so removing
   * the draft afterwards cannot be undone by it.
   */
  stop(): Promise<void> {
    this.clearTimer();
    this.generation++;
    return this.writing;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
