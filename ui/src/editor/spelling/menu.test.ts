import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, describe, expect, it, vi } from "vitest";
import { showSpellingMenu } from "./menu";
import { CORRECTION, Speller } from "./speller";
import { fakeShell } from "./fake-shell";

const DOC = "Teams will recieve teh update.";
const WORD = { from: 11, to: 18, text: "recieve" };

let view: EditorView | null = null;
afterEach(() => {
  view?.destroy();
  view = null;
  document.querySelector("[data-testid=spelling-menu]")?.remove();
});

function open(shell = fakeShell([])) {
  view = new EditorView({ state: EditorState.create({ doc: DOC }), parent: document.body });
  const spelling = { speller: new Speller(shell, 10), report: vi.fn(), announce: vi.fn() };
  showSpellingMenu(view, WORD, { x: 10, y: 10 }, spelling);
  const menu = document.querySelector<HTMLElement>("[data-testid=spelling-menu]");
  if (!menu) throw new Error("no menu");
  return { view, spelling, menu, shell };
}

const labels = (menu: HTMLElement) => [...menu.querySelectorAll("button")].map((b) => b.textContent);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the spelling menu", () => {
  it("offers the corrections, and the one chosen replaces the word as one undoable change", async () => {
    const { view, menu } = open();
    expect(labels(menu)).toEqual(["Looking for corrections…", "Add “recieve” to Dictionary", "Ignore “recieve”"]);
    await settle();
    expect(labels(menu)).toEqual(["receive", "relieve", "Add “recieve” to Dictionary", "Ignore “recieve”"]);
    expect(document.activeElement?.textContent).toBe("receive");

    const spy = vi.spyOn(view, "dispatch");
    menu.querySelector<HTMLButtonElement>("button")?.click();
    expect(view.state.doc.toString()).toBe("Teams will receive teh update.");
    expect(spy.mock.calls[0][0]).toMatchObject({ userEvent: CORRECTION });
    expect(view.state.selection.main.head).toBe(WORD.from + "receive".length);
    expect(document.querySelector("[data-testid=spelling-menu]")).toBeNull();
  });

  it("holds the focus on itself until the corrections are in, so an early Enter chooses nothing", async () => {
    let answer: (s: string[]) => void = () => {};
    const slow = { ...fakeShell([]), suggestions: () => new Promise<string[]>((resolve) => (answer = resolve)) };
    const { menu, view, shell } = open(slow);
    expect(document.activeElement).toBe(menu);
    expect(menu.getAttribute("aria-busy")).toBe("true");
    menu.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(shell.learnt).toEqual([]);
    expect(view.state.doc.toString()).toBe(DOC);
    answer(["receive"]);
    await settle();
    expect(document.activeElement?.textContent).toBe("receive");
    expect(menu.hasAttribute("aria-busy")).toBe(false);
  });

  it("leaves the focus where the user moved it when the corrections come", async () => {
    let answer: (s: string[]) => void = () => {};
    const slow = { ...fakeShell([]), suggestions: () => new Promise<string[]>((resolve) => (answer = resolve)) };
    const { menu } = open(slow);
    menu.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true }));
    expect(document.activeElement?.textContent).toBe("Ignore “recieve”");
    answer(["receive"]);
    await settle();
    expect(document.activeElement?.textContent).toBe("Ignore “recieve”");
  });

  it("moves with the arrows and closes with Escape", async () => {
    const { menu } = open();
    await settle();
    const key = (key: string) => document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    key("ArrowDown");
    expect(document.activeElement?.textContent).toBe("relieve");
    key("ArrowUp");
    key("ArrowUp");
    expect(document.activeElement?.textContent).toBe("Ignore “recieve”");
    key("Escape");
    expect(menu.isConnected).toBe(false);
  });

  it("adds the word to the dictionary with a way to undo it, and says so when that fails", async () => {
    const { menu, shell, spelling } = open();
    menu.querySelector<HTMLButtonElement>("[data-action=learn]")?.click();
    await settle();
    expect(shell.learnt).toEqual(["recieve"]);
    expect(spelling.announce).toHaveBeenCalledTimes(1);
    const [message, undo] = spelling.announce.mock.calls[0] as [string, () => void];
    expect(message).toBe("Added “recieve” to your dictionary.");
    undo();
    await settle();
    expect(shell.learnt).toEqual([]);

    const failing = { ...fakeShell([]), learn: () => Promise.reject(new Error("dictionary.txt: cannot save: the disk is full")) };
    const again = open(failing);
    again.menu.querySelector<HTMLButtonElement>("[data-action=learn]")?.click();
    await settle();
    expect(again.spelling.report).toHaveBeenCalledWith("dictionary.txt: cannot save: the disk is full");
  });

  it("changes nothing when the text there is no longer the word", async () => {
    const { view, menu } = open();
    await settle();
    view.dispatch({ changes: { from: 0, insert: "All " } });
    menu.querySelector<HTMLButtonElement>("button")?.click();
    expect(view.state.doc.toString()).toBe("All Teams will recieve teh update.");
  });

  it("closes on a click elsewhere", () => {
    const { menu } = open();
    document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    expect(menu.isConnected).toBe(false);
  });
});
