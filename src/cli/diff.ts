/**
 * `npm run --silent eval -- diff OLD.json NEW.json [--json] [--fail-on-new-access] [--now TIME]`:
 * the access an edit adds and removes (src/analysis/impact.ts), every changed (principal, action,
 * resource) grouped by principal and resource with a counterexample request per group.
 * Callers outside the world that a resource or trust policy newly admits (another account, public)
 * are listed too. Exit status: 0; 1 with --fail-on-new-access when NEW grants anything OLD did not (IAM Access
 * Analyzer's CheckNoNewAccess, with the requests it does not give); 2 when a file cannot be read
 * or is not a valid scenario (each problem located), or the arguments are wrong.
 */
import {
  changeImpact,
  impactServices,
  type ImpactGroup,
  type ImpactResult,
  type Verdict,
} from '../analysis/index.ts';
import { loadManagedPolicyCatalog } from '../data/managed-policies.ts';
import { loadServiceIndex, loadServiceReference } from '../data/service-reference.ts';
import { formatPath, referencedManagedPolicies, type Scenario } from '../model/index.ts';
import { readScenario } from './read-scenario.ts';

const USAGE = `Usage: npm run --silent eval -- diff OLD.json NEW.json [--json] [--fail-on-new-access] [--now TIME]
  OLD.json NEW.json     two scenario files (format iam-playground/scenario, version 1)
  --json                print {"added": [...], "removed": [...], "cells", "changed"} instead of the report
  --fail-on-new-access  exit 1 when NEW grants access OLD did not
  --now TIME            the clock for aws:CurrentTime and friends (ISO 8601; default: now)
Exit status: 0, 1 new access with --fail-on-new-access, 2 a file is unreadable or not a valid scenario.`;

/** Actions listed per group in the readable report; the rest are counted. */
const SHOWN = 8;

function verdictText(v: Verdict): string {
  if (v.status === 'conditional') return `conditional on ${v.keys?.join(', ')}`;
  return v.status === 'denied' ? `denied (${v.layer})` : 'allowed';
}

function groupLines(group: ImpactGroup): string[] {
  const out = [`  ${group.principal} on ${group.resource}`];
  for (const a of group.actions.slice(0, SHOWN))
    out.push(`    ${a.action}: ${verdictText(a.before)} -> ${verdictText(a.after)}`);
  if (group.actions.length > SHOWN)
    out.push(`    … and ${(group.actions.length - SHOWN).toLocaleString('en-US')} more actions`);
  out.push(`    counterexample: ${JSON.stringify(group.counterexample)}`);
  return out;
}

function report(
  result: ImpactResult,
  oldSource: string,
  newSource: string,
  services: number,
): string {
  const out = [
    `Access from ${oldSource} to ${newSource} (${result.cells.toLocaleString('en-US')} cells over ${services} services compared)`,
  ];
  if (result.changed === 0 && result.outside.length === 0) {
    out.push('No change in access.');
    return out.join('\n');
  }
  for (const [title, groups] of [
    ['Access added', result.added],
    ['Access removed', result.removed],
  ] as const) {
    if (groups.length === 0) continue;
    const actions = groups.reduce((n, g) => n + g.actions.length, 0);
    out.push(
      '',
      `${title} (${actions.toLocaleString('en-US')} actions in ${groups.length} groups):`,
    );
    for (const group of groups) out.push(...groupLines(group));
  }
  if (result.outside.length > 0) out.push('', 'Callers outside the world:');
  for (const o of result.outside)
    out.push(
      `  ${o.direction === 'added' ? 'now admitted' : 'no longer admitted'}: ${o.kind} ${o.value} to ${o.resource}: ${o.notAction ? 'all but ' : ''}${o.actions.join(', ')} (${formatPath(o.statement)}${o.conditionKeys.length > 0 ? `; condition on ${o.conditionKeys.join(', ')}` : ''})`,
    );
  return out.join('\n');
}

/** Runs `diff`; returns the exit status. */
export async function runDiff(argv: string[]): Promise<number> {
  const files: string[] = [];
  let json = false;
  let failOnNew = false;
  let now: Date | undefined;
  let error: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg === '--json') json = true;
    else if (arg === '--fail-on-new-access') failOnNew = true;
    else if (arg === '--now') {
      const value = argv[++i];
      now = value === undefined ? undefined : new Date(value);
      if (!now || Number.isNaN(now.getTime()))
        error = '--now needs an ISO 8601 time, e.g. 2026-01-01T00:00:00Z.';
    } else if (arg.startsWith('-') && arg !== '-') error = `Unknown option ${arg}.`;
    else files.push(arg);
  }
  if (!error && files.length !== 2)
    error = `diff needs two scenario files, OLD and NEW (got ${files.length}).`;
  if (error) {
    process.stderr.write(`error: ${error}\n${USAGE}\n`);
    return 2;
  }
  const [oldRead, newRead] = [readScenario(files[0]!, json), readScenario(files[1]!, json)];
  if (!oldRead.ok || !newRead.ok) return 2;
  const worldOf = async (scenario: Scenario) => ({
    scenario,
    catalog:
      referencedManagedPolicies(scenario).length > 0
        ? await loadManagedPolicyCatalog()
        : new Map<string, unknown>(),
    now: now ?? new Date(),
  });
  const before = await worldOf(oldRead.scenario);
  const after = await worldOf({ ...newRead.scenario });
  after.now = before.now; // one clock for both
  const index = await loadServiceIndex();
  const services = impactServices(
    before,
    after,
    index.services.map(([prefix]) => prefix),
  );
  const reference = await loadServiceReference(services);
  const result = changeImpact(before, after, reference, { services });
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${report(result, oldRead.source, newRead.source, services.length)}\n`);
  const added = result.added.length > 0 || result.outside.some((o) => o.direction === 'added');
  return failOnNew && added ? 1 : 0;
}
