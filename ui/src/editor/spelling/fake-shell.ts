/** A stand-in for the shell's speller in the spelling tests. */
import type { SpellingShell } from "./speller";

/** A shell whose dictionary is `known`, recording what it was asked. */
export function fakeShell(known: string[]): SpellingShell & { asked: string[][]; learnt: string[] } {
  const words = new Set(known);
  const shell = {
    asked: [] as string[][],
    learnt: [] as string[],
    misspelt: (batch: string[]) => {
      shell.asked.push([...batch]);
      return Promise.resolve(batch.filter((w) => !words.has(w) && !words.has(w.toLowerCase())));
    },
    suggestions: (word: string) => Promise.resolve(word === "recieve" ? ["receive", "relieve"] : []),
    learn: (word: string) => {
      shell.learnt.push(word);
      words.add(word);
      return Promise.resolve();
    },
    unlearn: (word: string) => {
      shell.learnt = shell.learnt.filter((w) => w !== word);
      words.delete(word);
      return Promise.resolve();
    },
  };
  return shell;
}
