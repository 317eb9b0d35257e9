/**
 * `npm run bench:cli`: the command line as whole processes (start-up included), in compiled
 * JavaScript (dist-cli/, built first), next to iam-simulate's whole process on the same world.
 * A benchmark, not a test: it prints figures; it exits 1 only when the decisions differ.
 *
 *   1. A one-request scenario file, decided: target ≤ 300 ms.
 *   2. 300 requests in a world of 50 policies × 20 statements (engine workload B's policies):
 *      `--json` (decisions and deciding statements) vs `--json --trace` vs iam-simulate's process;
 *      target: `--json` ≥ 20× faster than iam-simulate, same decisions.
 * BENCH_SEED changes the seed (default 2026). Wall times are medians of several runs; CPU times
 * (user + system, every thread of the process, from Linux's /proc) beside them, since a machine
 * shared with other work stretches wall time but not CPU time. `--no-findings` runs show what the
 * policy checks and the escalation analysis cost on top of the decisions.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { arbBareRequest, arbStandalonePolicy } from '../unit/engine-differential/generators.ts';
import { knownDivergence } from '../unit/engine-differential/divergences.ts';
import { toSimulation } from '../unit/engine-differential/oracle.ts';
import { ACCOUNT_A, type DiffCase } from '../unit/engine-differential/world.ts';

const SEED = Number(process.env['BENCH_SEED'] ?? 2026);
const dir = mkdtempSync(join(tmpdir(), 'iam-playground-cli-bench-'));
const TAGS = { team: 'web', owner: 'alice' };

const policies = fc.sample(arbStandalonePolicy(20, true, 0.5), { seed: SEED, numRuns: 50 });
// Requests on alice's own account (an S3 ARN names none: the scenario and iam-simulate agree).
const cases: DiffCase[] = fc
  .sample(arbBareRequest, { seed: SEED + 1, numRuns: 1_000 })
  .filter((c) => c.resourceAccount === ACCOUNT_A)
  .slice(0, 300)
  .map((c) => ({
    ...c,
    context: {
      ...c.context,
      'aws:PrincipalTag/team': TAGS.team,
      'aws:PrincipalTag/owner': TAGS.owner,
    },
    identityPolicies: policies,
  }));
const DERIVED = /^aws:(PrincipalTag\/|PrincipalArn$|PrincipalAccount$|username$)/;
const names = policies.map((_, i) => `P${i}`);
const scenario = (requests: DiffCase[]) => ({
  format: 'iam-playground/scenario',
  version: 1,
  title: 'CLI bench: 50 policies × 20 statements',
  accounts: {
    [ACCOUNT_A]: {
      policies: Object.fromEntries(policies.map((p, i) => [names[i], p])),
      users: { alice: { policies: names, tags: TAGS } },
    },
  },
  requests: requests.map((c, i) => ({
    id: `r${i}`,
    principal: `arn:aws:iam::${ACCOUNT_A}:user/alice`,
    action: c.action,
    resource: c.resource,
    context: Object.fromEntries(Object.entries(c.context).filter(([k]) => !DERIVED.test(k))),
  })),
});
const world = join(dir, 'world.json');
const one = join(dir, 'one.json');
const simulations = join(dir, 'simulations.json');
writeFileSync(world, JSON.stringify(scenario(cases)));
writeFileSync(one, JSON.stringify(scenario(cases.slice(0, 1))));
writeFileSync(simulations, JSON.stringify(cases.map(toSimulation)));

interface Run {
  ms: number;
  /** CPU time of the child (user + system), or NaN where /proc is not there. */
  cpuMs: number;
  bytes: number;
  stdout: string;
}
/** CPU time of this process's finished children, in ms (Linux: /proc/self/stat cutime + cstime). */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}
function time(args: string[]): Run {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync('node', args, { encoding: 'utf8', maxBuffer: 2 ** 31 - 1 });
  const ms = performance.now() - start;
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, cpuMs, bytes: Buffer.byteLength(result.stdout), stdout: result.stdout };
}
function median(args: string[], runs: number): Run & { all: number[]; cpu: number } {
  const all = Array.from({ length: runs }, () => time(args));
  const sorted = [...all].sort((a, b) => a.ms - b.ms);
  const cpus = all.map((r) => r.cpuMs).sort((a, b) => a - b);
  return {
    ...sorted[Math.floor(runs / 2)]!,
    all: all.map((r) => Math.round(r.ms)),
    cpu: cpus[Math.floor(runs / 2)]!,
  };
}
const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 3 : 1)} MB`;

const build = spawnSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(2);
const bin = 'dist-cli/eval.js';
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);

const single = median([bin, 'eval', one], 7);
const bare = median([bin, 'eval', one, '--no-findings'], 7);
const example = median([bin, 'eval', 'src/examples/cross-account-bucket.json'], 7);
console.log(
  `\n1. one request, whole process: median ${fmt(single.ms)}, CPU ${fmt(single.cpu)} (runs ${single.all.join(', ')} ms); target ≤ 300 ms: ${single.ms <= 300 ? 'met' : 'missed'}`,
);
console.log(
  `   with --no-findings: median ${fmt(bare.ms)}, CPU ${fmt(bare.cpu)} (runs ${bare.all.join(', ')} ms)`,
);
console.log(
  `   an example (src/examples/cross-account-bucket.json, 3 requests): median ${fmt(example.ms)}, CPU ${fmt(example.cpu)}`,
);

const lean = median([bin, 'eval', world, '--json'], 3);
const leanBare = median([bin, 'eval', world, '--json', '--no-findings'], 3);
const traced = median([bin, 'eval', world, '--json', '--trace'], 1);
const theirs = median(['tests/bench/iam-simulate-process.mjs', simulations], 3);
const ours = (JSON.parse(lean.stdout) as { results: { decision: string }[] }).results.map(
  (r) => r.decision,
);
const RESULT: Record<string, string> = {
  Allowed: 'allowed',
  ExplicitlyDenied: 'explicitDeny',
  ImplicitlyDenied: 'implicitDeny',
};
const their = (JSON.parse(theirs.stdout) as string[]).map((d) => RESULT[d] ?? d);
let compared = 0;
const differing: number[] = [];
cases.forEach((c, i) => {
  if (knownDivergence(c) || their[i] === 'error') return;
  compared++;
  if (ours[i] !== their[i]) differing.push(i);
});
const ratio = theirs.ms / lean.ms;
console.log(`\n2. 300 requests, 50 policies × 20 statements, whole processes (median):`);
console.log(
  `   --json           ${fmt(lean.ms)}, CPU ${fmt(lean.cpu)}, ${mb(lean.bytes)} (runs ${lean.all.join(', ')} ms)`,
);
console.log(
  `   --json --no-findings ${fmt(leanBare.ms)}, CPU ${fmt(leanBare.cpu)} (runs ${leanBare.all.join(', ')} ms)`,
);
console.log(`   --json --trace   ${fmt(traced.ms)}, CPU ${fmt(traced.cpu)}, ${mb(traced.bytes)}`);
console.log(
  `   iam-simulate     ${fmt(theirs.ms)}, CPU ${fmt(theirs.cpu)} (runs ${theirs.all.join(', ')} ms)`,
);
console.log(
  `   --json is ${ratio.toFixed(1)}× iam-simulate's process (CPU: ${(theirs.cpu / lean.cpu).toFixed(1)}×); target ≥ 20×: ${ratio >= 20 ? 'met' : 'missed'}`,
);
console.log(
  `   decisions: ${compared} compared (known divergences and iam-simulate refusals left out), ${differing.length} differ`,
);
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);
process.exit(differing.length > 0 ? 1 : 0);
