/**
 * The small immutable steps every world edit is made of: set or remove a field, change one entry,
 * change every entry of a collection, add to or remove from a list of names.
 */
import type { JsonPath } from '../../engine/index.ts';
import { deleteIn, getIn, isObject, setIn, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';

/** May the entry `oldName` among `names` take `newName`: is it there, and the new name free and not empty? */
export function canRename(names: readonly string[], oldName: string, newName: string): boolean {
  return names.includes(oldName) && !names.includes(newName) && newName !== '';
}

/** Sets `key` of the object at `path` (null removes it); the scenario itself when there is no object. */
export function setField(
  scenario: ScenarioDocument,
  path: JsonPath,
  key: string,
  value: unknown,
): ScenarioDocument {
  if (!isObject(getIn(scenario, path))) return scenario;
  return value === null
    ? (deleteIn(scenario, [...path, key]) as ScenarioDocument)
    : (setIn(scenario, [...path, key], value) as ScenarioDocument);
}

/** Adds `entry` under `name` in the map at `path` (made when missing); nothing when the name is taken. */
export function addEntry(
  scenario: ScenarioDocument,
  path: JsonPath,
  name: string,
  entry: unknown,
): ScenarioDocument {
  const map = getIn(scenario, path);
  if (isObject(map) && Object.hasOwn(map, name)) return scenario;
  return setIn(scenario, [...path, name], entry) as ScenarioDocument;
}

/** Applies `change` to the object at `path`; the scenario itself when there is none or nothing changes. */
export function updateEntry(
  scenario: ScenarioDocument,
  path: JsonPath,
  change: (entry: JsonObject) => JsonObject,
): ScenarioDocument {
  const entry = getIn(scenario, path);
  if (!isObject(entry)) return scenario;
  const next = change(entry);
  return next === entry ? scenario : (setIn(scenario, path, next) as ScenarioDocument);
}

/** Applies `change` to every entry that is an object in the collection at `path` (an account's users, the resources). */
export function mapEntries(
  scenario: ScenarioDocument,
  path: JsonPath,
  change: (entry: JsonObject) => JsonObject,
): ScenarioDocument {
  const entries = getIn(scenario, path);
  if (!isObject(entries)) return scenario;
  let changed = false;
  const copy: JsonObject = {};
  for (const key of Object.keys(entries)) {
    const entry = entries[key];
    const next = isObject(entry) ? change(entry) : entry;
    if (next !== entry) changed = true;
    Object.defineProperty(copy, key, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return changed ? (setIn(scenario, path, copy) as ScenarioDocument) : scenario;
}

export function listOf(entry: JsonObject, key: string): unknown[] {
  const value = entry[key];
  return Array.isArray(value) ? value : [];
}

export function addToList(entry: JsonObject, key: string, item: string): JsonObject {
  const list = listOf(entry, key);
  return list.includes(item) ? entry : { ...entry, [key]: [...list, item] };
}

/**
 * `entry` without `item` in its list at `key`. With `keepEmpty` false an emptied list leaves the
 * entry without the key, as one that never had an item (the console writes what AWS's calls leave).
 */
export function removeFromList(
  entry: JsonObject,
  key: string,
  item: string,
  keepEmpty = true,
): JsonObject {
  return removeWhere(entry, key, (x) => x === item, keepEmpty);
}

/** `entry` without the items of its list at `key` that `drop` picks; see `removeFromList` for `keepEmpty`. */
export function removeWhere(
  entry: JsonObject,
  key: string,
  drop: (item: unknown) => boolean,
  keepEmpty = true,
): JsonObject {
  const list = listOf(entry, key);
  const rest = list.filter((x) => !drop(x));
  if (rest.length === list.length) return entry;
  if (rest.length > 0 || keepEmpty) return { ...entry, [key]: rest };
  const { [key]: _removed, ...others } = entry;
  return others;
}
