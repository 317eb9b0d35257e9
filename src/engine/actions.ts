/**
 * Action matching (AWS page "IAM JSON policy elements: Action"): `service:Action`, compared
 * case-insensitively, with `*` and `?` wildcards.
 */
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
  return {
    patterns,
    find(actionLower) {
      if (any !== undefined) return any;
      const lit = literals.get(actionLower);
      if (lit !== undefined) return lit;
      for (const g of globs) if (g.m(actionLower)) return g.p;
      return undefined;
    },
  };
}

const single = new Map<string, ActionMatcher>();

/** True when the action pattern (e.g. `s3:Get*`) matches the action (e.g. `S3:GetObject`). */
export function matchAction(pattern: string, action: string): boolean {
  let m = single.get(pattern);
  if (m === undefined) {
    if (single.size > 5000) single.clear();
    m = compileActions([pattern]);
    single.set(pattern, m);
  }
  return m.find(action.toLowerCase()) !== undefined;
}
