/**
 * `eval FILE --escalation [--target PRINCIPAL_ARN]`: who can become admin (or act as the target
 * principal), one shortest path each, every hop with the requests that allow it.
 */
import {
  escalationGraph,
  escalationPaths,
  holdingPrincipals,
  pathText,
  type EscalationTarget,
  type RequestVerdict,
} from '../analysis/index.ts';
import { loadManagedPolicyCatalog } from '../data/managed-policies.ts';
import { referencedManagedPolicies, type Scenario } from '../model/index.ts';
import type { EscalationPathInfo } from '../findings/index.ts';

export interface EscalationArgs {
  target?: string;
  json: boolean;
  now?: Date;
}

function requestText(v: RequestVerdict): string {
  const r = v.request;
  const context = r.context ? ` with ${JSON.stringify(r.context)}` : '';
  const status = v.status === 'conditional' ? `conditional on ${v.keys?.join(', ')}` : v.status;
  return `${r.principal} -> ${r.action} on ${r.resource}${context}: ${status}`;
}

async function worldOf(scenario: Scenario, now: Date | undefined) {
  const catalog =
    referencedManagedPolicies(scenario).length > 0
      ? await loadManagedPolicyCatalog()
      : new Map<string, unknown>();
  return { scenario, catalog, ...(now ? { now } : {}) };
}

export { ESCALATION_FINDINGS_UP_TO, escalationChecked } from './escalation-scope.ts';

/** The paths to admin, as the escalation findings take them (eval lists them with its findings). */
export async function adminPaths(scenario: Scenario, now?: Date): Promise<EscalationPathInfo[]> {
  const world = await worldOf(scenario, now);
  const target: EscalationTarget = { kind: 'admin' };
  return escalationPaths(world, escalationGraph(world), target).paths.map((p) => ({
    from: p.from,
    text: pathText(p, target),
    hops: p.hops.length,
    conditional: p.status === 'conditional',
  }));
}

/** Prints the paths; exit 2 when the target is not a principal of the world. */
export async function runEscalation(scenario: Scenario, args: EscalationArgs): Promise<number> {
  const world = await worldOf(scenario, args.now);
  const graph = escalationGraph(world);
  const target: EscalationTarget =
    args.target === undefined ? { kind: 'admin' } : { kind: 'principal', principal: args.target };
  if (args.target !== undefined && !graph.nodes.some((n) => n.id === args.target)) {
    process.stderr.write(
      `error: --target: ${args.target} is not a principal of this world (its users, roles, instance profiles and the identity providers and services its trust policies name).\n`,
    );
    return 2;
  }
  const report = escalationPaths(world, graph, target);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ...report, stats: graph.stats })}\n`);
    return 0;
  }
  const goal = args.target ?? 'admin (* on *)';
  const out = [`Who can become ${goal}`];
  // Principals only, as the Access drawer says it: an instance profile is a step, not a holder.
  const holding = holdingPrincipals(report);
  out.push(holding.length > 0 ? `Already: ${holding.join(', ')}` : 'Already: nobody');
  if (report.paths.length === 0) out.push('No escalation path.');
  for (const path of report.paths) {
    out.push(
      '',
      `${path.status === 'conditional' ? '[conditional] ' : ''}${pathText(path, target)}`,
    );
    path.hops.forEach((hop, i) => {
      out.push(`  ${i + 1}. ${hop.via}${hop.kind === 'change' ? `: ${hop.change}` : ''}`);
      for (const v of hop.kind === 'edge' ? hop.requests : [hop.request])
        out.push(`     ${requestText(v)}`);
      for (const v of hop.after ?? []) out.push(`     then, changed: ${requestText(v)}`);
    });
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
