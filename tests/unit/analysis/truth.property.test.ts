/**
 * Truth of the collapse: for random worlds, every cell the analysis gives equals deciding that
 * one (principal, action, resource) request by itself through `evaluateScenario`, the model's
 * ordinary path (with full traces), and again with the undetermined condition keys forced each
 * way (conditional.ts). ANALYSIS_RUNS / ANALYSIS_SEED change the number of worlds and the seed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decided,
  denyKindOfResult,
  forceConditions,
  hasUndetermined,
  openKeys,
  verdictOf,
  whatCan,
  whoCan,
  worldPrincipals,
  type AnalysisWorld,
  type Cell,
  type Mode,
} from '../../../src/analysis/index.ts';
import { evaluate } from '../../../src/engine/index.ts';
import type { EvaluationInput, EvaluationOptions, PolicyKind } from '../../../src/engine/types.ts';
import {
  loadService,
  loadServiceIndex,
  ServiceReference,
} from '../../../src/data/service-reference.ts';
import type { ServiceFile, ServiceIndexFile } from '../../../src/data/service-reference-format.ts';
import { evaluateScenario } from '../../../src/model/index.ts';
import { arbWorld } from './worlds.ts';

const RUNS = Number(process.env['ANALYSIS_RUNS'] ?? 1000);
const SEED = process.env['ANALYSIS_SEED'] ? Number(process.env['ANALYSIS_SEED']) : undefined;
const NOW = new Date('2026-06-01T12:00:00Z');
const CATALOG = new Map<string, unknown>();

/** The services the differential catalog's actions belong to. */
const SERVICES = [
  's3',
  'sqs',
  'dynamodb',
  'ec2',
  'lambda',
  'sns',
  'secretsmanager',
  'sts',
  'kms',
  'logs',
];

let index: ServiceIndexFile;
const files = new Map<string, ServiceFile>();

beforeAll(async () => {
  index = await loadServiceIndex();
  for (const s of SERVICES) files.set(s, (await loadService(s))!);
});

/** A reference holding some services with only some of their actions (lower-case names). */
function smallReference(keep: Map<string, Set<string>>): ServiceReference {
  return new ServiceReference(
    index,
    [...keep].map(([service, names]) => {
      const file = files.get(service)!;
      const actions = Object.fromEntries(
        Object.entries(file.actions).filter(([name]) => names.has(name.toLowerCase())),
      );
      return { ...file, actions };
    }),
  );
}

/** A few of a service's action names (lower case), chosen by the bits of `pick`. */
function sample(service: string, pick: number): string[] {
  const names = Object.keys(files.get(service)!.actions);
  return Array.from({ length: 6 }, (_, i) => names[(pick >>> (i * 4)) % names.length]!);
}

/** The one-by-one reference: the cell's request decided by itself, three ways. */
function oneByOne(world: AnalysisWorld, principal: string, action: string, resource: string) {
  const scenario = { ...world.scenario, requests: [{ principal, action, resource }] };
  let open = false;
  const decide = (mode?: Mode, keys?: Set<string>) => {
    let denyKind: PolicyKind | undefined;
    const result = evaluateScenario(scenario, {
      catalog: world.catalog,
      now: NOW,
      evaluate: (input: EvaluationInput, options?: EvaluationOptions) => {
        if (hasUndetermined(input)) open = true;
        for (const key of openKeys(input)) keys?.add(key);
        const r = evaluate(mode ? forceConditions(input, mode) : input, options);
        // The kind of the first applying Deny, read from this decision's own full trace.
        denyKind = denyKindOfResult(r);
        return r;
      },
    })[0]!;
    return decided(result.decision, result.trace.decidingStep, denyKind);
  };
  const keys = new Set<string>();
  const base = decide(undefined, keys);
  // Forcing changes nothing when no policy tests an undetermined key: the same input, the same decision.
  return verdictOf(
    base,
    open ? decide('optimistic') : base,
    open ? decide('pessimistic') : base,
    [...keys].sort((a, b) => a.localeCompare(b)),
    action,
    resource,
  );
}

function compare(world: AnalysisWorld, cell: Cell): string | undefined {
  const want = oneByOne(world, cell.principal, cell.action, cell.resource);
  const got = {
    status: cell.status,
    decision: cell.decision,
    step: cell.step,
    layer: cell.layer,
    keys: cell.keys,
  };
  const expected = {
    status: want.status,
    decision: want.decision,
    step: want.step,
    layer: want.layer,
    keys: want.keys,
  };
  return JSON.stringify(got) === JSON.stringify(expected)
    ? undefined
    : `${cell.principal} ${cell.action} ${cell.resource}: analysis ${JSON.stringify(got)}, one by one ${JSON.stringify(expected)}`;
}

const cellsOf = (groups: { levels: { actions: { cells: Cell[] }[] }[] }[]): Cell[] =>
  groups.flatMap((g) => g.levels.flatMap((l) => l.actions.flatMap((a) => a.cells)));

describe('access analysis equals deciding each cell one by one', () => {
  it(`${RUNS} random worlds, every cell of what-can and who-can`, () => {
    let cells = 0;
    let conditional = 0;
    let collapsed = 0;
    fc.assert(
      fc.property(
        arbWorld,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        ({ cases, scenario }, pick) => {
          const world: AnalysisWorld = { scenario, catalog: CATALOG, now: NOW };
          // A case's service, with a handful of its actions beside the cases' own, and a sample
          // of another service (actions of services the engine reads only through patterns
          // share decisions across services: classes.ts).
          const action = cases[pick % cases.length]!.action;
          const service = action.slice(0, action.indexOf(':'));
          const other = SERVICES[(pick >>> 24) % SERVICES.length]!;
          const keep = new Map([[service, new Set<string>()]]);
          if (other !== service) keep.set(other, new Set());
          for (const c of cases) {
            const [prefix, name] = c.action.toLowerCase().split(':') as [string, string];
            keep.get(prefix)?.add(name);
          }
          for (const [prefix, names] of keep)
            for (const name of sample(prefix, pick)) names.add(name.toLowerCase());
          const reference = smallReference(keep);
          const problems: string[] = [];
          for (const principal of worldPrincipals(scenario)) {
            const result = whatCan(world, principal, reference);
            collapsed += result.stats.cells - result.stats.requests;
            for (const cell of cellsOf(result.services)) {
              cells++;
              if (cell.status === 'conditional') conditional++;
              const problem = compare(world, cell);
              if (problem) problems.push(problem);
            }
          }
          const target = cases[0]!.resource;
          if (target.startsWith(`arn:aws:${service}:`)) {
            const who = whoCan(world, target, { all: true }, reference);
            for (const p of who.principals)
              for (const cell of cellsOf(p.services)) {
                cells++;
                const problem = compare(world, cell);
                if (problem) problems.push(problem);
              }
          }
          expect(problems.slice(0, 3)).toEqual([]);
        },
      ),
      SEED === undefined ? { numRuns: RUNS } : { numRuns: RUNS, seed: SEED },
    );
    // The property must have met the cases that matter, or it proves little.
    expect(cells).toBeGreaterThan(RUNS * 10);
    expect(conditional).toBeGreaterThan(0);
    expect(collapsed).toBeGreaterThan(0);
  }, 600_000);
});
