import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IpcError } from "../ipc";
import { compareWords, countLabel, showPersonalDictionary } from "./dictionary-dialog";
import { isModalOpen } from "./modal";

const FILE = "/home/ada/.config/specwright/dictionary.txt";

/** The dialog over `words`, with a shell that keeps them in `kept` (and fails on `refuse`). */
function open(words: string[], refuse: string[] = [], hold: Promise<void> = Promise.resolve()) {
  const kept = new Set(words);
  const calls: string[] = [];
  const reported: string[] = [];
  const closed = showPersonalDictionary(
    { words, file: FILE },
    {
      learn: async (word) => {
        calls.push(`learn ${word}`);
        await hold;
        if (refuse.includes(word)) throw new IpcError({ kind: "not-a-word", message: `“${word}” cannot be added: a word has no spaces or line breaks` });
        kept.add(word);
      },
      unlearn: async (word) => {
        calls.push(`unlearn ${word}`);
        await hold;
        if (refuse.includes(word)) throw new IpcError({ kind: "write-failed", message: `${FILE}: could not be written`, file: FILE });
        kept.delete(word);
      },
      report: (message) => reported.push(message),
    },
  );
  return { kept, calls, reported, closed };
}

/** A promise to hold the shell's answers with, and the way to let them go. */
function held(): { hold: Promise<void>; release: () => void } {
  let release = () => {};
  const hold = new Promise<void>((resolve) => (release = resolve));
  return { hold, release };
}

const submit = () => el("dictionary-input").closest("form")!.requestSubmit();

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid=${id}]`)!;
const listed = () => [...el("dictionary-words").querySelectorAll<HTMLLIElement>("li")].filter((li) => !li.hidden).map((li) => li.dataset.word);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function type(text: string) {
  const input = el<HTMLInputElement>("dictionary-input");
  input.value = text;
  input.dispatchEvent(new Event("input"));
}

/** The elements scrolled into view (jsdom lays nothing out, so has no scrolling of its own). */
let scrolled: Element[] = [];
beforeEach(() => {
  scrolled = [];
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
});

afterEach(() => {
  if (isModalOpen()) el("dictionary-close").click();
});

describe("the personal dictionary dialog", () => {
  it("lists the words alphabetically, case aside, and says where they are kept", () => {
    open(["kubelet", "Etcd", "apiserver", "ÉCLAIR", "k8s"]);
    expect(listed()).toEqual(["apiserver", "ÉCLAIR", "Etcd", "k8s", "kubelet"]);
    expect(el("dictionary-count").textContent).toBe("5 words");
    expect(el("dictionary-file").textContent).toBe(`Kept in ${FILE}`);
    expect(document.activeElement).toBe(el("dictionary-input"));
  });

  it("finds what is typed, and adds it in its place with Enter", async () => {
    const { kept, calls } = open(["kubelet", "etcd"]);
    type("KUBE");
    expect(listed()).toEqual(["kubelet"]);
    expect(el("dictionary-count").textContent).toBe("1 of 2 words");
    type("kubelet");
    expect(el<HTMLButtonElement>("dictionary-add").disabled).toBe(true);
    type("  helm ");
    expect(el<HTMLButtonElement>("dictionary-add").disabled).toBe(false);
    submit();
    await settle();
    expect(calls).toEqual(["learn helm"]);
    expect(kept.has("helm")).toBe(true);
    expect(listed()).toEqual(["etcd", "helm", "kubelet"]);
    expect(scrolled.map((e) => (e as HTMLElement).dataset.word)).toEqual(["helm"]);
    expect(el<HTMLInputElement>("dictionary-input").value).toBe("");
  });

  it("takes a word out with Remove and moves the focus to the next one", async () => {
    const { kept } = open(["alpha", "beta", "gamma"]);
    el("dictionary-words").querySelector<HTMLButtonElement>("[data-word=beta] button")!.click();
    await settle();
    expect(kept.has("beta")).toBe(false);
    expect(listed()).toEqual(["alpha", "gamma"]);
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove “gamma”");
    el("dictionary-words").querySelector<HTMLButtonElement>("[data-word=gamma] button")!.click();
    await settle();
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove “alpha”");
    el("dictionary-words").querySelector<HTMLButtonElement>("[data-word=alpha] button")!.click();
    await settle();
    expect(document.activeElement).toBe(el("dictionary-input"));
    expect(el("dictionary-count").hidden).toBe(true);
    expect(document.querySelector<HTMLElement>(".dictionary-empty")!.hidden).toBe(false);
  });

  it("says why a word could not be added or removed, and keeps the list as it was", async () => {
    open(["etcd"], ["two words", "etcd"]);
    type("two words");
    submit();
    await settle();
    expect(el("dictionary-problem").textContent).toContain("a word has no spaces");
    expect(el<HTMLInputElement>("dictionary-input").value).toBe("two words"); // kept, to be put right
    type("");
    expect(el("dictionary-problem").textContent).toBe("");
    expect(listed()).toEqual(["etcd"]);
    el("dictionary-words").querySelector<HTMLButtonElement>("[data-word=etcd] button")!.click();
    await settle();
    expect(el("dictionary-problem").textContent).toBe("dictionary.txt: Could not be written.");
    expect(listed()).toEqual(["etcd"]);
  });

  it("asks the shell once for a word removed or added twice before it answered", async () => {
    const { hold, release } = held();
    const { calls } = open(["alpha", "beta", "gamma"], [], hold);
    const remove = el("dictionary-words").querySelector<HTMLButtonElement>("[data-word=beta] button")!;
    remove.click();
    remove.click();
    type("delta");
    submit();
    type("delta");
    expect(el<HTMLButtonElement>("dictionary-add").disabled).toBe(true);
    submit();
    type("delta and more");
    release();
    await settle();
    expect(calls).toEqual(["unlearn beta", "learn delta"]);
    expect(el<HTMLInputElement>("dictionary-input").value).toBe("delta and more"); // typed meanwhile, kept
    type("");
    expect(listed()).toEqual(["alpha", "delta", "gamma"]);
    expect(el("dictionary-count").textContent).toBe("3 words");
  });

  it("adds a word at the end of the list, and tells of a failure that comes after closing", async () => {
    open(["alpha"]);
    type("zeta");
    submit();
    await settle();
    expect(listed()).toEqual(["alpha", "zeta"]);
    el("dictionary-close").click();

    const { hold, release } = held();
    const { reported } = open(["etcd"], ["etcd"], hold);
    el("dictionary-words").querySelector<HTMLButtonElement>("[data-word=etcd] button")!.click();
    el("dictionary-close").click();
    release();
    await settle();
    expect(reported).toEqual(["dictionary.txt: Could not be written."]);
  });

  it("closes with Close or Escape", async () => {
    const first = open([]);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await first.closed;
    expect(isModalOpen()).toBe(false);
    const second = open([]);
    el("dictionary-close").click();
    await second.closed;
    expect(isModalOpen()).toBe(false);
  });
});

describe("the order and the count", () => {
  it("sort case and accents aside, numbers by value, then by exact spelling", () => {
    expect(["b", "B", "a2", "a10", "é"].sort(compareWords)).toEqual(["a2", "a10", "B", "b", "é"]);
  });

  it("say how many words match", () => {
    expect(countLabel(1, 1)).toBe("1 word");
    expect(countLabel(0, 3)).toBe("0 of 3 words");
  });
});
