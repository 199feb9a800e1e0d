/**
 * View → Personal Dictionary…: the words the user added with "Add to
 * Dictionary", each with Remove, and a field that finds a word in the list or
 * adds it. Changes go through the editor's speller, so the underlines follow
 * at once; the shell keeps the words in their file.
 */
import type { PersonalDictionary } from "../ipc";
import { button, h } from "./dom";
import { describeError, openModal } from "./modal";

/** What the dialog needs from the rest of the app. */
export interface DictionaryDeps {
  learn(word: string): Promise<void>;
  unlearn(word: string): Promise<void>;
  /** Tells the user a change failed after the dialog was closed. */
  report(message: string): void;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** The order the list shows: alphabetical, case and accents aside, then exact spelling. */
export function compareWords(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The line under the list: how many words, and how many match what was typed. */
export function countLabel(shown: number, total: number): string {
  const words = (n: number) => `${n} ${n === 1 ? "word" : "words"}`;
  return shown === total ? words(total) : `${shown} of ${words(total)}`;
}

/** Shows the dialog with `dictionary`'s words until the user closes it. */
export function showPersonalDictionary(dictionary: PersonalDictionary, deps: DictionaryDeps): Promise<void> {
  return new Promise((resolve) => {
    const input = h("input", {
      type: "text",
      placeholder: "Type a word to find or add it",
      "aria-label": "Find or add a word",
      autocomplete: "off",
      spellcheck: "false",
      "data-testid": "dictionary-input",
    });
    const add = h("button", { type: "submit", "data-testid": "dictionary-add" }, "Add");
    const form = h("form", { class: "dictionary-add" }, input, add);
    const problem = h("p", { class: "dictionary-problem", role: "alert", "data-testid": "dictionary-problem" });
    const list = h("ul", { class: "dictionary-words", "aria-label": "Your words", "data-testid": "dictionary-words" });
    const empty = h(
      "p",
      { class: "muted dictionary-empty" },
      "No words yet. Right-click an underlined word and choose “Add to Dictionary”, or type one above.",
    );
    const count = h("p", { class: "muted dictionary-count", "aria-live": "polite", "data-testid": "dictionary-count" });
    const close = button("Close", () => done(), { class: "primary", "data-testid": "dictionary-close" });
    const dialog = h(
      "div",
      { class: "modal dictionary", role: "dialog", "aria-modal": "true", "aria-label": "Personal Dictionary", "data-testid": "dictionary-dialog" },
      h("h2", {}, "Personal Dictionary"),
      h("p", { class: "modal-message" }, "These words are never underlined as misspelt, in any document."),
      form,
      problem,
      list,
      empty,
      count,
      h("p", { class: "muted modal-detail", "data-testid": "dictionary-file" }, `Kept in ${dictionary.file}`),
      h("div", { class: "modal-buttons" }, close),
    );

    /** Says why a change failed: in the dialog, or in a notice once it is closed. */
    const say = (message: string) => {
      if (!dialog.isConnected && message) deps.report(message);
      problem.textContent = message;
    };
    const query = () => input.value.trim();
    /** The word being added, until the shell has answered. */
    let adding: string | null = null;
    /** The rows of the list, one per word, in the list's order. */
    const rows = () => list.children as HTMLCollectionOf<HTMLLIElement>;
    const listed = (word: string) => [...rows()].some((item) => item.dataset.word === word);

    /** Shows the words that hold what was typed, and the count. */
    const filter = () => {
      const typed = query().toLocaleLowerCase();
      let shown = 0;
      for (const item of rows()) {
        item.hidden = !(item.dataset.word ?? "").toLocaleLowerCase().includes(typed);
        if (!item.hidden) shown++;
      }
      const total = rows().length;
      empty.hidden = total > 0;
      count.hidden = total === 0;
      count.textContent = countLabel(shown, total);
      add.disabled = adding !== null || !typed || listed(query());
    };

    const row = (word: string): HTMLLIElement => {
      const remove: HTMLButtonElement = button("Remove", () => void removeWord(word, item, remove), {
        "aria-label": `Remove “${word}”`,
        "data-testid": "dictionary-remove",
      });
      const item = h("li", { "data-word": word }, h("span", { class: "dictionary-word" }, word), remove);
      return item;
    };

    const removeWord = async (word: string, item: HTMLLIElement, remove: HTMLButtonElement) => {
      if (remove.disabled) return;
      say("");
      remove.disabled = true;
      try {
        await deps.unlearn(word);
      } catch (error) {
        say(describeError(error).message);
        remove.disabled = false;
        return;
      }
      // The focus moves to the next word's Remove (or the one before, or the field).
      const visible = (el: Element | null) => (el as HTMLElement | null)?.hidden === false;
      let next: Element | null = item.nextElementSibling;
      while (next && !visible(next)) next = next.nextElementSibling;
      let before: Element | null = item.previousElementSibling;
      while (before && !visible(before)) before = before.previousElementSibling;
      item.remove();
      filter();
      if (dialog.isConnected) ((next ?? before)?.querySelector("button") ?? input).focus();
    };

    const addWord = async () => {
      const word = query();
      if (adding !== null || !word || listed(word)) return;
      say("");
      adding = word;
      filter();
      try {
        await deps.learn(word);
      } catch (error) {
        say(describeError(error).message);
        return;
      } finally {
        adding = null;
        filter();
      }
      const item = row(word);
      const after = [...rows()].find((other) => compareWords(word, other.dataset.word ?? "") < 0);
      if (after) after.before(item);
      else list.append(item);
      // What was typed meanwhile stays.
      if (query() === word) input.value = "";
      filter();
      item.scrollIntoView({ block: "nearest" });
      if (dialog.isConnected) input.focus();
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void addWord();
    });
    input.addEventListener("input", () => {
      say("");
      filter();
    });
    list.append(...[...dictionary.words].sort(compareWords).map(row));
    filter();

    const closeModal = openModal(dialog, () => done());
    function done() {
      closeModal();
      resolve();
    }
    input.focus();
  });
}
