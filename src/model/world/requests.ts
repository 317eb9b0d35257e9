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

/**
 * A request's name wherever the app shows one: its id, or, without one, `request-N` by its
 * place (N from 1), the form the app gives the ids it makes (`freshRequestId`).
 */
export function requestName(request: unknown, index: number): string {
  const id = isObject(request) ? request['id'] : undefined;
  return typeof id === 'string' && id !== '' ? id : `request-${index + 1}`;
}

/** `request-1`, `request-2`... the first not in `taken`. */
export function freshRequestId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`request-${n}`)) return `request-${n}`;
}

/** Adds a request with a fresh id (a name no other request shows); fields not given start empty. */
export function addRequest(
  scenario: ScenarioDocument,
  fields: Partial<ScenarioRequest> = {},
): ScenarioDocument {
  const requests = scenario['requests'];
  const list: unknown[] = Array.isArray(requests) ? requests : [];
  // Taken: every name shown, so a request without an id (shown as `request-1`) is not joined
  // by a new request of that name.
  const names = list.map(requestName);
  const request: JsonObject = {
    id: fields.id && !names.includes(fields.id) ? fields.id : freshRequestId(names),
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
