/**
 * `eval FILE --what-can PRINCIPAL_ARN` and `eval FILE --who-can RESOURCE_ARN [--action A]`:
 * the access analysis (src/analysis) of a valid scenario, as a readable report or `--json`.
 */
import {
  AnalysisInputError,
  requirePrincipal,
  whatCan,
  whoCan,
  type Cell,
  type ServiceGroup,
  type WhoCanQuery,
} from '../analysis/index.ts';
import { loadManagedPolicyCatalog } from '../data/managed-policies.ts';
import { loadServiceIndex, loadServiceReference, splitAction } from '../data/service-reference.ts';
import {
  formatPath,
  isBucketArn,
  parseArn,
  referencedManagedPolicies,
  type Scenario,
} from '../model/index.ts';

export interface AccessArgs {
  whatCan?: string;
  whoCan?: string;
  action?: string;
  json: boolean;
  now?: Date;
}

const cellsOf = (groups: ServiceGroup[]): Cell[] =>
  groups.flatMap((g) => g.levels.flatMap((l) => l.actions.flatMap((a) => a.cells)));

function cellText(cell: Cell): string {
  const on = cell.resource === '*' ? '*' : cell.resource;
  if (cell.status === 'conditional')
    return `${cell.action} on ${on}: conditional on ${cell.keys?.join(', ') || 'caller-supplied keys'}`;
  if (cell.status === 'denied') return `${cell.action} on ${on}: denied (${cell.layer})`;
  return `${cell.action} on ${on}: allowed`;
}

/** Allowed and conditional cells by service and access level; denied ones counted by layer. */
function groupsText(groups: ServiceGroup[], indent: string): string[] {
  const out: string[] = [];
  for (const service of groups) {
    const lines: string[] = [];
    for (const level of service.levels) {
      const shown = level.actions.flatMap((a) => a.cells).filter((c) => c.status !== 'denied');
      if (shown.length === 0) continue;
      lines.push(`${indent}  ${level.access}:`);
      for (const cell of shown) lines.push(`${indent}    ${cellText(cell)}`);
    }
    if (lines.length > 0) out.push(`${indent}${service.service}`, ...lines);
  }
  const denied = new Map<string, number>();
  for (const cell of cellsOf(groups))
    if (cell.status === 'denied') denied.set(cell.layer!, (denied.get(cell.layer!) ?? 0) + 1);
  if (denied.size > 0)
    out.push(
      `${indent}denied: ${[...denied].map(([layer, n]) => `${n.toLocaleString('en-US')} by ${layer}`).join(', ')}`,
    );
  return out;
}

/** Runs the analysis the arguments ask for; returns the exit status (2: not in the world). */
export async function runAccess(scenario: Scenario, args: AccessArgs): Promise<number> {
  const catalog =
    referencedManagedPolicies(scenario).length > 0
      ? await loadManagedPolicyCatalog()
      : new Map<string, unknown>();
  const world = { scenario, catalog, ...(args.now ? { now: args.now } : {}) };
  const option = args.whatCan !== undefined ? '--what-can' : '--who-can';
  try {
    if (args.whatCan !== undefined) {
      requirePrincipal(world, args.whatCan); // before loading every service's reference
      // Every service AWS defines: what a principal can do is not limited to what the file names.
      const index = await loadServiceIndex();
      const reference = await loadServiceReference(index.services.map(([prefix]) => prefix));
      const result = whatCan(world, args.whatCan, reference);
      if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        const s = result.stats;
        process.stdout.write(
          [
            `What ${result.principal} can do`,
            `(${s.actions.toLocaleString('en-US')} actions in ${s.classes.toLocaleString('en-US')} classes, ${s.cells.toLocaleString('en-US')} cells, ${s.requests.toLocaleString('en-US')} requests decided)`,
            ...groupsText(result.services, ''),
          ].join('\n') + '\n',
        );
      }
      return 0;
    }
    const resource = args.whoCan!;
    const query: WhoCanQuery = args.action !== undefined ? { action: args.action } : { all: true };
    const prefixes = [parseArn(resource)?.service ?? ''];
    if (args.action !== undefined) prefixes.push(splitAction(args.action)[0]);
    const reference = await loadServiceReference(prefixes);
    const result = whoCan(world, resource, query, reference);
    if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      const out = [`Who can act on ${result.resource}${args.action ? ` (${args.action})` : ''}`];
      // As the app's Access panel says: a bucket's ARN is asked the bucket's own actions.
      if (isBucketArn(result.resource))
        out.push(
          `  (the bucket's own actions: reading and writing its objects, s3:GetObject, s3:PutObject…, is asked of an object: --who-can ${result.resource}/any-other-object)`,
        );
      for (const p of result.principals) {
        const lines = groupsText(p.services, '    ');
        const any = cellsOf(p.services).some((c) => c.status !== 'denied');
        out.push(`  ${p.principal}${any ? '' : ': nothing'}`);
        out.push(...(any ? lines : lines.filter((l) => l.trim().startsWith('denied'))));
      }
      if (result.outside.length > 0) {
        out.push('  Outside the world, its policy admits:');
        for (const o of result.outside)
          out.push(
            `    ${o.kind} ${o.value}: ${o.actions.join(', ')} (${formatPath([...o.policy, ...o.statement])}${o.sid ? `, "${o.sid}"` : ''}${o.conditionKeys.length > 0 ? `; condition on ${o.conditionKeys.join(', ')}` : ''})`,
          );
      }
      process.stdout.write(`${out.join('\n')}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AnalysisInputError)) throw error;
    process.stderr.write(`error: ${option}: ${error.message}\n`);
    return 2;
  }
}
