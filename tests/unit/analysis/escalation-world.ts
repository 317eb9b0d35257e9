/**
 * A world with one of each escalation family the graph knows, and one near miss (erin may pass
 * the admin role only to EC2, so her Lambda route is closed by iam:PassedToService).
 */
import {
  escalationPaths,
  type AnalysisWorld,
  type EscalationGraph,
  type EscalationTarget,
} from '../../../src/analysis/index.ts';
import type { Scenario } from '../../../src/model/index.ts';

export const A = '111111111111';
const V = '2012-10-17';
const allow = (Action: string | string[], Resource: string | string[], extra = {}) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Action, Resource, ...extra }],
});
const trust = (Principal: unknown) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' }],
});
const ADMIN = allow('*', '*');
export const arn = (kind: string, name: string) => `arn:aws:iam::${A}:${kind}/${name}`;
const passTo = (service: string, role: string) =>
  allow('iam:PassRole', arn('role', role), {
    Condition: { StringEquals: { 'iam:PassedToService': service } },
  });

export const ESCALATION_WORLD: Scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Escalation families',
  accounts: {
    [A]: {
      policies: {
        BobPolicy: allow('iam:CreatePolicyVersion', arn('policy', 'BobPolicy')),
        S3Only: allow(['s3:*', 'iam:DeleteUserPermissionsBoundary'], '*'),
      },
      users: {
        alice: {
          inline: {
            Launch: allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
            Pass: passTo('lambda.amazonaws.com', 'LambdaAdmin'),
          },
        },
        erin: {
          inline: {
            Launch: allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
            Pass: passTo('ec2.amazonaws.com', 'LambdaAdmin'),
          },
        },
        bob: { policies: ['BobPolicy'] },
        carol: { inline: { Assume: allow('sts:AssumeRole', arn('role', 'Helpdesk')) } },
        dave: { groups: ['Admins'] },
        frank: { inline: { Join: allow('iam:AddUserToGroup', arn('group', 'Admins')) } },
        gina: { inline: { All: ADMIN }, boundary: 'S3Only' },
        hank: {
          inline: {
            Run: allow('ec2:RunInstances', '*'),
            Pass: passTo('ec2.amazonaws.com', 'Ec2Admin'),
          },
        },
        ivan: { inline: { Read: allow('s3:GetObject', '*') } },
      },
      groups: { Admins: { inline: { All: ADMIN } } },
      roles: {
        LambdaAdmin: { trust: trust({ Service: 'lambda.amazonaws.com' }), inline: { All: ADMIN } },
        Ec2Admin: { trust: trust({ Service: 'ec2.amazonaws.com' }), inline: { All: ADMIN } },
        Helpdesk: {
          trust: trust({ AWS: A }),
          inline: { Reset: allow('iam:UpdateLoginProfile', arn('user', 'dave')) },
        },
      },
      instanceProfiles: { WebProfile: { role: 'Ec2Admin' } },
    },
  },
};

/**
 * Who reaches each target, in how many hops and how surely, from a graph: two graphs of one
 * world that differ only in their shortcuts (the pre-filter, edges out of admins left out)
 * must give the same answer.
 */
export function reachKey(
  world: AnalysisWorld,
  graph: EscalationGraph,
  targets: EscalationTarget[],
): string[] {
  return targets.flatMap((target) => {
    const report = escalationPaths(world, graph, target);
    return [
      ...report.holders.map((h) => `${JSON.stringify(target)} holder ${h.principal} ${h.status}`),
      ...report.paths.map(
        (p) => `${JSON.stringify(target)} ${p.from} ${p.hops.length} hops ${p.status}`,
      ),
    ].sort();
  });
}

/** The edges and changes of a graph, leaving out those of principals another graph omitted. */
export function graphKey(g: EscalationGraph, omitted: readonly string[] = g.omitted): string[] {
  return [
    ...g.edges
      .filter((e) => !omitted.includes(e.from))
      .map((e) => `${e.from} ${e.to} ${e.via} ${e.status}`),
    ...g.changes
      .filter((c) => !omitted.includes(c.principal))
      .map((c) => `${c.principal} ${c.via} ${c.request.request.resource} ${c.request.status}`),
  ].sort();
}
