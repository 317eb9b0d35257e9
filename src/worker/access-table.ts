/**
 * The cells of an access analysis, flat: one Int32Array of string indexes and the list of
 * distinct strings. A principal's what-can is tens of thousands of cells; as objects they take
 * the page a long task to receive, as one typed array they cross in a moment. The worker
 * writes tables (`TableWriter`), the Access panel reads them (`readCell`).
 */
import type { Cell, ServiceGroup } from '../analysis/index.ts';
import type { AccessTable } from './protocol.ts';

/** The columns of a cell, in order. */
export const ACCESS_COLUMNS = [
  'principal',
  'service',
  'access',
  'action',
  'resource',
  'resourceKind',
  'status',
  'detail',
] as const;

const WIDTH = ACCESS_COLUMNS.length;

/** One cell as the panel reads it. `detail`: the layer of a denied cell, the keys of a conditional one. */
export type AccessCell = Record<(typeof ACCESS_COLUMNS)[number], string>;

/** Collects cells into a table, one string list for all of them. */
export class TableWriter {
  readonly #strings: string[] = [];
  readonly #index = new Map<string, number>();
  #cells = new Int32Array(1024);
  #length = 0;

  #id(text: string): number {
    let id = this.#index.get(text);
    if (id === undefined) {
      id = this.#strings.length;
      this.#strings.push(text);
      this.#index.set(text, id);
    }
    return id;
  }

  add(cell: AccessCell): void {
    if (this.#length + WIDTH > this.#cells.length) {
      const grown = new Int32Array(this.#cells.length * 2);
      grown.set(this.#cells);
      this.#cells = grown;
    }
    for (const column of ACCESS_COLUMNS) this.#cells[this.#length++] = this.#id(cell[column]);
  }

  /** Adds every cell of the analysis' service groups. */
  addGroups(groups: ServiceGroup[]): void {
    for (const service of groups)
      for (const level of service.levels)
        for (const row of level.actions)
          for (const cell of row.cells) this.add(flatCell(service.service, level.access, cell));
  }

  get size(): number {
    return this.#length / WIDTH;
  }

  table(): AccessTable {
    return { strings: [...this.#strings], cells: this.#cells.slice(0, this.#length) };
  }
}

function flatCell(service: string, access: string, cell: Cell): AccessCell {
  return {
    principal: cell.principal,
    service,
    access,
    action: cell.action,
    resource: cell.resource,
    resourceKind: cell.resourceKind,
    status: cell.status,
    detail:
      cell.status === 'denied'
        ? (cell.layer ?? '')
        : cell.status === 'conditional'
          ? (cell.keys ?? []).join(', ')
          : '',
  };
}

/** How many cells a table holds. */
export function cellCount(table: AccessTable): number {
  return table.cells.length / WIDTH;
}

/** The string index of one column of cell `row` (cheap: filters compare these). */
export function cellField(
  table: AccessTable,
  row: number,
  column: (typeof ACCESS_COLUMNS)[number],
): number {
  return table.cells[row * WIDTH + ACCESS_COLUMNS.indexOf(column)]!;
}

/** Cell `row` with its texts. */
export function readCell(table: AccessTable, row: number): AccessCell {
  const out = {} as AccessCell;
  ACCESS_COLUMNS.forEach((column, i) => {
    out[column] = table.strings[table.cells[row * WIDTH + i]!]!;
  });
  return out;
}
