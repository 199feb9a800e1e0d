/**
 * What the user's commands do: new, open, save, save as, close — each guarded
 * against losing unsaved changes. Menu items, keys and buttons all end up here.
 */
import * as ipc from "../ipc";
import { IpcError, type MenuAction, type OpenedDocument, type ShellEvent, type StartUp } from "../ipc";
import { showPersonalDictionary } from "./dictionary-dialog";
import { showExportDialog } from "./export-dialog";
import { fileName } from "./dom";
import { afterNextFrame } from "./frames";
import { choose, isModalOpen, promptText, showError } from "./modal";
import { mermaidSvg } from "../preview/mermaid";
import { Recovery } from "../recovery/recovery";
import { ShortcutFilter, type Source } from "./shortcut-filter";
import { StartScreen } from "./start-screen";
import { pickTemplate } from "./template-picker";
import { toast } from "./toast";
import { Toolbar } from "./toolbar";
import { Workspace } from "./workspace";

export class Controller {
  readonly workspace: Workspace;
  readonly start: StartScreen;
  readonly toolbar: Toolbar;
  readonly recovery: Recovery;
  private hasDocument = false;
  private readonly shortcuts = new ShortcutFilter();
  private busy = false;
  /** The Personal Dictionary's words are being read (the dialog opens once they are in). */
  private openingDictionary = false;

  constructor(root: HTMLElement) {
    this.workspace = new Workspace(
      [],
      (dirty) => {
        this.toolbar.setDocument(this.workspace.meta.name, dirty);
        void ipc.setDirty(dirty).catch(() => {});
        this.recovery.dirtyChanged(dirty);
      },
      () => this.recovery.edited(),
    );
    this.recovery = new Recovery({
      workspace: this.workspace,
      confirmDiscard: () => this.confirmDiscard(),
      showWorkspace: () => this.showWorkspace(),
    });
    this.toolbar = new Toolbar((action) => this.run(action));
    this.start = new StartScreen({
      newDocument: () => this.run("new"),
      open: () => this.run("open"),
      openRecent: (path) => void this.openPath(path),
      resume: () => this.showWorkspace(),
    });
    root.append(this.toolbar.element, this.workspace.element, this.start.element);
    document.addEventListener("keydown", (event) => this.onKey(event), true);
  }

  /**
   * At start: offers the drafts a crash left behind, then opens a file named on
   * the command line, else shows the start screen. One round trip brings all it
   * needs (`startingUp`, sent by `start-up.ts` before the editor's code loads) —
   * with the file already read when no draft is offered first — and such a file
   * reaches the editor without the start screen being drawn before it.
   */
  async boot(startingUp: Promise<StartUp> = ipc.startUp()): Promise<void> {
    performance.mark("boot:start");
    this.toolbar.setDocument(null, false);
    let start: StartUp;
    try {
      start = await startingUp;
    } catch (error) {
      this.start.fill(false, []);
      await showError("Specwright could not start properly", error);
      return;
    }
    performance.mark("boot:asked");
    const { drafts, recent, launch } = start;
    if (launch?.kind !== "opened") this.start.fill(false, recent);
    await this.recovery.offerDrafts(drafts);
    performance.mark("boot:drafts");
    if (launch?.kind === "opened") {
      this.load(launch.document);
      // The window benchmark's start time: the frame showing the file has been painted.
      void afterNextFrame().then(() => performance.mark("boot:shown"));
    }
    else if (launch?.kind === "waiting") await this.openPath(launch.path);
    else if (launch?.kind === "failed") await showError("Could not open the file", new IpcError(launch.error));
    performance.mark("boot:opened");
  }

  /** Handles a message from the shell (menu, dropped file, close). */
  onShellEvent(event: ShellEvent): void {
    if (event.type === "menu") this.run(event.action, "menu");
    else if (event.type === "open-file") void this.openPath(event.path);
    else if (event.type === "close-requested") void this.quit();
    else if (event.type === "file-changed") void this.recovery.diskChanged(event.path);
    else if (event.type === "file-deleted") void this.recovery.diskDeleted(event.path);
    else if (event.type === "spelling") {
      this.workspace.setSpelling(event.status, event.languages);
      for (const problem of event.problems) toast(problem.message, "error");
    }
  }

  run(action: MenuAction, source: Source = "click"): void {
    // A dialog blocks the window's menu and keys, as a native one would.
    if (source !== "click" && isModalOpen()) return;
    if (!this.shortcuts.accept(action, source, performance.now())) return;
    const work: Record<MenuAction, () => unknown> = {
      new: () => this.newDocument(),
      open: () => this.open(),
      save: () => this.save(),
      "save-as": () => this.saveAs(),
      "save-as-template": () => this.saveAsTemplate(),
      export: () => this.exportDocument(),
      home: () => this.start.show(this.hasDocument),
      quit: () => this.quit(),
      find: () => this.hasDocument && this.workspace.openSearch(),
      "view-editor": () => this.workspace.setViewMode("editor"),
      "view-split": () => this.workspace.setViewMode("split"),
      "view-preview": () => this.workspace.setViewMode("preview"),
      "toggle-checklist": () => this.workspace.togglePanel(),
      "personal-dictionary": () => this.personalDictionary(),
      about: () =>
        choose("About Specwright", "Specwright 0.1 — an offline editor for product and technical specifications.", [{ id: "ok", label: "OK", kind: "primary" }], "ok"),
    };
    void Promise.resolve(work[action]()).catch((error) => showError("Something went wrong", error));
  }

  private onKey(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.repeat) return;
    const key = event.key.toLowerCase();
    const action: MenuAction | null =
      key === "s" ? (event.shiftKey ? "save-as" : "save") : key === "o" ? "open" : key === "n" ? "new" : key === "e" && event.shiftKey ? "export" : null;
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    this.run(action, "key");
  }

  /** True when it is fine to replace the document (saved, discarded or nothing to lose). */
  private async confirmDiscard(): Promise<boolean> {
    if (!this.hasDocument || !this.workspace.isDirty()) return true;
    const answer = await choose(
      "Save changes?",
      `“${this.workspace.meta.name}” has changes that are not saved yet.`,
      [
        { id: "save", label: "Save", kind: "primary" },
        { id: "discard", label: "Don't save", kind: "danger" },
        { id: "cancel", label: "Cancel" },
      ],
      "cancel",
    );
    if (answer === "save") return this.save();
    // "Don't save": the edits stay in the editor (and their draft in the journal)
    // until something replaces them — the user may still cancel the picker or the
    // file dialog. Whatever replaces them (or closing) removes the draft.
    return answer === "discard";
  }

  private async newDocument(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    const picked = await pickTemplate();
    if (!picked) return;
    const created = await ipc.createDocument({ template_id: picked.templateId, title: picked.title, owner: picked.owner });
    this.workspace.load(created.text, {
      path: null,
      name: "Untitled",
      templateId: created.template_id,
      suggestedName: created.suggested_name,
    });
    void ipc.setDirty(false).catch(() => {});
    this.showWorkspace();
  }

  private async open(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    const opened = await this.guarded(() => ipc.openDialog(), "Could not open the file");
    if (opened) this.load(opened);
  }

  async openPath(path: string): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    const opened = await this.guarded(() => ipc.openPath(path), "Could not open the file");
    if (opened) this.load(opened);
  }

  private load(doc: OpenedDocument): void {
    this.workspace.load(doc.text, { path: doc.path, name: doc.name, templateId: null, suggestedName: doc.name });
    this.showWorkspace();
  }

  /** Saves; returns whether the text is now on disk. */
  async save(overwrite = false): Promise<boolean> {
    if (!this.hasDocument || this.busy) return false;
    if (!this.workspace.meta.path) return this.saveAs();
    this.busy = true;
    try {
      const { text, version } = this.workspace.snapshot();
      const saved = await ipc.save({ text, overwrite });
      this.workspace.markSaved({ path: saved.path, name: saved.name }, version);
      toast(`Saved ${saved.name}`);
      return true;
    } catch (error) {
      if (error instanceof IpcError && error.kind === "changed-on-disk") return this.resolveConflict(error);
      if (error instanceof IpcError && error.kind === "write-failed") {
        if ((await this.recovery.saveFailed(error)) !== "save-as") return false;
        this.busy = false;
        return this.saveAs();
      }
      await showError("Could not save", error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async resolveConflict(error: IpcError): Promise<boolean> {
    const answer = await choose(
      "The file changed on disk",
      `${error.message}. Replacing it loses the other program's changes.`,
      [
        { id: "save-as", label: "Save as…", kind: "primary" },
        { id: "overwrite", label: "Replace the file", kind: "danger" },
        { id: "cancel", label: "Cancel" },
      ],
      "cancel",
    );
    this.busy = false;
    if (answer === "overwrite") return this.save(true);
    if (answer === "save-as") return this.saveAs();
    return false;
  }

  async saveAs(): Promise<boolean> {
    if (!this.hasDocument) return false;
    const { text, version } = this.workspace.snapshot();
    const saved = await this.guarded(() => ipc.saveAs({ text, suggested_name: this.workspace.meta.suggestedName }), "Could not save");
    if (!saved) return false;
    this.workspace.markSaved({ path: saved.path, name: saved.name, suggestedName: saved.name }, version);
    toast(`Saved ${saved.name}`);
    return true;
  }

  /** View → Personal Dictionary…: the user's own words, to take some out or add more. */
  private async personalDictionary(): Promise<void> {
    // Chosen again while its words are being read: one dialog.
    if (this.openingDictionary) return;
    this.openingDictionary = true;
    let dictionary;
    try {
      dictionary = await ipc.personalDictionary();
    } catch (error) {
      await showError("Could not read your personal dictionary", error);
      return;
    } finally {
      this.openingDictionary = false;
    }
    await showPersonalDictionary(dictionary, {
      learn: (word) => this.workspace.learnWord(word),
      unlearn: (word) => this.workspace.unlearnWord(word),
      report: (message) => toast(message, "error"),
    });
  }

  private async saveAsTemplate(): Promise<void> {
    if (!this.hasDocument) return;
    const base = this.workspace.meta.name.replace(/\.(md|markdown)$/i, "");
    const name = await promptText("Save as template", "Template name", base, "Save template");
    if (!name) return;
    const path = await this.guarded(() => ipc.saveAsTemplate({ name, text: this.workspace.text() }), "Could not save the template");
    if (path) toast(`Template saved as ${fileName(path)} in your templates`);
  }

  /** File → Export…: the dialog with its pre-flight list, then a toast naming the file. */
  private async exportDocument(): Promise<void> {
    if (!this.hasDocument) return;
    const text = this.workspace.text();
    const { templateId, suggestedName } = this.workspace.meta;
    const exported = await showExportDialog({
      analysis: () => this.workspace.currentAnalysis(),
      drawDiagram: mermaidSvg,
      run: (choice, diagrams) =>
        ipc.exportDocument({ text, format: choice.format, template_id: templateId, suggested_name: suggestedName, diagrams, drop_unfilled: choice.dropUnfilled }),
      jump: (line) => this.workspace.jumpTo(line),
    });
    if (exported) toast(`Exported to ${exported.name}`);
  }

  private async quit(): Promise<void> {
    if (await this.confirmDiscard()) await ipc.closeWindow();
  }

  private showWorkspace(): void {
    this.hasDocument = true;
    this.start.hide();
    this.toolbar.setDocument(this.workspace.meta.name, this.workspace.isDirty());
    this.workspace.focus();
  }

  private async guarded<T>(work: () => Promise<T>, title: string): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      await showError(title, error);
      return null;
    }
  }
}
