import fc from 'fast-check';
import { evaluate } from '/work/wt/eng/src/engine/index.ts';
import { arbBareRequest, arbStandalonePolicy } from '/work/wt/eng/tests/unit/engine-differential/generators.ts';
import { toEvaluationInput } from '/work/wt/eng/tests/unit/engine-differential/ours.ts';
const docs = fc.sample(arbStandalonePolicy(20, true, 0.5), { seed: 2026, numRuns: 50 });
const inputs = fc.sample(arbBareRequest, { seed: 2027, numRuns: 300 }).map((r) => toEvaluationInput({ ...r, identityPolicies: docs }));
const mode = process.env.MODE ?? 'full';
const t0 = Date.now();
while (Date.now() - t0 < 6000) {
  if (mode === 'read') for (const i of inputs) evaluate(i).trace!.steps.length;
  else for (const i of inputs) evaluate(i, { trace: mode === 'full' });
}
