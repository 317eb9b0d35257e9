/**
 * The scenario's requests, and replacing one document (a policy, or the whole scenario) at its path.
 */
import type { JsonPath } from '../../engine/index.ts';
import { deleteIn, isObject, setIn, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument, ScenarioRequest } from '../scenario-types.ts';

/** The scenario's requests (entries that are not objects are kept by index but read as empty). */
export function requestsOf(scenario: ScenarioDocument): JsonObject[] {
  const requests = scenario['requests'];
  return Array.isArray(requests) ? requests.map((r: unknown) => (isObject(r) ? r : {})) : [];
}

/** `request-1`, `request-2`... the first not in `taken`. */
export function freshRequestId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`request-${n}`)) return `request-${n}`;
}

/** Adds a request with a fresh id; fields not given start empty. */
export function addRequest(
  scenario: ScenarioDocument,
  fields: Partial<ScenarioRequest> = {},
): ScenarioDocument {
  const requests = scenario['requests'];
  const list: unknown[] = Array.isArray(requests) ? requests : [];
  const ids = requestsOf(scenario).map((r) => String(r['id'] ?? ''));
  const request: JsonObject = {
    id: fields.id && !ids.includes(fields.id) ? fields.id : freshRequestId(ids),
    principal: fields.principal ?? '',
    action: fields.action ?? '',
    resource: fields.resource ?? '',
  };
  if (fields.context) request['context'] = fields.context;
  if (fields.sessionPolicy !== undefined) request['sessionPolicy'] = fields.sessionPolicy;
  if (fields.expect) request['expect'] = fields.expect;
  return { ...scenario, requests: [...list, request] };
}

/**
 * Changes fields of the request at `index`. A field set to `undefined` is removed
 * (e.g. `{ expect: undefined }` drops the expectation).
 */
export function updateRequest(
  scenario: ScenarioDocument,
  index: number,
  patch: Partial<Record<keyof ScenarioRequest, unknown>>,
): ScenarioDocument {
  const requests = scenario['requests'];
  if (!Array.isArray(requests) || index < 0 || index >= requests.length) return scenario;
  const current: unknown = requests[index];
  const next: JsonObject = isObject(current) ? { ...current } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return setIn(scenario, ['requests', index], next) as ScenarioDocument;
}

/** Removes the request at `index`. */
export function deleteRequest(scenario: ScenarioDocument, index: number): ScenarioDocument {
  return deleteIn(scenario, ['requests', index]) as ScenarioDocument;
}

/** Replaces the document at `path` (a policy inside the scenario, or the whole scenario with []). */
export function setDocument(
  scenario: ScenarioDocument,
  path: JsonPath,
  document: unknown,
): ScenarioDocument {
  const next = setIn(scenario, path, document);
  return isObject(next) ? next : scenario;
}
