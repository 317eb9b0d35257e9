/**
 * What the Access drawer's views (access cells, escalation hops, change counterexamples) do
 * with one request: decide it with its trace in the worker, and add it to the scenario's
 * requests as one undoable step.
 */
import { addRequest, requestsOf, type ScenarioRequest } from '../../model/index.ts';
import type { Answer, AccessTraceResponse } from '../../worker/index.ts';
import type { Playground } from '../state/playground.svelte.ts';

/** A request of a view: what the worker decides and what "add as request" adds. */
export type ViewRequest = Pick<ScenarioRequest, 'principal' | 'action' | 'resource'> &
  Partial<Pick<ScenarioRequest, 'context' | 'expect'>>;

/** The request decided as a request of its own against the world on screen, with its trace. */
export function traceRequest(
  playground: Playground,
  request: ViewRequest,
): Promise<Answer<AccessTraceResponse>> {
  const { principal, action, resource, context } = request;
  return playground.send({
    type: 'access-trace',
    revision: playground.revision,
    principal,
    action,
    resource,
    ...(context ? { context } : {}),
  });
}

/** Adds the request to the scenario's requests (one undoable step) and shows it; false when refused. */
export function addAsRequest(playground: Playground, request: ViewRequest): boolean {
  const { principal, action, resource, context, expect } = request;
  const added = playground.edit(`add request ${action} on ${resource}`, (s) =>
    addRequest(s, {
      principal,
      action,
      resource,
      ...(context ? { context } : {}),
      ...(expect ? { expect } : {}),
    }),
  );
  if (!added) return false;
  playground.revealRequest(requestsOf(playground.scenario).length - 1);
  playground.announce(`Added a request: ${action} on ${resource}.`);
  return true;
}
