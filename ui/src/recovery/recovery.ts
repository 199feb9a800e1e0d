/**
 * Nothing typed is lost: keeps a draft of unsaved text in the shell's journal,
 * offers drafts left behind by a crash at start, and deals with the open file
 * being changed or deleted by another program.
 */
import * as ipc from "../ipc";
import type { DraftList, DraftText, IpcError, RecoverableDraft } from "../ipc";
import { choose, showError } from "../app/modal";
import { toast } from "../app/toast";
import type { Workspace } from "../app/workspace";
import { askAboutDiskChange } from "./disk-change-dialog";
import { DraftKeeper } from "./draft-keeper";
import { askRecovery } from "./recovery-dialog";

/** What recovery needs from the app around it. */
export interface RecoveryHost {
  readonly workspace: Workspace;
  /** True when the current document may be replaced (saved, discarded or nothing to lose). */
  confirmDiscard(): Promise<boolean>;
  showWorkspace(): void;
}

export class Recovery {
  readonly keeper: DraftKeeper<DraftText>;
  private askingAboutDisk = false;

  constructor(private readonly host: RecoveryHost) {
    this.keeper = new DraftKeeper({
      write: (text) => this.journal(text),
      snapshot: () => (this.workspace.isDirty() ? this.workspace.draftText() : null),
      onError: (error) =>
        toast(`Could not keep a backup copy of your unsaved changes: ${error instanceof Error ? error.message : String(error)}`, "error"),
    });
  }

  private get workspace(): Workspace {
    return this.host.workspace;
  }

  /** Writes a draft; a version the shell no longer holds is sent whole instead. */
  private async journal(text: DraftText): Promise<void> {
    const templateId = this.workspace.meta.templateId;
    try {
      await ipc.journalDraft(text, templateId);
    } catch (error) {
      if (text.kind === "whole") throw error;
      await ipc.journalDraft({ kind: "whole", text: this.workspace.text() }, templateId);
    }
  }

  /** The editor's text changed. */
  edited(): void {
    if (this.workspace.isDirty()) this.keeper.changed();
  }

  /** The document became dirty (keep a draft) or clean (saved, reloaded, replaced). */
  dirtyChanged(dirty: boolean): void {
    if (dirty) this.keeper.changed();
    else void this.keeper.stop();
  }

  /** At start: offers each draft a crash or kill left behind (`list`: from `ipc.startUp()`). */
  async offerDrafts(list: DraftList): Promise<void> {
    for (const problem of list.problems) toast(problem.message, "error");
    for (const [i, draft] of list.drafts.entries()) {
      const answer = await askRecovery(draft, i, list.drafts.length);
      if (answer === "discard") {
        await ipc.discardDraft(draft.key).catch((error) => showError("Could not discard the draft", error));
      } else if (answer === "restore") {
        await this.restore(draft);
        const left = list.drafts.length - i - 1;
        if (left > 0) toast(`${left} more unsaved ${left === 1 ? "draft is" : "drafts are"} kept and will be offered the next time Specwright starts.`);
        return;
      }
    }
  }

  private async restore(draft: RecoverableDraft): Promise<void> {
    if (!(await this.host.confirmDiscard())) return;
    let restored;
    try {
      restored = await ipc.restoreDraft(draft.key);
    } catch (error) {
      await showError("Could not restore the draft", error);
      return;
    }
    this.workspace.load(
      restored.text,
      {
        path: restored.path,
        name: restored.name,
        templateId: restored.template_id,
        suggestedName: restored.path ? restored.name : "untitled.md",
      },
      { unsaved: true },
    );
    this.host.showWorkspace();
    toast(`Restored your unsaved changes to ${restored.name}`);
  }

  /** Another program changed the open file: reload it, or ask when there are local edits. */
  async diskChanged(path: string): Promise<void> {
    if (this.workspace.meta.path !== path) return;
    if (!this.workspace.isDirty()) {
      const outcome = await this.takeTheirs();
      if (outcome === "reloaded") toast(`Reloaded ${this.workspace.meta.name}: it was changed on disk`);
      if (outcome !== "typed-meanwhile") return;
    }
    if (this.askingAboutDisk) return; // the open question will apply to the newest version
    this.askingAboutDisk = true;
    try {
      for (;;) {
        const answer = await askAboutDiskChange(this.workspace.meta.name, () => ipc.compareWithDisk(this.workspace.text()));
        if (answer === "keep-mine") {
          try {
            await ipc.keepMine();
            toast("Your version is kept; saving will replace the file on disk.");
          } catch (error) {
            await showError("Could not check the file on disk", error);
          }
        } else if (answer === "take-theirs" && (await this.takeTheirs()) === "typed-meanwhile") {
          continue; // typed while it loaded: ask again rather than drop the typing
        }
        return;
      }
    } finally {
      this.askingAboutDisk = false;
    }
  }

  /** Loads the file from disk into the editor, unless the text changed while it loaded. */
  private async takeTheirs(): Promise<"reloaded" | "typed-meanwhile" | "failed"> {
    const before = this.workspace.view.state.doc;
    let opened;
    try {
      opened = await ipc.reloadFromDisk();
    } catch (error) {
      await showError("Could not reload the file", error);
      return "failed";
    }
    if (this.workspace.view.state.doc !== before) {
      // The shell now takes the disk version as known; the text here is unsaved.
      void ipc.setDirty(this.workspace.isDirty()).catch(() => {});
      return "typed-meanwhile";
    }
    this.workspace.reloadText(opened.text); // clean now: the keeper stops
    return "reloaded";
  }

  /** Another program deleted the open file: keep the text, dirty, so a save recreates it. */
  async diskDeleted(path: string): Promise<void> {
    if (this.workspace.meta.path !== path) return;
    this.workspace.markUnsaved();
    const name = this.workspace.meta.name;
    await choose(
      `“${name}” was deleted`,
      `Another program deleted or moved ${path}. Your text is still here; save to create the file again.`,
      [{ id: "ok", label: "OK", kind: "primary" }],
      "ok",
    );
  }

  /** A save failed for want of permission or space: say so, and offer to save elsewhere. */
  async saveFailed(error: IpcError): Promise<"save-as" | "ok"> {
    const kept = this.keeper.kept ? " A backup copy is kept, so they survive even if Specwright closes." : "";
    return choose(
      "Could not save",
      `${error.message}. Your changes are still here.${kept} Save them somewhere else?`,
      [
        { id: "save-as", label: "Save as…", kind: "primary" },
        { id: "ok", label: "Not now" },
      ],
      "ok",
    );
  }
}
