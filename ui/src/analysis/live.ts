/**
 * The editor's side of the live analysis (`specwright_core::live`): sends the
 * edits since the text the shell last analysed instead of the whole text, and
 * rebuilds a whole {@link Analysis} from answers that carry only what changed —
 * the new preview HTML as a splice of the HTML on show, and panel data only
 * when it differs. When edits cannot be sent or are refused, the same call sends
 * the whole text instead; after any other failure the next call does.
 */
import { ChangeSet, type Text } from "@codemirror/state";
import * as ipc from "../ipc";
import type { Analysis, LiveAnalysis, TextChange, TextEdit } from "../ipc";

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
  /** The analysis the editor shows, whole. */
  private shown: { version: number; analysis: Analysis } | null = null;
  /** Starts anywhere, so a reloaded page does not reuse the numbers of the one before. */
  private nextVersion = Math.floor(Math.random() * 2 ** 30);

  /** Every document change, in order (the editor's update listener calls this). */
  noteChange(before: Text, changes: ChangeSet, after: Text): void {
    const t = this.tracked;
    this.tracked = t && t.to === before ? { from: t.from, changes: t.changes.compose(changes), to: after } : null;
  }

  /**
   * Analyses `doc` (`lineBreak`: the file's, which the shell's text uses) and
   * answers the whole analysis, to be shown.
   */
  async analyze(doc: Text, lineBreak: "\n" | "\r\n", templateId: string | null): Promise<Analysis> {
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
    return ipc.analyze({ version: this.nextVersion++, text, template_id: templateId, shown: this.shown?.version ?? null });
  }

  private assemble(answer: LiveAnalysis): Analysis {
    const base = this.shown?.analysis;
    this.shown = null;
    const { keep_start, keep_end, insert } = answer.html;
    if (!base && (keep_start || keep_end || !answer.checklist || !answer.report || !answer.outline)) {
      throw new Error("the preview is out of step with the engine; it will catch up with the next change");
    }
    const analysis: Analysis = {
      html: base ? base.html.slice(0, keep_start) + insert + base.html.slice(base.html.length - keep_end) : insert,
      checklist: answer.checklist ?? base!.checklist,
      report: answer.report ?? base!.report,
      outline: answer.outline ?? base!.outline,
      word_count: answer.word_count,
    };
    this.shown = { version: answer.version, analysis };
    return analysis;
  }
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
