/**
 * Applies a finding's quick fix to a scenario: the value at the fix's JSON path is replaced by
 * its replacement, in a copy (the scenario is never mutated, so undo, storage and the worker see
 * plain values).
 *
 * A fix is computed from one version of the scenario and may be applied to a later one (the user
 * kept typing while findings were computed). So it only writes where the world still has room
 * for it: every container on the path must still be there; only the last key may be new (a role
 * without a `trust` gets one). Anything else is refused with a reason, never half-applied.
 */
import type { FindingFix } from '../../findings/index.ts';
import type { JsonPath } from '../../engine/index.ts';
import { type ScenarioDocument, getIn, isObject, jsonEqual, setIn } from '../../model/index.ts';

/** The fixed scenario, or why the fix could not be applied. */
export type ApplyFixResult = { ok: true; value: ScenarioDocument } | { ok: false; problem: string };

const show = (path: JsonPath): string => JSON.stringify(path);

/**
 * A copy of `scenario` with `fix.replacement` at `fix.path`. A fix that changes nothing returns
 * the same scenario object (callers may then skip the edit).
 *
 * `basis` is the scenario the fix was computed from, when known: if the value at the fix's path
 * has changed since (the user edited it meanwhile), the fix is refused rather than overwrite
 * that edit with a replacement made for the old value.
 */
export function applyFix(
  scenario: ScenarioDocument,
  fix: Pick<FindingFix, 'path' | 'replacement'>,
  basis?: unknown,
): ApplyFixResult {
  const { path } = fix;
  if (path.length === 0) {
    return { ok: false, problem: 'A quick fix never replaces the whole scenario.' };
  }
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1]!;
  const parent = parentPath.length === 0 ? scenario : getIn(scenario, parentPath);
  if (Array.isArray(parent)) {
    // An index may replace an item, or append right after the last one.
    if (typeof last !== 'number' || !Number.isInteger(last) || last < 0 || last > parent.length) {
      return {
        ok: false,
        problem: `The list at ${show(parentPath)} has no place ${String(last)}.`,
      };
    }
  } else if (isObject(parent)) {
    if (typeof last !== 'string') {
      return { ok: false, problem: `${show(parentPath)} is an object, not a list.` };
    }
  } else {
    return {
      ok: false,
      problem: `Nothing to fix at ${show(path)}: the scenario changed since the finding.`,
    };
  }
  const current = getIn(scenario, path);
  if (jsonEqual(current, fix.replacement)) return { ok: true, value: scenario };
  if (basis !== undefined && !jsonEqual(current, getIn(basis, path))) {
    return {
      ok: false,
      problem: `${show(path)} changed since the finding was made; the findings are being updated.`,
    };
  }
  return { ok: true, value: setIn(scenario, path, fix.replacement) as ScenarioDocument };
}
