/**
 * The editor's side of the live analysis (`specwright_core::live`): sends the
 * edits since the text the shell last analysed instead of the whole text, and
 * rebuilds a whole {@link Analysis} from answers that carry only what changed —
 * the new preview HTML as a splice of the HTML on show, its blocks' first lines
 * as a splice of those on show, and panel data only when it differs from that on
 * show moved by the edit (an Enter moves every later line). When edits cannot be sent or are refused, the same call sends
 * the whole text instead; after any other failure the next call does.
 */
import { ChangeSet, type Text } from "@codemirror/state";
import * as ipc from "../ipc";
import type { Analysis, LiveAnalysis, TextChange, TextEdit } from "../ipc";
import type { SameEnds } from "../preview/morph";
import { moveChecklist, moveOutline, moveReport, movesNothing } from "./moved";

/**
 * An analysis as the editor shows it. The positions in its preview HTML count
 * from the first line of their top-level block, which `blockLines` gives.
 */
export interface ShownAnalysis extends Analysis {
  /** The version of the text analysed. */
  version: number;
  /**
   * The first line of each top-level element of `html`, in order; empty when the
   * positions count from the top of the document.
   */
  blockLines: number[];
  /**
   * Whether the report came anew; if not, it is the one shown before with its
   * lines and offsets moved by the edit (as the editor moved its diagnostics).
   */
  reportSent: boolean;
  /**
   * When `html` was made as a splice of the HTML of version `from`: it keeps that
   * HTML's first `start` and last `end` UTF-16 units (so the preview need not
   * compare them to find what changed).
   */
  kept: KeptHtml | null;
}

/** How much of the HTML of version `from` a new HTML keeps at each end. */
export interface KeptHtml extends SameEnds {
  from: number;
}

/** The changes from `from` to `to`, composed edit by edit. */
interface Tracked {
  from: Text;
  changes: ChangeSet;
  to: Text;
}

export class LiveAnalysisClient {
  /** The text the shell holds, by version. */
  private engine: { version: number; doc: Text } | null = null;
  private tracked: Tracked | null = null;
  /** The analysis the editor shows, whole, and its blocks' first lines as the shell sends them. */
  private shown: { analysis: ShownAnalysis; gaps: number[] } | null = null;
  /** Starts anywhere, so a reloaded page does not reuse the numbers of the one before. */
  private nextVersion = Math.floor(Math.random() * 2 ** 30);

  /** The version under which the shell holds `doc`, if it does (as far as this client knows). */
  heldVersion(doc: Text): number | null {
    return this.engine?.doc === doc ? this.engine.version : null;
  }

  /** Every document change, in order (the editor's `dispatchTransactions` calls this, before the view applies it). */
  noteChange(before: Text, changes: ChangeSet, after: Text): void {
    const t = this.tracked;
    this.tracked = t && t.to === before ? { from: t.from, changes: t.changes.compose(changes), to: after } : null;
  }

  /**
   * Analyses `doc` (`lineBreak`: the file's, which the shell's text uses) and
   * answers the whole analysis, to be shown.
   */
  async analyze(doc: Text, lineBreak: "\n" | "\r\n", templateId: string | null): Promise<ShownAnalysis> {
    const whole = (): TextChange => ({ kind: "whole", text: doc.sliceString(0, doc.length, lineBreak) });
    const t = this.tracked;
    const edits = this.engine && t && t.from === this.engine.doc && t.to === doc ? toEdits(t.from, t.changes, lineBreak) : null;
    const text: TextChange = this.engine && edits ? { kind: "edits", base: this.engine.version, edits } : whole();
    // Edits made while this call runs are tracked from the text it sends.
    this.tracked = { from: doc, changes: ChangeSet.empty(doc.length), to: doc };
    let answer: LiveAnalysis;
    try {
      answer = await this.send(text, templateId);
    } catch (error) {
      this.engine = null;
      if (text.kind === "whole") throw error;
      answer = await this.send(whole(), templateId);
    }
    this.engine = { version: answer.version, doc };
    return this.assemble(answer);
  }

  private send(text: TextChange, templateId: string | null): Promise<LiveAnalysis> {
    return ipc.analyze({ version: this.nextVersion++, text, template_id: templateId, shown: this.shown?.analysis.version ?? null });
  }

  private assemble(answer: LiveAnalysis): ShownAnalysis {
    const shown = this.shown;
    const base = shown?.analysis;
    this.shown = null;
    const { html, block_lines: lines } = answer;
    if (!shown && (html.keep_start || html.keep_end || lines.keep_start || lines.keep_end || !answer.checklist || !answer.report || !answer.outline)) {
      throw new Error("the preview is out of step with the engine; it will catch up with the next change");
    }
    const { moved } = answer;
    const same = movesNothing(moved);
    const gaps = shown ? shown.gaps.slice(0, lines.keep_start).concat(lines.insert, shown.gaps.slice(shown.gaps.length - lines.keep_end)) : lines.insert;
    const analysis: ShownAnalysis = {
      version: answer.version,
      html: base ? base.html.slice(0, html.keep_start) + html.insert + base.html.slice(base.html.length - html.keep_end) : html.insert,
      blockLines: runningSum(gaps),
      checklist: answer.checklist ?? (same ? base!.checklist : moveChecklist(moved, base!.checklist)),
      report: answer.report ?? (same ? base!.report : moveReport(moved, base!.report)),
      outline: answer.outline ?? (same ? base!.outline : moveOutline(moved, base!.outline)),
      word_count: answer.word_count,
      reportSent: answer.report !== null,
      // An answer sent whole keeps nothing it knows of: the preview compares.
      kept: base && (html.keep_start || html.keep_end) ? { from: base.version, start: html.keep_start, end: html.keep_end } : null,
    };
    this.shown = { analysis, gaps };
    return analysis;
  }
}

/** Each number plus all those before it. */
function runningSum(gaps: readonly number[]): number[] {
  let sum = 0;
  return gaps.map((gap) => (sum += gap));
}

/**
 * `changes` (from `doc`) as edits in UTF-16 offsets of the text with `lineBreak`
 * line breaks, or `null` when one would split a character (the editor compares
 * text unit by unit, so replacing 😀 with 😃 changes only the second half):
 * the shell takes only whole characters, so the whole text is sent instead.
 */
export function toEdits(doc: Text, changes: ChangeSet, lineBreak: "\n" | "\r\n"): TextEdit[] | null {
  const crlf = lineBreak === "\r\n";
  // Each line break before `pos` is one unit more in a CRLF text.
  const shift = (pos: number) => (crlf ? pos + doc.lineAt(pos).number - 1 : pos);
  const edits: TextEdit[] = [];
  let whole = true;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    const insert = inserted.sliceString(0, inserted.length, lineBreak);
    whole &&= !splitsPair(doc, fromA) && !splitsPair(doc, toA) && !LONE_SURROGATE.test(insert);
    edits.push({ from: shift(fromA), to: shift(toA), insert });
  });
  return whole ? edits : null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `pos` falls between the two halves of a surrogate pair. */
function splitsPair(doc: Text, pos: number): boolean {
  if (pos === 0 || pos === doc.length) return false;
  const pair = doc.sliceString(pos - 1, pos + 1);
  return /^[\ud800-\udbff][\udc00-\udfff]$/.test(pair);
}
