/**
 * One scenario as a tab holds it: its newest version, what the store holds as far as the tab
 * knows, and whether it has edits not stored yet.
 */
import { titleFromText, type ScenarioRecord } from './layout.ts';

export interface Entry {
  /** The newest version in this tab; `rev` is the highest rev this tab has seen stored. */
  record: ScenarioRecord;
  /** The rev the store holds as far as this tab knows; 0 when it should hold nothing. */
  storedRev: number;
  /** Counts changes; the entry is dirty while `editSeq !== savedSeq`. */
  editSeq: number;
  savedSeq: number;
  /** The `title` inside `record.text`, kept so each keystroke parses the text once, not twice. */
  textTitle: string | undefined;
}

/** An entry for a record: `stored` when the store holds exactly this record, else a change to write. */
export function entryOf(record: ScenarioRecord, stored: boolean): Entry {
  return stored
    ? {
        record,
        storedRev: record.rev,
        editSeq: 0,
        savedSeq: 0,
        textTitle: titleFromText(record.text),
      }
    : { record, storedRev: 0, editSeq: 1, savedSeq: 0, textTitle: titleFromText(record.text) };
}

export const isDirty = (e: Entry): boolean => e.editSeq !== e.savedSeq;

/** Two versions that say the same: no conflict between them, whatever their revs. */
export const sameContent = (a: ScenarioRecord, b: ScenarioRecord): boolean =>
  a.text === b.text && a.title === b.title;
