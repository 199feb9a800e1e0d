/**
 * What the editor knows of its words' spelling: a verdict per word, asked of
 * the shell's speller in batches a moment after the words appear (not on every
 * keystroke), kept for the session. Words the user ignores count as right
 * until the app closes; words they add to the dictionary, for good.
 */

/** The shell's side of spell checking (`src-tauri/src/commands/spelling.rs`). */
export interface SpellingShell {
  /** The words among `words` that are misspelt. */
  misspelt(words: string[]): Promise<string[]>;
  /** Corrections for `word`, likeliest first. */
  suggestions(word: string): Promise<string[]>;
  /** Adds `word` to the user's dictionary. */
  learn(word: string): Promise<void>;
  /** Takes `word` out of the user's dictionary again. */
  unlearn(word: string): Promise<void>;
}

/** What the editor's spell checking needs from the app. */
export interface Spelling {
  speller: Speller;
  /** Tells the user that something they asked for failed. */
  report(message: string): void;
  /** Tells the user that something was done, offering to undo it. */
  announce(message: string, undo: () => void): void;
}

/** The user event of a correction chosen in the spelling menu. */
export const CORRECTION = "spelling.correct";

/** How long new words wait to be asked about, so that typing sends nothing. */
const ASK_AFTER_MS = 150;
/** Most words asked about in one call. */
const MOST_AT_ONCE = 4000;
/** How long the first retry waits after a failed call; it doubles up to {@link LONGEST_BACK_OFF_MS}. */
const FIRST_BACK_OFF_MS = 1000;
const LONGEST_BACK_OFF_MS = 30_000;
/** After how many failed calls in a row the user is told (once, until one succeeds). */
const FAILURES_TO_REPORT = 3;

export class Speller {
  private readonly verdicts = new Map<string, boolean>();
  /** Words the user ignored: right whatever the dictionaries say, until the app closes. */
  private readonly ignored = new Set<string>();
  private readonly queued = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private asking = false;
  /** How long to wait after a failed call before asking again (0: none failed). */
  private backOffMs = 0;
  private failures = 0;
  /** Moves on when every verdict is forgotten: answers to older questions are dropped. */
  private generation = 0;

  /** `report` tells the user when the shell keeps failing to answer. */
  constructor(
    private readonly shell: SpellingShell,
    private readonly askAfterMs = ASK_AFTER_MS,
    private readonly report: (message: string) => void = () => {},
  ) {}

  /** Right (`true`), misspelt (`false`), or not known yet (`undefined`). */
  verdict(word: string): boolean | undefined {
    return this.ignored.has(word) ? true : this.verdicts.get(word);
  }

  /** Asks the shell, soon, about those of `words` without a verdict. */
  ask(words: Iterable<string>): void {
    for (const word of words) if (!this.verdicts.has(word) && !this.ignored.has(word)) this.queued.add(word);
    this.schedule();
  }

  /** Calls `listener` whenever verdicts change; returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Corrections for `word`. */
  suggestions(word: string): Promise<string[]> {
    return this.shell.suggestions(word);
  }

  /** Takes `word` as right for the rest of the session. */
  ignore(word: string): void {
    this.ignored.add(word);
    this.notify();
  }

  /** Adds `word` to the user's dictionary; its other cases are asked about again. */
  async learn(word: string): Promise<void> {
    await this.shell.learn(word);
    this.forgetCases(word);
    this.verdicts.set(word, true);
    this.notify();
  }

  /** Forgets the verdicts on `word` in every case. */
  private forgetCases(word: string): void {
    const lower = word.toLowerCase();
    for (const known of [...this.verdicts.keys()]) {
      if (known.toLowerCase() === lower) this.verdicts.delete(known);
    }
  }

  /** Takes `word` out of the user's dictionary; its cases are asked about again. */
  async unlearn(word: string): Promise<void> {
    await this.shell.unlearn(word);
    this.forgetCases(word);
    this.notify();
  }

  /** Forgets every verdict (spell checking was turned on again, or in other languages); ignored words stay ignored. */
  forget(): void {
    this.generation++;
    this.verdicts.clear();
    this.queued.clear();
    this.backOffMs = 0;
    this.failures = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.queued.size === 0 || this.timer !== null || this.asking) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.flush();
      },
      Math.max(this.askAfterMs, this.backOffMs),
    );
  }

  private async flush(): Promise<void> {
    const batch: string[] = [];
    for (const word of this.queued) {
      if (batch.length === MOST_AT_ONCE) break;
      batch.push(word);
    }
    for (const word of batch) this.queued.delete(word);
    const generation = this.generation;
    this.asking = true;
    let wrong: Set<string> | null = null;
    try {
      wrong = new Set(await this.shell.misspelt(batch));
      this.backOffMs = 0;
      this.failures = 0;
    } catch (error) {
      // Not judged: asked again later, backing off while the calls fail.
      this.backOffMs = Math.min(LONGEST_BACK_OFF_MS, Math.max(FIRST_BACK_OFF_MS, this.backOffMs * 2));
      if (++this.failures === FAILURES_TO_REPORT) {
        const why = error instanceof Error ? error.message : String(error);
        this.report(`Spell checking is not answering, so no word is underlined for now: ${why}`);
      }
    } finally {
      this.asking = false;
    }
    if (generation === this.generation) {
      for (const word of batch) {
        if (wrong) this.verdicts.set(word, !wrong.has(word));
        else this.queued.add(word);
      }
      if (wrong) this.notify();
    }
    this.schedule();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
