/** `checkPolicy`: every finding about one policy document. */
import type { Locator, PolicyKind } from '../engine/index.ts';
import type { ServiceReference } from '../data/service-reference.ts';
import { actionNameFindings, conditionFindings, resourceFindings } from './reference-checks.ts';
import { securityFindings } from './security-checks.ts';
import { statementsOf } from './statements.ts';
import type { Finding, PolicyContext } from './types.ts';

/** Adds source ranges to findings when a locator knows their paths. */
export function locateFindings(findings: Finding[], locate: Locator | undefined): Finding[] {
  if (!locate) return findings;
  return findings.map((f) => {
    const range = locate(f.path);
    return range ? { ...f, range } : f;
  });
}

/**
 * Checks one policy document against AWS's service reference and for grants broader than they
 * look. Never throws: a malformed document yields the findings its readable parts allow
 * (validation reports the rest). Paths are relative to the document.
 *
 * `ref` should have loaded the services the document names (`loadReferenceFor(document)`);
 * checks about a service that is not loaded stay silent rather than guess.
 * `context` says what is known about where the policy stands (its account, its resource).
 */
export function checkPolicy(
  document: unknown,
  kind: PolicyKind,
  ref: ServiceReference,
  locate?: Locator,
  context: PolicyContext = {},
): Finding[] {
  const findings = statementsOf(document).flatMap((st) => [
    ...actionNameFindings(st, ref),
    ...resourceFindings(st, ref),
    ...conditionFindings(st, ref),
    ...securityFindings(st, kind, context),
  ]);
  return locateFindings(findings, locate);
}
