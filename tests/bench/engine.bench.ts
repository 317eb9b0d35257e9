/**
 * `npm run bench`: how many decisions per second our engine makes, next to iam-simulate,
 * on the same seeded requests in the same process. A benchmark, not a test: it prints
 * figures and whether the targets are met, and fails (exit status 1) only when the two
 * engines decide some request differently.
 *
 *   A: one identity policy of 10 statements, 10,000 requests          target ≥ 150× iam-simulate
 *   B: 50 identity policies × 20 statements with conditions,
 *      NotAction/NotResource and policy variables, 1,000 requests    target ≥ 500× iam-simulate
 *
 * Our rate is measured with full traces (the default), with `trace: false`, and with full
 * traces that are read (the engine words a trace when it is first read; the app's worker reads
 * every trace it sends, a batch check or an analysis reads none). Both engines are
 * timed chunk by chunk on the same requests, ours right after iam-simulate, so that changing load
 * on a shared machine does not skew the ratio.
 * BENCH_SEED changes the seed (default 2026).
 */
import fc from 'fast-check';
import { evaluate } from '../../src/engine/index.ts';
import type { Decision, EvaluationInput } from '../../src/engine/types.ts';
import { arbBareRequest, arbStandalonePolicy } from '../unit/engine-differential/generators.ts';
import { knownDivergence } from '../unit/engine-differential/divergences.ts';
import { oracleDecide } from '../unit/engine-differential/oracle.ts';
import { toEvaluationInput } from '../unit/engine-differential/ours.ts';
import type { DiffCase, PolicyDoc } from '../unit/engine-differential/world.ts';

const SEED = Number(process.env['BENCH_SEED'] ?? 2026);

interface Workload {
  name: string;
  description: string;
  policies: number;
  statements: number;
  conditions: boolean;
  /** Share of Deny statements, in percent: with 1,000 statements, a few broad Denies deny everything. */
  denyPercent: number;
  requests: number;
  /** Requests per timing chunk (see `run`). */
  chunk: number;
  /** Minimum speed-up over iam-simulate, with full traces. */
  target: number;
}

const WORKLOADS: Workload[] = [
  {
    name: 'A',
    description: '1 identity policy × 10 statements, 10,000 requests',
    policies: 1,
    statements: 10,
    conditions: false,
    denyPercent: 10,
    requests: 10_000,
    chunk: 500,
    target: 150,
  },
  {
    name: 'B',
    description:
      '50 identity policies × 20 statements (conditions, NotAction/NotResource, variables), 1,000 requests',
    policies: 50,
    statements: 20,
    conditions: true,
    denyPercent: 0.5,
    requests: 1_000,
    chunk: 50,
    target: 500,
  },
];

/** The same policies attached to every request, as in one scenario. */
function buildCases(w: Workload, seed: number): DiffCase[] {
  const policies: PolicyDoc[] = fc.sample(
    arbStandalonePolicy(w.statements, w.conditions, w.denyPercent),
    {
      seed,
      numRuns: w.policies,
    },
  );
  const requests = fc.sample(arbBareRequest, { seed: seed + 1, numRuns: w.requests });
  return requests.map((r) => ({ ...r, identityPolicies: policies }));
}

type Mode = 'traced' | 'untraced' | 'read';

/** Seconds per decision of our engine over `inputs`, repeated for at least `minMs`. */
function secondsPerDecision(inputs: EvaluationInput[], mode: Mode, minMs: number): number {
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  const trace = mode !== 'untraced';
  let steps = 0;
  do {
    if (mode === 'read') for (const input of inputs) steps += evaluate(input).trace!.steps.length;
    else for (const input of inputs) evaluate(input, { trace });
    rounds++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  if (mode === 'read' && steps === 0) throw new Error('the traces read had no steps');
  return elapsed / 1000 / (rounds * inputs.length);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function run(w: Workload): Promise<boolean> {
  const cases = buildCases(w, SEED);
  const inputs: EvaluationInput[] = cases.map(toEvaluationInput);
  console.log(`\nWorkload ${w.name}: ${w.description}`);

  // Warm-up: JIT and the per-document caches, as in an app that already showed the scenario.
  const ours: Decision[] = inputs.map((input) => evaluate(input).decision);
  for (const input of inputs) evaluate(input, { trace: false });

  // The machine may be shared and its load changes over minutes, so the engines are timed
  // chunk by chunk, ours right after iam-simulate on the same requests: the ratio compares
  // like with like. iam-simulate decides each request once (it is slow); ours repeats each
  // chunk for at least 100 ms per mode.
  const theirs: Decision[] = [];
  let theirSeconds = 0;
  let tracedSeconds = 0;
  let untracedSeconds = 0;
  let readSeconds = 0;
  for (let from = 0; from < cases.length; from += w.chunk) {
    const chunk = cases.slice(from, from + w.chunk);
    const start = performance.now();
    for (const c of chunk) {
      const answer = await oracleDecide(c);
      if (!answer.ok) {
        console.log(`  FAILURE: iam-simulate refused a request: ${answer.problem}`);
        return false;
      }
      theirs.push(answer.decision);
    }
    theirSeconds += (performance.now() - start) / 1000;
    const chunkInputs = inputs.slice(from, from + w.chunk);
    tracedSeconds += secondsPerDecision(chunkInputs, 'traced', 100) * chunk.length;
    untracedSeconds += secondsPerDecision(chunkInputs, 'untraced', 100) * chunk.length;
    readSeconds += secondsPerDecision(chunkInputs, 'read', 100) * chunk.length;
  }
  const theirRate = cases.length / theirSeconds;
  const withTraces = cases.length / tracedSeconds;
  const withoutTraces = cases.length / untracedSeconds;
  const tracesRead = cases.length / readSeconds;

  // Requests that exercise a documented divergence are left out of the comparison (and said so).
  const divergent = new Map<string, number>();
  const mismatches = ours.flatMap((d, i) => {
    const name = knownDivergence(cases[i]!);
    if (name) {
      divergent.set(name, (divergent.get(name) ?? 0) + 1);
      return [];
    }
    return d === theirs[i] ? [] : [i];
  });
  const tally = (ds: Decision[]) =>
    ['allowed', 'explicitDeny', 'implicitDeny']
      .map((d) => `${d} ${ds.filter((x) => x === d).length}`)
      .join(', ');

  const ratio = withTraces / theirRate;

  console.log(`  iam-simulate           ${fmt(theirRate).padStart(10)} decisions/s`);
  console.log(
    `  ours, full traces      ${fmt(withTraces).padStart(10)} decisions/s   ${ratio.toFixed(0)}× iam-simulate`,
  );
  console.log(
    `  ours, traces off       ${fmt(withoutTraces).padStart(10)} decisions/s   ${(withoutTraces / theirRate).toFixed(0)}× iam-simulate`,
  );
  console.log(
    `  ours, traces read      ${fmt(tracesRead).padStart(10)} decisions/s   ${(tracesRead / theirRate).toFixed(0)}× iam-simulate`,
  );
  console.log(`  target ≥ ${w.target}× with full traces: ${ratio >= w.target ? 'met' : 'NOT met'}`);
  console.log(`  decisions (ours): ${tally(ours)}`);
  if (mismatches.length > 0) {
    console.log(
      `  FAILURE: ${mismatches.length} of ${cases.length} decisions differ from iam-simulate.`,
    );
    const first = mismatches[0]!;
    console.log(`  first: request ${first}, ours ${ours[first]}, iam-simulate ${theirs[first]}`);
    console.log(
      `  ${JSON.stringify({ ...cases[first], identityPolicies: '(the workload policies)' })}`,
    );
    return false;
  }
  const compared = cases.length - [...divergent.values()].reduce((a, b) => a + b, 0);
  console.log(`  decisions identical to iam-simulate: ${compared} of ${compared} compared`);
  if (divergent.size > 0) {
    console.log(
      `  not compared (documented divergences): ${JSON.stringify(Object.fromEntries(divergent))}`,
    );
  }
  return true;
}

console.log(
  `Engine benchmark (seed ${SEED}, Node ${process.version}, ${process.platform}/${process.arch})`,
);
let ok = true;
for (const w of WORKLOADS) ok = (await run(w)) && ok;
if (!ok) process.exitCode = 1;
