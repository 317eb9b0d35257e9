/**
 * Action matching (AWS page "IAM JSON policy elements: Action"): `service:Action`, compared
 * case-insensitively, with `*` and `?` wildcards.
 */
import { boundedCache } from './caches.ts';
import { compileGlob, type StringMatcher } from './wildcard.ts';

/** A compiled list of action patterns. The request action must be lowercased by the caller. */
export interface ActionMatcher {
  /** Patterns as written, for the trace. */
  patterns: string[];
  /** Returns the pattern that matched, or undefined. */
  find(actionLower: string): string | undefined;
}

/** Compiles the patterns of one Action or NotAction element. */
export function compileActions(patterns: string[]): ActionMatcher {
  const literals = new Map<string, string>();
  const globs: { m: StringMatcher; p: string }[] = [];
  let any: string | undefined;
  for (const p of patterns) {
    const lower = p.toLowerCase();
    if (lower === '*') any ??= p;
    else if (!lower.includes('*') && !lower.includes('?')) literals.set(lower, p);
    else globs.push({ m: compileGlob(lower), p });
  }
  // Services named literally by every pattern: an action of another service is rejected at once.
  const services = new Set<string>();
  let servicesComplete = any === undefined;
  for (const p of patterns) {
    const colon = p.indexOf(':');
    const service = colon < 0 ? '' : p.slice(0, colon).toLowerCase();
    if (service === '' || service.includes('*') || service.includes('?')) servicesComplete = false;
    else services.add(service);
  }
  // Requests often repeat the action: remember the last answer (matching is a pure function).
  let lastAction: string | undefined;
  let lastHit: string | undefined;
  const find = (actionLower: string): string | undefined => {
    if (any !== undefined) return any;
    if (actionLower === lastAction) return lastHit;
    let hit: string | undefined;
    const colon = actionLower.indexOf(':');
    if (!servicesComplete || services.has(colon < 0 ? actionLower : actionLower.slice(0, colon))) {
      hit = literals.get(actionLower);
      if (hit === undefined)
        for (const g of globs)
          if (g.m(actionLower)) {
            hit = g.p;
            break;
          }
    }
    lastAction = actionLower;
    lastHit = hit;
    return hit;
  };
  return { patterns, find };
}

const single = boundedCache<string, ActionMatcher>('single action patterns', 5000);

/** True when the action pattern (e.g. `s3:Get*`) matches the action (e.g. `S3:GetObject`). */
export function matchAction(pattern: string, action: string): boolean {
  const m = single.get(pattern) ?? single.set(pattern, compileActions([pattern]));
  return m.find(action.toLowerCase()) !== undefined;
}
