/**
 * How the library is laid out in its key-value store, and how older layouts are migrated.
 *
 * Layout 1 (current):
 *   `meta`               → { layoutVersion: 1, lastOpenedId: string | null }
 *   `scenario:<id>`      → ScenarioRecord
 *   `trash:<id>`         → { record: ScenarioRecord, deletedAt } while a delete can be undone
 *   `quarantine:<key>`   → QuarantinedRecord: a record that could not be read, kept for export
 *
 * Layout 0 (the first prototype, kept so its libraries still open): one key `scenarios` holding
 * an array of { id, name, json, modified (ISO date) }, and `lastOpened` holding an id.
 *
 * Migrations write the new layout before they remove the old one, so an interrupted migration
 * simply runs again on the next start.
 */
import { parseJsonTextWithPositions } from '../model/index.ts';
import type { KeyValueStore } from './kv-store.ts';
import { problemFromError, type StorageProblem } from './problems.ts';

/** The layout version this program writes. */
export const LAYOUT_VERSION = 1;
/** Longest title kept; longer ones are cut (a title is a name, not a document). */
export const MAX_TITLE_LENGTH = 200;
/** Title of a scenario that has none. */
export const UNTITLED = 'Untitled scenario';

export const META_KEY = 'meta';
export const scenarioKey = (id: string): string => `scenario:${id}`;
export const trashKey = (id: string): string => `trash:${id}`;
export const quarantineKey = (key: string): string => `quarantine:${key}`;

/** One scenario in the library. `text` is exactly what the user typed, valid or not. */
export interface ScenarioRecord {
  id: string;
  title: string;
  text: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the last change. */
  updatedAt: number;
  /** Grows by one on every stored change; two tabs compare it to notice each other's writes. */
  rev: number;
}

/** The library's own record. */
export interface LibraryMeta {
  layoutVersion: number;
  lastOpenedId: string | null;
}

/** A deleted record, kept until its undo window closes. */
export interface TrashedRecord {
  record: ScenarioRecord;
  deletedAt: number;
}

/** A record that could not be read, set aside so the rest of the library loads. */
export interface QuarantinedRecord {
  /** The store key it was found under. */
  key: string;
  /** Why it could not be read. */
  reason: string;
  /** Epoch milliseconds. */
  foundAt: number;
  /** Its content, as JSON where possible, else as text; exported for the user to rescue. */
  raw: string;
}

/** Reads a stored value as a scenario record, or says why it is not one. */
export function readScenarioRecord(
  key: string,
  value: unknown,
): { ok: true; record: ScenarioRecord } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `not a record (found ${kindOf(value)})` };
  }
  const r = value as Record<string, unknown>;
  const wrong: string[] = [];
  if (typeof r.id !== 'string' || r.id === '') wrong.push('id');
  else if (scenarioKey(r.id) !== key) wrong.push('id (does not match its key)');
  if (typeof r.title !== 'string') wrong.push('title');
  if (typeof r.text !== 'string') wrong.push('text');
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (typeof r[field] !== 'number' || !Number.isFinite(r[field])) wrong.push(field);
  }
  if (typeof r.rev !== 'number' || !Number.isInteger(r.rev) || r.rev < 1) wrong.push('rev');
  if (wrong.length > 0) return { ok: false, reason: `missing or wrong: ${wrong.join(', ')}` };
  return {
    ok: true,
    record: {
      id: r.id as string,
      title: r.title as string,
      text: r.text as string,
      createdAt: r.createdAt as number,
      updatedAt: r.updatedAt as number,
      rev: r.rev as number,
    },
  };
}

/** Reads the meta record, or undefined when it is not one. */
export function readMeta(value: unknown): LibraryMeta | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (
    typeof m.layoutVersion !== 'number' ||
    !Number.isInteger(m.layoutVersion) ||
    m.layoutVersion < 0
  ) {
    return undefined;
  }
  const lastOpenedId = typeof m.lastOpenedId === 'string' ? m.lastOpenedId : null;
  return { layoutVersion: m.layoutVersion, lastOpenedId };
}

/** Reads a trash entry, or undefined when it is not one. */
export function readTrashed(key: string, value: unknown): TrashedRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Record<string, unknown>;
  const read = readScenarioRecord(scenarioKey(key.slice('trash:'.length)), t.record);
  if (!read.ok || typeof t.deletedAt !== 'number') return undefined;
  return { record: read.record, deletedAt: t.deletedAt };
}

/** Reads a quarantine entry; anything unreadable there is shown as best it can be. */
export function readQuarantined(key: string, value: unknown, now: number): QuarantinedRecord {
  const q = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    key: typeof q.key === 'string' ? q.key : key.slice('quarantine:'.length),
    reason: typeof q.reason === 'string' ? q.reason : 'unknown',
    foundAt: typeof q.foundAt === 'number' ? q.foundAt : now,
    raw: typeof q.raw === 'string' ? q.raw : dump(value),
  };
}

/** A value as text for export: JSON where it can be, else its string form. Never throws. */
export function dump(value: unknown): string {
  try {
    const json = JSON.stringify(value, null, 2);
    if (json !== undefined) return json;
  } catch {
    // Cyclic or BigInt values (IndexedDB can hold both) fall through to the string form.
  }
  try {
    return String(value);
  } catch {
    return '(unprintable value)';
  }
}

/** A short title from free text: trimmed, one line, at most MAX_TITLE_LENGTH characters. */
export function cleanTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TITLE_LENGTH ? line.slice(0, MAX_TITLE_LENGTH - 1) + '…' : line;
}

/** The scenario's own `title`, when its text is JSON with a non-empty string title. */
export function titleFromText(text: string): string | undefined {
  // Only look when the text could carry a title at all: parsing huge texts on each keystroke is waste.
  if (!text.includes('"title"')) return undefined;
  try {
    return titleOf(JSON.parse(text));
  } catch {
    // Text being typed is often invalid JSON; the record keeps its current title then.
    return undefined;
  }
}

/** The own `title` of a scenario's value (the text parsed), when it is a non-empty string. */
export function titleOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('title' in value)) return undefined;
  const title = (value as { title: unknown }).title;
  return typeof title === 'string' && title.trim() !== '' ? cleanTitle(title) : undefined;
}

/**
 * The text with the scenario's own `title` set to `title`, the rest of it exactly as written: the
 * old title's value is replaced where it stands, or a `"title"` line goes in before the first
 * property, indented like it. A text that is not a JSON object is returned as it is.
 */
export function textWithTitle(text: string, title: string): string {
  const parsed = parseJsonTextWithPositions(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return text;
  if (Array.isArray(parsed.value)) return text;
  const value = JSON.stringify(title);
  const old = Object.hasOwn(parsed.value, 'title') ? parsed.locate(['title']) : undefined;
  if (old) return text.slice(0, old.from) + value + text.slice(old.to);
  const keys = Object.keys(parsed.value);
  const first = keys.length > 0 ? parsed.locateKey([keys[0]!]) : undefined;
  if (!first) {
    const root = parsed.locate([])!;
    return `${text.slice(0, root.from + 1)}"title": ${value}${text.slice(root.to - 1)}`;
  }
  const lineStart = text.lastIndexOf('\n', first.from - 1) + 1;
  const before = text.slice(lineStart, first.from);
  const separator = /^\s*$/.test(before) ? `,\n${before}` : ', ';
  return `${text.slice(0, first.from)}"title": ${value}${separator}${text.slice(first.from)}`;
}

/** Upgrades a store one layout version, from the version it is keyed under. */
export type Migration = (store: KeyValueStore, now: number) => Promise<void>;

/** Layout 0 → 1: split the single `scenarios` array into one record per scenario, add `meta`. */
async function migrateV0toV1(store: KeyValueStore, now: number): Promise<void> {
  const old = await store.get('scenarios');
  const lastOpened = await store.get('lastOpened');
  const items = Array.isArray(old) ? old : [];
  if (!Array.isArray(old) && old !== undefined) {
    await store.set(quarantineKey('scenarios'), {
      key: 'scenarios',
      reason: 'layout 0 list is not an array',
      foundAt: now,
      raw: dump(old),
    } satisfies QuarantinedRecord);
  }
  for (const [index, item] of items.entries()) {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof o.id !== 'string' || o.id === '' || typeof o.json !== 'string') {
      await store.set(quarantineKey(`scenarios[${index}]`), {
        key: `scenarios[${index}]`,
        reason: 'layout 0 entry without a string id and json',
        foundAt: now,
        raw: dump(item),
      } satisfies QuarantinedRecord);
      continue;
    }
    const modified = typeof o.modified === 'string' ? Date.parse(o.modified) : NaN;
    const at = Number.isFinite(modified) ? modified : now;
    const name = typeof o.name === 'string' ? cleanTitle(o.name) : '';
    const record: ScenarioRecord = {
      id: o.id,
      title: name || titleFromText(o.json) || UNTITLED,
      text: o.json,
      createdAt: at,
      updatedAt: at,
      rev: 1,
    };
    await store.set(scenarioKey(o.id), record);
  }
  const meta: LibraryMeta = {
    layoutVersion: 1,
    lastOpenedId: typeof lastOpened === 'string' ? lastOpened : null,
  };
  await store.set(META_KEY, meta);
  await store.del('scenarios');
  await store.del('lastOpened');
}

/** Migrations keyed by the layout version they upgrade from. */
export const migrations: Readonly<Record<number, Migration>> = { 0: migrateV0toV1 };

/** The layout version a store holds: from `meta`, or 0 for a prototype store, or undefined when empty. */
export async function storedLayoutVersion(store: KeyValueStore): Promise<number | undefined> {
  const meta = readMeta(await store.get(META_KEY));
  if (meta) return meta.layoutVersion;
  if ((await store.get('scenarios')) !== undefined) return 0;
  return undefined;
}

/**
 * Brings a store to LAYOUT_VERSION. Returns the version found, or a problem (`too-new` when a
 * newer program wrote it: then nothing is changed).
 */
export async function migrateStore(
  store: KeyValueStore,
  now: number,
): Promise<{ ok: true; from: number | undefined } | { ok: false; problem: StorageProblem }> {
  try {
    const rawMeta = await store.get(META_KEY);
    if (rawMeta !== undefined && !readMeta(rawMeta)) {
      // An unreadable meta record says nothing about the layout; keep it for export, start afresh.
      await store.set(quarantineKey(META_KEY), {
        key: META_KEY,
        reason: 'the library record is unreadable',
        foundAt: now,
        raw: dump(rawMeta),
      } satisfies QuarantinedRecord);
      await store.del(META_KEY);
    }
    const from = await storedLayoutVersion(store);
    if (from === undefined) {
      await store.set(META_KEY, {
        layoutVersion: LAYOUT_VERSION,
        lastOpenedId: null,
      } satisfies LibraryMeta);
      return { ok: true, from };
    }
    if (from > LAYOUT_VERSION) {
      return {
        ok: false,
        problem: {
          code: 'too-new',
          message: `Your library was saved by a newer IAM Playground (layout ${from}; this one knows ${LAYOUT_VERSION}). Reload the page to get the newer version. Until then nothing is saved here, so nothing of yours is overwritten.`,
        },
      };
    }
    for (let version = from; version < LAYOUT_VERSION; version++) {
      const migration = migrations[version];
      if (!migration) {
        return {
          ok: false,
          problem: {
            code: 'unknown',
            message: `No way to upgrade a library from layout ${version}.`,
          },
        };
      }
      await migration(store, now);
    }
    return { ok: true, from };
  } catch (error) {
    return { ok: false, problem: problemFromError(error, 'upgrading your library') };
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
