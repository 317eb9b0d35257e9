/**
 * `npx tsx tests/bench/trace-dump.ts > FILE`: every decision and worded trace of the examples,
 * the lessons (start and solution), the engine benchmark's workloads and random differential
 * cases, one JSON line each. Run it before and after an engine change and compare the files
 * (`cmp`, `sha256sum`): a speed-up must leave every decision and every trace byte-identical.
 *
 * The workloads' requests are decided three ways: traces read at once, traces off, and all
 * decided first with traces then read afterwards in order (a trace read after other requests
 * have filled the caches must read as one read at once).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { evaluate } from '../../src/engine/index.ts';
import type { EvaluationResult } from '../../src/engine/types.ts';
import { loadManagedPolicyCatalog } from '../../src/data/managed-policies.ts';
import { evaluateScenario, loadScenario } from '../../src/model/index.ts';
import {
  arbBareRequest,
  arbCase,
  arbStandalonePolicy,
  MIXED,
} from '../unit/engine-differential/generators.ts';
import { toEvaluationInput } from '../unit/engine-differential/ours.ts';
import type { PolicyDoc } from '../unit/engine-differential/world.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const out = (label: string, value: unknown): void => {
  process.stdout.write(`${label}\t${JSON.stringify(value)}\n`);
};

const catalog = await loadManagedPolicyCatalog();
const files: string[] = [];
for (const f of readdirSync('src/examples').sort())
  if (f.endsWith('.json')) files.push(join('src/examples', f));
for (const d of readdirSync('lessons').sort())
  for (const f of ['start.json', 'solution.json'])
    try {
      readFileSync(join('lessons', d, f));
      files.push(join('lessons', d, f));
    } catch {
      // a lesson without a solution
    }
for (const file of files) {
  const { scenario, problems } = loadScenario(readFileSync(file, 'utf8'));
  if (scenario === null) {
    out(file, { problems: problems.map((p) => p.message) });
    continue;
  }
  evaluateScenario(scenario, { catalog, now: NOW }).forEach((r, i) => out(`${file}#${i}`, r));
}

const traceOf = (r: EvaluationResult) => ({ decision: r.decision, trace: r.trace });
for (const [name, policies, statements, conditions, deny, requests] of [
  ['A', 1, 10, false, 10, 1000],
  ['B', 50, 20, true, 0.5, 300],
] as const) {
  const docs: PolicyDoc[] = fc.sample(arbStandalonePolicy(statements, conditions, deny), {
    seed: 2026,
    numRuns: policies,
  });
  const inputs = fc
    .sample(arbBareRequest, { seed: 2027, numRuns: requests })
    .map((r) => toEvaluationInput({ ...r, identityPolicies: docs }));
  inputs.forEach((input, i) => out(`${name}#${i} read`, traceOf(evaluate(input))));
  inputs.forEach((input, i) => out(`${name}#${i} off`, evaluate(input, { trace: false }).decision));
  const later = inputs.map((input) => evaluate(input));
  later.forEach((r, i) => out(`${name}#${i} later`, traceOf(r)));
}

const cases = fc.sample(arbCase(MIXED), { seed: 2026, numRuns: 3000 });
cases.forEach((c, i) => {
  const input = toEvaluationInput(c);
  const r = evaluate(input);
  out(`random#${i}`, {
    ...traceOf(r),
    untraced: evaluate(input, { trace: false }).decision,
  });
});
