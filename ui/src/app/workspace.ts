/**
 * The writing screen: editor beside the live preview, the side panel and a status
 * bar. The CodeMirror `EditorState` is the one owner of the text; everything else
 * is derived from snapshots of it.
 */
import { EditorState, Text, Transaction } from "@codemirror/state";
import { EditorView, type KeyBinding } from "@codemirror/view";
import { openSearchPanel } from "@codemirror/search";
import { coalesce, type Coalescer } from "../analysis/coalesce";
import { LiveAnalysisClient, type ShownAnalysis } from "../analysis/live";
import { showFindings, touchesDiagnostic } from "../editor/lint/findings";
import { detectLineBreak, editorExtensions } from "../editor/setup";
import { setSpellCheck } from "../editor/spelling/marks";
import { Speller, type Spelling } from "../editor/spelling/speller";
import { applyToggled } from "../editor/toggle/apply";
import * as ipc from "../ipc";
import type { Analysis, DraftText, SpellingStatus } from "../ipc";
import { SidePanel, type Tab } from "../panels/side-panel";
import { Preview } from "../preview/preview";
import { button, h } from "./dom";
import { afterNextFrame } from "./frames";
import { ScrollSync } from "./scroll-sync";
import { splitter } from "./splitter";
import { toast } from "./toast";

export type ViewMode = "editor" | "split" | "preview";

/** How long a new text's first preview waits for the editor's first frame with it, at most. */
const FIRST_FRAME_WAIT_MS = 100;

/** What the UI knows about the open document besides its text. */
export interface DocumentMeta {
  path: string | null;
  name: string;
  templateId: string | null;
  suggestedName: string;
}

interface Snapshot {
  doc: Text;
  templateId: string | null;
  /**
   * The first analysis of a newly loaded text: shown only after the editor's
   * first frame with it, so that the text is on screen, ready for typing,
   * before the preview's first layout (a large preview takes tens of ms).
   */
  afterFirstFrame: boolean;
}

export class Workspace {
  readonly element: HTMLElement;
  meta: DocumentMeta = { path: null, name: "Untitled", templateId: null, suggestedName: "untitled.md" };
  /** The text as on disk; `null` when nothing on disk matches (restored draft, deleted file). */
  private savedDoc: Text | null = Text.empty;
  /** Made with the first text loaded (see `view`). */
  private editor: EditorView | null = null;
  private readonly editorPane: HTMLElement;
  private dirty = false;
  private readonly preview: Preview;
  private readonly panel: SidePanel;
  private readonly sync: ScrollSync;
  private readonly analysis: Coalescer<Snapshot>;
  private readonly status: HTMLElement;
  private readonly panes: HTMLElement;
  private latest: { analysis: ShownAnalysis; doc: Text } | null = null;
  /** A new text was loaded: its first preview starts at the top. */
  private previewToTop = false;
  private readonly live = new LiveAnalysisClient();
  /** The findings the editor's diagnostics were made from, and the status bar's text. */
  private findingsKey = "";
  private statusKey = "";
  /** The verdicts on the editor's words, kept while the app runs. */
  private readonly speller = new Speller(
    {
      misspelt: (words) => ipc.misspeltWords(words),
      suggestions: (word) => ipc.spellingSuggestions(word),
      learn: (word) => ipc.learnWord(word),
      unlearn: (word) => ipc.unlearnWord(word),
    },
    undefined,
    (message) => this.reportSpelling(message),
  );
  /** The editor's spell checking: `null` (off) until the shell has turned it on. */
  private spelling: Spelling | null = null;

  constructor(
    private readonly appKeys: readonly KeyBinding[],
    private readonly onDirtyChange: (dirty: boolean) => void,
    /** Called after every edit (the draft keeper listens). */
    private readonly onEdited: () => void = () => {},
  ) {
    const jump = (line: number) => this.jumpTo(line);
    const toggle = (line: number) => void this.toggle(line);
    this.preview = new Preview({ toggle, jump, openLink: (href) => void this.openLink(href) });
    this.panel = new SidePanel({ toggle, jump });
    this.sync = new ScrollSync(() => this.view, this.preview);
    this.analysis = coalesce(
      async (snap: Snapshot) => {
        const result = await this.live.analyze(snap.doc, this.lineBreak(), snap.templateId);
        if (snap.afterFirstFrame) await afterNextFrame(FIRST_FRAME_WAIT_MS);
        return result;
      },
      (result, snap) => this.show(result, snap),
      (error) => {
        this.previewToTop = false;
        toast(`Preview failed: ${error instanceof Error ? error.message : String(error)}`, "error");
      },
    );
    this.editorPane = h("section", { class: "editor-pane", "data-testid": "editor-pane" });
    const previewPane = h("section", { class: "preview-pane", "data-testid": "preview-pane" }, this.preview.element);
    this.panes = h("div", { class: "panes" });
    this.panes.append(this.editorPane, splitter(this.panes, () => this.editor?.requestMeasure()), previewPane);
    this.status = h("footer", { class: "statusbar", "data-testid": "statusbar" });
    this.element = h("main", { class: "workspace", "data-view": "split", "data-panel": "open" }, this.panes, this.panel.element, this.status);
  }

  /**
   * Replaces the document (fresh undo history) and analyses it. `unsaved`: the
   * text is not what is on disk (a restored draft), so it is dirty from the start
   * — never reported clean on the way, which would drop its draft.
   */
  load(text: string, meta: DocumentMeta, { unsaved = false } = {}): void {
    this.meta = meta;
    if (this.editor) this.editor.setState(this.createState(text));
    else this.createView(text);
    this.findingsKey = ""; // a new state has no diagnostics
    this.savedDoc = unsaved ? null : this.view.state.doc;
    this.setDirty(unsaved);
    this.previewToTop = true;
    this.requestAnalysis(this.view.state.doc, true);
  }

  /**
   * The editor. It is made with the first text loaded rather than empty at
   * start: making an empty one and then replacing its state cost ≈ 20 ms of a
   * launch with a file (window benchmark, start-up timeline).
   */
  get view(): EditorView {
    return this.editor ?? this.createView("");
  }

  private createView(text: string): EditorView {
    this.editor = new EditorView({
      state: this.createState(text),
      // Each edit goes to the engine before the editor applies it (re-parsing
      // its own Markdown, redrawing), so both run at once: on a large document
      // that is tens of ms off every keystroke's preview.
      dispatchTransactions: (transactions, view) => {
        for (const tr of transactions) {
          if (tr.docChanged) this.live.noteChange(tr.startState.doc, tr.changes, tr.newDoc);
        }
        if (transactions.some((tr) => tr.docChanged)) this.requestAnalysis(transactions[transactions.length - 1].newDoc);
        try {
          view.update(transactions);
        } catch (error) {
          // The editor kept its text: the engine's copy must follow it back.
          this.requestAnalysis();
          throw error;
        }
      },
    });
    this.editorPane.append(this.editor.dom);
    return this.editor;
  }

  /** The text exactly as it will be saved (with the file's own line breaks). */
  text(): string {
    return this.view.state.sliceDoc();
  }

  /**
   * The text to keep as a draft: when the shell's live analysis holds the text as
   * it is now, only its version (a large document need not cross over again).
   */
  draftText(): DraftText {
    const doc = this.view.state.doc;
    const version = this.live.heldVersion(doc);
    if (version === null) return { kind: "whole", text: this.text() };
    const length = doc.length + (this.lineBreak() === "\r\n" ? doc.lines - 1 : 0);
    return { kind: "analysed", version, length };
  }

  isDirty(): boolean {
    return this.dirty;
  }

  /**
   * The text as it stands, to save, and the version it is (for `markSaved`):
   * what is typed while the save runs is not on disk.
   */
  snapshot(): { text: string; version: Text } {
    return { text: this.text(), version: this.view.state.doc };
  }

  /** `version` (by default the current text) was written to disk as `meta`. */
  markSaved(meta: Partial<DocumentMeta>, version: Text = this.view.state.doc): void {
    this.meta = { ...this.meta, ...meta };
    this.savedDoc = version;
    // Reported even when unchanged: the shell took the save as clean, so text
    // typed while it ran must be reported unsaved again (and journaled).
    this.dirty = !this.sameAsSaved();
    this.onDirtyChange(this.dirty);
  }

  /** The text is not on disk as it stands (a restored draft, a deleted file): dirty until saved. */
  markUnsaved(): void {
    this.savedDoc = null;
    this.setDirty(true);
  }

  /**
   * Replaces the text with the file's new version from disk, as saved, changing
   * only the part that differs so the cursor and the scroll position stay.
   */
  reloadText(text: string): void {
    const state = this.view.state;
    const next = state.toText(text);
    if (detectLineBreak(text) !== (state.lineBreak === "\r\n" ? "\r\n" : "\n")) {
      const scroll = this.view.scrollDOM.scrollTop;
      this.load(text, this.meta);
      this.view.scrollDOM.scrollTop = scroll;
      return;
    }
    const before = state.doc.toString();
    const after = next.toString();
    let from = 0;
    const shorter = Math.min(before.length, after.length);
    while (from < shorter && before.charCodeAt(from) === after.charCodeAt(from)) from++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > from && endAfter > from && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
      endBefore--;
      endAfter--;
    }
    const scroll = this.view.scrollDOM.scrollTop;
    this.savedDoc = next;
    this.view.dispatch({
      changes: { from, to: endBefore, insert: next.slice(from, endAfter) },
      annotations: Transaction.addToHistory.of(false),
    });
    this.view.scrollDOM.scrollTop = scroll;
    this.savedDoc = this.view.state.doc;
    this.setDirty(false);
  }

  /** Adds `word` to the user's dictionary; the editor's underlines follow. */
  learnWord(word: string): Promise<void> {
    return this.speller.learn(word);
  }

  /** Takes `word` out of the user's dictionary; the editor's underlines follow. */
  unlearnWord(word: string): Promise<void> {
    return this.speller.unlearn(word);
  }

  /** Tells the user that something of spell checking failed. */
  private reportSpelling(message: string): void {
    toast(message, "error");
  }

  /**
   * Shows what the shell's spell checker came to (on, off, no dictionary) and
   * the languages it checks (`en_US`).
   */
  setSpelling(status: SpellingStatus, languages: readonly string[]): void {
    this.element.dataset.spelling = status;
    const on = status === "on";
    const checkedIn = languages.join(" ");
    const sameLanguages = this.element.dataset.spellingLanguages === checkedIn;
    this.element.dataset.spellingLanguages = checkedIn;
    if (on === (this.spelling !== null) && sameLanguages) return;
    // Turned on again, or in other languages: the verdicts are the old dictionaries'.
    this.speller.forget();
    this.spelling = on
      ? {
          speller: this.speller,
          report: (message) => this.reportSpelling(message),
          announce: (message, undo) => toast(message, "info", { label: "Undo", run: undo }),
        }
      : null;
    if (this.editor) setSpellCheck(this.editor, this.spelling);
  }

  setViewMode(mode: ViewMode): void {
    this.element.dataset.view = mode;
    this.editor?.requestMeasure();
  }

  togglePanel(): void {
    const open = this.element.dataset.panel !== "open";
    this.element.dataset.panel = open ? "open" : "closed";
    this.panel.setVisible(open);
    this.editor?.requestMeasure();
  }

  /** Shows the side panel (opening it if closed) on `tab`. */
  showTab(tab: Tab): void {
    if (this.element.dataset.panel !== "open") this.togglePanel();
    this.panel.show(tab);
  }

  openSearch(): void {
    openSearchPanel(this.view);
  }

  focus(): void {
    this.view.focus();
  }

  /** Moves the cursor to the start of `line` and scrolls it into view. */
  jumpTo(line: number): void {
    const doc = this.view.state.doc;
    const target = doc.line(Math.min(Math.max(1, line), doc.lines));
    this.sync.suspend(400);
    this.view.dispatch({
      selection: { anchor: target.from },
      effects: EditorView.scrollIntoView(target.from, { y: "center" }),
    });
    this.view.focus();
  }

  /** Ticks or unticks the task on `line` as a one-character change. */
  async toggle(line: number): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const doc = this.view.state.doc;
      try {
        const toggled = await ipc.toggleTask({ text: this.text(), line });
        if (this.view.state.doc !== doc) continue; // typed meanwhile: redo on the new text
        const spec = applyToggled(this.view.state, toggled);
        if (spec) this.view.dispatch(spec);
        return;
      } catch (error) {
        toast(error instanceof Error ? error.message : String(error), "error");
        return;
      }
    }
  }

  private createState(text: string): EditorState {
    return EditorState.create({
      doc: text,
      extensions: editorExtensions(
        {
          appKeys: this.appKeys,
          onDocChanged: (update) => {
            // The edit already went to the engine (`dispatchTransactions` above).
            if (touchesDiagnostic(update)) this.findingsKey = "";
            this.onEdited();
            this.setDirty(!this.sameAsSaved());
          },
          onScroll: () => this.sync.fromEditor(),
          spelling: this.spelling,
        },
        detectLineBreak(text),
      ),
    });
  }

  private sameAsSaved(): boolean {
    const doc = this.view.state.doc;
    return this.savedDoc !== null && doc.length === this.savedDoc.length && doc.eq(this.savedDoc);
  }

  private setDirty(dirty: boolean): void {
    if (dirty === this.dirty) return;
    this.dirty = dirty;
    this.onDirtyChange(dirty);
  }

  /** Analyses `doc` (by default the text as it is) once the analysis under way is done. */
  private requestAnalysis(doc: Text = this.view.state.doc, afterFirstFrame = false): void {
    this.analysis.push({ doc, templateId: this.meta.templateId, afterFirstFrame });
  }

  /** Waits until the latest text has been analysed and shown (tests use this). */
  settled(): Promise<void> {
    return this.analysis.settled();
  }

  /** The latest analysis, if it is of the text as it is now (export reuses it). */
  private latestAnalysis(): Analysis | null {
    return this.latest?.doc === this.view.state.doc ? this.latest.analysis : null;
  }

  /** The analysis of the text as it is now, once the one under way (or a new one) is shown. */
  async currentAnalysis(): Promise<Analysis> {
    await this.settled();
    if (!this.latestAnalysis()) {
      this.requestAnalysis();
      await this.settled();
    }
    const latest = this.latestAnalysis();
    if (!latest) throw new Error("The document could not be checked before exporting. Try again in a moment.");
    return latest;
  }

  private show(result: ShownAnalysis, snap: Snapshot): void {
    if (!this.latest) performance.mark("boot:first-preview");
    this.latest = { analysis: result, doc: snap.doc };
    if (this.previewToTop) {
      // Not at load: setting it there would lay the page out before the editor's first frame.
      this.preview.element.scrollTop = 0;
      this.previewToTop = false;
    }
    this.preview.update(result);
    this.panel.render(result);
    this.showStatus(result);
    // Unchanged findings need no new diagnostics (converting offsets reads the
    // whole text): the editor has mapped the ones on show through the edits,
    // and an edit that touched one cleared the key (see `onDocChanged`). A
    // report not sent again is the one on show, moved as the editor moved it.
    const stale = result.reportSent || this.findingsKey === "";
    const findingsKey = stale ? JSON.stringify(result.report.findings) : this.findingsKey;
    if (this.view.state.doc === snap.doc && findingsKey !== this.findingsKey) {
      this.findingsKey = findingsKey;
      const text = snap.doc.sliceString(0, snap.doc.length, this.lineBreak());
      this.view.dispatch(showFindings(this.view.state, result.report.findings, text));
    }
  }

  private showStatus(result: Analysis): void {
    const { done, total } = result.checklist.progress;
    const score = Math.round(result.report.score * 100);
    const parts = [
      `${result.word_count} ${result.word_count === 1 ? "word" : "words"}`,
      `${done}/${total} tasks`,
      `${score}% complete`,
      result.report.template ? `Template: ${result.report.template}` : "No template",
      this.lineBreak() === "\r\n" ? "CRLF" : "LF",
    ];
    const key = parts.join("\n");
    if (key === this.statusKey) return;
    this.statusKey = key;
    const [words, tasks, health, template, lineBreak] = parts;
    // The task and completeness figures open the panel tab that explains them.
    const opens = (label: string, tab: Tab, title: string, testid: string) =>
      button(label, () => this.showTab(tab), { class: "link-like", title, "data-testid": testid });
    this.status.replaceChildren(
      h("span", { "data-testid": "word-count" }, words),
      opens(tasks, "checklist", "Task items done — show the checklist", "status-tasks"),
      opens(health, "health", "How complete the spec is: sections filled in, nothing left to fix — show the health check", "status-health"),
      h("span", { class: "muted" }, template),
      h("span", { class: "muted" }, lineBreak),
    );
  }

  private lineBreak(): "\n" | "\r\n" {
    return this.view.state.lineBreak === "\r\n" ? "\r\n" : "\n";
  }

  private async openLink(href: string): Promise<void> {
    try {
      await ipc.openExternal(href);
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error), "error");
    }
  }
}
