/**
 * The one module that talks to the Tauri shell. Every command is a typed function
 * over the generated IPC types; errors arrive as {@link IpcError} with the shell's
 * `{kind, message}`.
 */
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AnalyzeRequest } from "./generated/AnalyzeRequest";
import type { AppError } from "./generated/AppError";
import type { CreateRequest } from "./generated/CreateRequest";
import type { CreatedDocument } from "./generated/CreatedDocument";
import type { DiffLine } from "./generated/DiffLine";
import type { DraftText } from "./generated/DraftText";
import type { ExportRequest } from "./generated/ExportRequest";
import type { ExportedFile } from "./generated/ExportedFile";
import type { LiveAnalysis } from "./generated/LiveAnalysis";
import type { OpenedDocument } from "./generated/OpenedDocument";
import type { PersonalDictionary } from "./generated/PersonalDictionary";
import type { RecentFile } from "./generated/RecentFile";
import type { RestoredDocument } from "./generated/RestoredDocument";
import type { SaveAsRequest } from "./generated/SaveAsRequest";
import type { SaveRequest } from "./generated/SaveRequest";
import type { SaveTemplateRequest } from "./generated/SaveTemplateRequest";
import type { SavedDocument } from "./generated/SavedDocument";
import type { StartUp } from "./generated/StartUp";
import type { ShellEvent } from "./generated/ShellEvent";
import type { TemplateList } from "./generated/TemplateList";
import type { TemplatePreview } from "./generated/TemplatePreview";
import type { ToggleRequest } from "./generated/ToggleRequest";

export type * from "./types";

/** The Tauri event every {@link ShellEvent} is sent under (`ipc::SHELL_EVENT`). */
export const SHELL_EVENT = "shell";

/** A command failed; `kind` is stable (e.g. `changed-on-disk`), `message` is for people. */
export class IpcError extends Error implements AppError {
  readonly kind: string;
  /** The file the error is about, when there is one (`message` names it too). */
  readonly file?: string;
  constructor(error: AppError) {
    super(error.message);
    this.name = "IpcError";
    this.kind = error.kind;
    this.file = error.file;
  }
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).kind === "string" &&
    typeof (value as AppError).message === "string"
  );
}

/** Converts whatever a rejected invoke gave into an {@link IpcError}. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcError) return error;
  if (isAppError(error)) return new IpcError(error);
  return new IpcError({ kind: "ipc", message: String(error) });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

export const analyze = (request: AnalyzeRequest) => call<LiveAnalysis>("analyze", { request });
export const toggleTask = (request: ToggleRequest) => call<string>("toggle_task", { request });
export const listTemplates = () => call<TemplateList>("list_templates");
export const templatePreview = (id: string) => call<TemplatePreview>("template_preview", { id });
export const createDocument = (request: CreateRequest) => call<CreatedDocument>("create_document", { request });
export const saveAsTemplate = (request: SaveTemplateRequest) => call<string>("save_as_template", { request });
export const chooseTeamFolder = () => call<TemplateList>("choose_team_folder");
export const openDialog = () => call<OpenedDocument | null>("open_dialog");
export const openPath = (path: string) => call<OpenedDocument>("open_path", { path });
export const save = (request: SaveRequest) => call<SavedDocument>("save", { request });
export const saveAs = (request: SaveAsRequest) => call<SavedDocument | null>("save_as", { request });
export const recentFiles = () => call<RecentFile[]>("recent_files");
/** What the window needs at start; opens the command line's file unless drafts are to be offered first. */
export const startUp = () => call<StartUp>("start_up");
export const journalDraft = (text: DraftText, templateId: string | null) => call<void>("journal_draft", { text, templateId });
export const restoreDraft = (key: string) => call<RestoredDocument>("restore_draft", { key });
export const discardDraft = (key: string) => call<void>("discard_draft", { key });
export const reloadFromDisk = () => call<OpenedDocument>("reload_from_disk");
export const keepMine = () => call<void>("keep_mine");
export const compareWithDisk = (text: string) => call<DiffLine[]>("compare_with_disk", { text });
export const setDirty = (dirty: boolean) => call<void>("set_dirty", { dirty });
export const closeWindow = () => call<void>("close_window");
export const openExternal = (url: string) => call<void>("open_external", { url });
/** Loads the dictionaries if the user wants spelling checked; the outcome comes as a `spelling` shell event. */
export const startSpellChecking = () => call<void>("start_spell_checking");
/** The words among `words` that are misspelt (none while spell checking is off). */
export const misspeltWords = (words: string[]) => call<string[]>("misspelt_words", { words });
/** Corrections for `word`, likeliest first. */
export const spellingSuggestions = (word: string) => call<string[]>("spelling_suggestions", { word });
/** Adds `word` to the user's dictionary. */
export const learnWord = (word: string) => call<void>("learn_word", { word });
/** Takes `word` out of the user's dictionary again. */
export const unlearnWord = (word: string) => call<void>("unlearn_word", { word });
/** The user's own words and the file they are kept in. */
export const personalDictionary = () => call<PersonalDictionary>("personal_dictionary");
/** Asks where to write and exports there; `null` when the save dialog was cancelled. */
export const exportDocument = (request: ExportRequest) => call<ExportedFile | null>("export", { request });

/** Calls `handler` for every menu choice, dropped file and close request. */
export async function onShellEvent(handler: (event: ShellEvent) => void): Promise<() => void> {
  return listen<ShellEvent>(SHELL_EVENT, (event) => handler(event.payload));
}
