/**
 * The escalation graph on a world with one of each family (escalation-world.ts): the paths
 * found, shortest first, the near miss that iam:PassedToService closes, and every hop's
 * requests allowed when decided again through the model's ordinary path with full traces.
 */
import { describe, expect, it } from 'vitest';
import {
  escalationGraph,
  escalationPaths,
  pathText,
  type AnalysisWorld,
  type EscalationReport,
  type EscalationTarget,
  type RequestVerdict,
} from '../../../src/analysis/index.ts';
import { applyEdit } from '../../../src/analysis/escalation-families.ts';
import { evaluateScenario, type Scenario } from '../../../src/model/index.ts';
import { A, ESCALATION_WORLD, arn, graphKey, reachKey } from './escalation-world.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const world: AnalysisWorld = { scenario: ESCALATION_WORLD, catalog: new Map(), now: NOW };
const graph = escalationGraph(world);

/** Each request decided by itself, traced, on the given scenario. */
function decidedAgain(scenario: Scenario, verdicts: RequestVerdict[]): string[] {
  const results = evaluateScenario(
    { ...scenario, requests: verdicts.map((v) => v.request) },
    { catalog: new Map(), now: NOW },
  );
  return results.map((r) => r.decision);
}

/** Every request of every path is allowed, on the world (or, after a change, the changed world). */
function expectPathsHold(report: EscalationReport): void {
  for (const path of report.paths)
    for (const hop of path.hops) {
      expect(
        decidedAgain(ESCALATION_WORLD, 'requests' in hop ? hop.requests : [hop.request]),
      ).toEqual(('requests' in hop ? hop.requests : [hop.request]).map(() => 'allowed'));
      if (hop.after && hop.edit) {
        const changed = applyEdit(ESCALATION_WORLD, hop.edit);
        expect(decidedAgain(changed, hop.after).every((d) => d === 'allowed')).toBe(true);
      }
    }
}

describe('escalation graph', () => {
  it('finds who can become admin, by which family, shortest first', () => {
    const report = escalationPaths(world, graph, { kind: 'admin' });
    expect(report.holders.map((h) => h.principal).sort()).toEqual(
      [
        arn('user', 'dave'),
        arn('role', 'LambdaAdmin'),
        arn('role', 'Ec2Admin'),
        arn('instance-profile', 'WebProfile'),
      ].sort(),
    );
    const text = report.paths.map((p) => pathText(p, report.target));
    expect(text).toContain(
      'user/alice -(iam:PassRole to lambda.amazonaws.com)-> role/LambdaAdmin -> admin',
    );
    expect(text).toContain(
      'user/hank -(ec2:RunInstances with the profile)-> instance-profile/WebProfile -> admin',
    );
    expect(text).toContain(
      'user/carol -(sts:AssumeRole)-> role/Helpdesk -(iam:UpdateLoginProfile)-> user/dave -> admin',
    );
    const via = (user: string) =>
      report.paths.find((p) => p.from === arn('user', user))?.hops.map((h) => h.via);
    expect(via('bob')).toEqual(['iam:CreatePolicyVersion']);
    expect(via('frank')).toEqual(['iam:AddUserToGroup']);
    expect(via('gina')).toEqual(['iam:DeleteUserPermissionsBoundary']);
    // erin may pass LambdaAdmin only to EC2 (iam:PassedToService); ivan only reads S3.
    expect(via('erin')).toBeUndefined();
    expect(via('ivan')).toBeUndefined();
    const lengths = report.paths.map((p) => p.hops.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(report.paths.every((p) => p.status === 'allowed')).toBe(true);
    expectPathsHold(report);
  });

  it('finds the paths to a chosen principal and to an action on a resource', () => {
    const toDave = escalationPaths(world, graph, {
      kind: 'principal',
      principal: arn('user', 'dave'),
    });
    expect(
      toDave.paths.find((p) => p.from === arn('user', 'carol'))?.hops.map((h) => h.via),
    ).toEqual(['sts:AssumeRole', 'iam:UpdateLoginProfile']);
    expectPathsHold(toDave);
    const bucket = 'arn:aws:s3:::payroll/2026.csv';
    const read = escalationPaths(world, graph, {
      kind: 'request',
      action: 's3:GetObject',
      resource: bucket,
    });
    // ivan may read it himself; gina's boundary allows S3 too.
    expect(read.holders.map((h) => h.principal)).toEqual(
      expect.arrayContaining([arn('user', 'ivan'), arn('user', 'gina')]),
    );
    expect(read.paths.map((p) => p.from)).not.toContain(arn('user', 'ivan'));
    expect(read.paths.map((p) => p.from)).toContain(arn('user', 'bob'));
    expectPathsHold(read);
  });

  it('does not let a role trust its own account without an identity allow, and honours conditions', () => {
    const scenario: Scenario = structuredClone(ESCALATION_WORLD);
    delete scenario.accounts![A]!.users!['carol']!.inline;
    const mfa = structuredClone(ESCALATION_WORLD);
    mfa.accounts![A]!.roles!['Helpdesk']!.trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: A },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    };
    const none = escalationPaths({ ...world, scenario }, escalationGraph({ ...world, scenario }), {
      kind: 'admin',
    });
    expect(none.paths.map((p) => p.from)).not.toContain(arn('user', 'carol'));
    const withMfa = escalationPaths(
      { ...world, scenario: mfa },
      escalationGraph({ ...world, scenario: mfa }),
      { kind: 'admin' },
    );
    const carol = withMfa.paths.find((p) => p.from === arn('user', 'carol'))!;
    expect(carol.status).toBe('conditional');
    expect(carol.hops[0]!.kind === 'edge' && carol.hops[0]!.requests[0]!.keys).toEqual([
      'aws:MultiFactorAuthPresent',
    ]);
  });

  it('builds the same graph with and without its shortcuts, and reaches the same targets', () => {
    // The shortcuts: the pre-filter (per family, then per target; trust looked up by principal)
    // and the edges out of admins left out (dave, the admin roles), added back for other targets.
    const plain = escalationGraph(world, { prefilter: false, adminEdges: true });
    expect(graph.omitted).toEqual(
      expect.arrayContaining([arn('user', 'dave'), arn('role', 'LambdaAdmin')]),
    );
    expect(plain.omitted).toEqual([]);
    expect(plain.edges.some((e) => e.from === arn('user', 'dave'))).toBe(true);
    expect(graphKey(plain, graph.omitted)).toEqual(graphKey(graph));
    expect(plain.stats.decisions).toBeGreaterThan(graph.stats.decisions);
    const targets: EscalationTarget[] = [
      { kind: 'admin' },
      { kind: 'principal', principal: arn('role', 'LambdaAdmin') },
      { kind: 'principal', principal: arn('user', 'dave') },
      { kind: 'request', action: 's3:DeleteObject', resource: 'arn:aws:s3:::payroll/2026.csv' },
    ];
    expect(reachKey(world, graph, targets)).toEqual(reachKey(world, plain, targets));
    // dave (admin) may act as LambdaAdmin: an edge the graph left out, found for that target.
    const toLambda = escalationPaths(world, graph, targets[1]!);
    expect(toLambda.paths.map((p) => p.from)).toContain(arn('user', 'dave'));
  });
});
