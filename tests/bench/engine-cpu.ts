/**
 * `npx tsx tests/bench/engine-cpu.ts [OTHER_ENGINE_INDEX]`: CPU time per decision of the engine
 * benchmark's workloads (`npm run bench`, seed 2026) with traces off, full traces (not read) and
 * traces read, without iam-simulate: best of interleaved rounds in one process, so a change can be
 * compared with a copy of the old engine (e.g. `cp -r src/engine /tmp/base/`, then pass
 * `/tmp/base/engine/index.ts`) at the same load. CPU time (`process.cpuUsage`) is less sensitive
 * to a shared machine's load than wall time, but not immune to it: note `uptime` beside a figure.
 * ROUNDS (default 8), ONLY=A or ONLY=B, B_REQUESTS (default 300; the bench has 1,000), REVERSE
 * (time the other engine first in each round), CHUNK (time chunks of that many requests in turn).
 */
import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import * as ours from '../../src/engine/index.ts';
import type { EvaluationInput } from '../../src/engine/types.ts';
import { arbBareRequest, arbStandalonePolicy } from '../unit/engine-differential/generators.ts';
import { toEvaluationInput } from '../unit/engine-differential/ours.ts';
import type { PolicyDoc } from '../unit/engine-differential/world.ts';

type Engine = typeof ours;
const engines: [string, Engine][] = [['this', ours]];
if (process.argv[2] !== undefined)
  engines.push(['other', (await import(pathToFileURL(process.argv[2]).href)) as Engine]);
if (process.env['REVERSE'] !== undefined) engines.reverse();
const ROUNDS = Number(process.env['ROUNDS'] ?? 8);

function workload(
  policies: number,
  statements: number,
  conditions: boolean,
  deny: number,
  requests: number,
): EvaluationInput[] {
  const docs: PolicyDoc[] = fc.sample(arbStandalonePolicy(statements, conditions, deny), {
    seed: 2026,
    numRuns: policies,
  });
  return fc
    .sample(arbBareRequest, { seed: 2027, numRuns: requests })
    .map((r) => toEvaluationInput({ ...r, identityPolicies: docs }));
}

const CHUNK = Number(process.env['CHUNK'] ?? 0);
const chunks = (inputs: EvaluationInput[]): EvaluationInput[][] =>
  Array.from({ length: Math.ceil(inputs.length / CHUNK) }, (_, i) =>
    inputs.slice(i * CHUNK, (i + 1) * CHUNK),
  );
const modes = ['off', 'full', 'read'] as const;
/** CPU µs per decision over `inputs`, repeated for at least `ms` of CPU. */
function cpu(
  e: Engine,
  inputs: EvaluationInput[],
  mode: (typeof modes)[number],
  ms: number,
): number {
  let n = 0;
  let steps = 0;
  const start = process.cpuUsage();
  let used = 0;
  do {
    if (mode === 'read') for (const i of inputs) steps += e.evaluate(i).trace!.steps.length;
    else for (const i of inputs) e.evaluate(i, { trace: mode === 'full' });
    n += inputs.length;
    const u = process.cpuUsage(start);
    used = (u.user + u.system) / 1000;
  } while (used < ms);
  if (mode === 'read' && steps === 0) throw new Error('no steps');
  return (used * 1000) / n;
}

for (const [name, inputs] of [
  ['A', workload(1, 10, false, 10, 2000)],
  ['B', workload(50, 20, true, 0.5, Number(process.env['B_REQUESTS'] ?? 300))],
] as const) {
  if (process.env['ONLY'] !== undefined && process.env['ONLY'] !== name) continue;
  const best = new Map<string, number>();
  for (const [, e] of engines) for (const m of modes) cpu(e, inputs, m, 50); // warm-up
  for (let r = 0; r < ROUNDS; r++)
    for (const [en, e] of engines)
      for (const m of modes) {
        const k = `${en} ${m}`;
        // CHUNK=n times chunks of n requests in turn, as `npm run bench` does (its B: 50).
        const v =
          CHUNK > 0
            ? chunks(inputs).reduce((sum, part) => sum + cpu(e, part, m, 20) * part.length, 0) /
              inputs.length
            : cpu(e, inputs, m, 150);
        best.set(k, Math.min(best.get(k) ?? Infinity, v));
      }
  for (const [en] of engines)
    console.log(
      `${name} ${en.padEnd(5)} ` +
        modes.map((m) => `${m} ${best.get(`${en} ${m}`)!.toFixed(2)} µs`).join('  '),
    );
}
