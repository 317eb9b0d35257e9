/**
 * The class sheet: one row per hand-in, one column per goal of the exercise, each cell met,
 * not met, or (for a hand-in built from a changed exercise) not counted. Sorting and CSV are
 * here; deciding the students' worlds is the sheet's UI's (it asks a worker).
 */
import type { HandInIdentity } from './hand-in.ts';

export type CellState = 'met' | 'not-met' | 'changed';

export interface SheetRow {
  /** Where the hand-in came from ("alice.json", "link 2"). */
  source: string;
  student: string;
  handedInAt: string;
  identity: HandInIdentity;
  /** By goal id. */
  cells: Record<string, CellState>;
}

export interface SheetColumn {
  id: string;
  /** The teacher's sentence, or the id. */
  label: string;
}

/** Goals met in a row (none count for a changed exercise). */
export const metCount = (row: SheetRow): number =>
  Object.values(row.cells).filter((c) => c === 'met').length;

export type SortKey = 'student' | 'handedInAt' | 'met' | `goal:${string}`;

const CELL_ORDER: Record<CellState, number> = { met: 2, 'not-met': 1, changed: 0 };

/** The rows sorted by `key`; ties keep the order the hand-ins were added in. */
export function sortRows(
  rows: readonly SheetRow[],
  key: SortKey,
  direction: 'ascending' | 'descending',
): SheetRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const value = (row: SheetRow): string | number => {
    if (key === 'student') return row.student.toLocaleLowerCase();
    if (key === 'handedInAt') return Date.parse(row.handedInAt);
    if (key === 'met') return row.identity.status === 'changed' ? -1 : metCount(row);
    const cell = row.cells[key.slice('goal:'.length)];
    return cell === undefined ? -1 : CELL_ORDER[cell];
  };
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      const order =
        typeof a.v === 'string' && typeof b.v === 'string'
          ? a.v.localeCompare(b.v)
          : Number(a.v) - Number(b.v);
      return order * sign || a.index - b.index;
    })
    .map((x) => x.row);
}

const CELL_TEXT: Record<CellState, string> = {
  met: 'met',
  'not-met': 'not met',
  changed: 'changed exercise',
};
export const cellText = (state: CellState | undefined): string => (state ? CELL_TEXT[state] : '');

export function identityText(identity: HandInIdentity): string {
  if (identity.status === 'same') return 'as handed out';
  if (identity.status === 'changed') return 'changed exercise';
  return 'not compared (no such exercise in your library)';
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a field a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is
 * prefixed with an apostrophe, so a student's name cannot run code in the teacher's spreadsheet.
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The sheet as CSV: student, handed in, exercise, goals met, then one column per goal. */
export function toCsv(rows: readonly SheetRow[], columns: readonly SheetColumn[]): string {
  const header = ['Student', 'Handed in', 'Exercise', 'Goals met', ...columns.map((c) => c.label)];
  const lines = rows.map((row) => [
    row.student,
    row.handedInAt,
    identityText(row.identity),
    `${row.identity.status === 'changed' ? 0 : metCount(row)} of ${columns.length}`,
    ...columns.map((c) => cellText(row.cells[c.id])),
  ]);
  return [header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
