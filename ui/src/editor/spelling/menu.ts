/**
 * The menu of a misspelt word: its corrections (choosing one replaces the
 * word), "Add to Dictionary" and "Ignore". Opened by a right click or from the
 * keyboard (`marks.ts`); arrows move, Enter chooses, Escape closes.
 */
import type { EditorView } from "@codemirror/view";
import { CORRECTION, type Spelling } from "./speller";
import type { Word } from "./words";

let openMenu: { close(refocus: boolean): void } | null = null;

function menuItem(label: string, run: (() => void) | null): HTMLButtonElement {
  const item = document.createElement("button");
  item.type = "button";
  item.className = "spelling-menu-item";
  item.setAttribute("role", "menuitem");
  item.textContent = label;
  if (run) item.addEventListener("click", run);
  else item.disabled = true;
  return item;
}

/** Replaces `word` with `correction`, if the text there is still the word. */
function correct(view: EditorView, word: Word, correction: string): void {
  if (view.state.sliceDoc(word.from, word.to) !== word.text) return;
  view.dispatch({
    changes: { from: word.from, to: word.to, insert: correction },
    selection: { anchor: word.from + correction.length },
    userEvent: CORRECTION,
  });
}

/** Puts `menu` at `at`, inside the window. */
function place(menu: HTMLElement, at: { x: number; y: number }): void {
  const { width, height } = menu.getBoundingClientRect();
  const x = Math.max(0, Math.min(at.x, window.innerWidth - width - 4));
  const y = at.y + height > window.innerHeight - 4 ? Math.max(0, at.y - height) : at.y;
  menu.style.left = `${x}px`;
  menu.style.top = `${y}px`;
}

/** Opens the menu of `word` at `at` (window coordinates). */
export function showSpellingMenu(view: EditorView, word: Word, at: { x: number; y: number }, spelling: Spelling): void {
  openMenu?.close(false);
  const menu = document.createElement("div");
  menu.className = "spelling-menu";
  menu.setAttribute("role", "menu");
  menu.setAttribute("aria-label", `Spelling of “${word.text}”`);
  menu.dataset.testid = "spelling-menu";
  // The menu itself has the focus until the corrections are in, so that an
  // early Enter chooses nothing (least of all adding the typo to the dictionary).
  menu.tabIndex = -1;
  menu.setAttribute("aria-busy", "true");

  const close = (refocus: boolean) => {
    if (openMenu !== handle) return;
    openMenu = null;
    menu.remove();
    document.removeEventListener("pointerdown", onPointerDown, true);
    window.removeEventListener("blur", onBlur);
    view.scrollDOM.removeEventListener("scroll", onScroll);
    if (refocus) view.focus();
  };
  const handle = { close };
  const choose = (run: () => void) => () => {
    close(true);
    run();
  };
  const onPointerDown = (event: PointerEvent) => {
    if (!menu.contains(event.target as Node)) close(false);
  };
  const onBlur = () => close(false);
  const onScroll = () => close(false);

  const looking = menuItem("Looking for corrections…", null);
  const learn = menuItem(
    `Add “${word.text}” to Dictionary`,
    choose(() => {
      const report = (error: unknown) => spelling.report(error instanceof Error ? error.message : String(error));
      spelling.speller.learn(word.text).then(
        () =>
          spelling.announce(`Added “${word.text}” to your dictionary.`, () => {
            spelling.speller.unlearn(word.text).catch(report);
          }),
        report,
      );
    }),
  );
  learn.dataset.action = "learn";
  const ignore = menuItem(
    `Ignore “${word.text}”`,
    choose(() => spelling.speller.ignore(word.text)),
  );
  ignore.dataset.action = "ignore";
  const separator = document.createElement("div");
  separator.className = "spelling-menu-separator";
  separator.setAttribute("role", "separator");
  menu.append(looking, separator, learn, ignore);

  menu.addEventListener("keydown", (event) => {
    const items = [...menu.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const up = at < 0 ? items.length - 1 : at - 1;
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: up, Home: 0, End: items.length - 1 };
    if (event.key in moves) {
      items[(moves[event.key] + items.length) % items.length]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      close(true);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  });

  document.body.append(menu);
  place(menu, at);
  menu.focus();
  openMenu = handle;
  document.addEventListener("pointerdown", onPointerDown, true);
  window.addEventListener("blur", onBlur);
  view.scrollDOM.addEventListener("scroll", onScroll);

  spelling.speller.suggestions(word.text).then(
    (suggestions) => {
      if (openMenu !== handle) return;
      const items = suggestions.map((s) => {
        const item = menuItem(
          s,
          choose(() => correct(view, word, s)),
        );
        item.classList.add("spelling-suggestion");
        return item;
      });
      const untouched = document.activeElement === menu;
      looking.replaceWith(...(items.length > 0 ? items : [menuItem("No corrections", null)]));
      menu.removeAttribute("aria-busy");
      place(menu, at);
      if (untouched) items[0]?.focus();
    },
    () => {
      looking.replaceWith(menuItem("No corrections", null));
      menu.removeAttribute("aria-busy");
    },
  );
}
