/**
 * Escalation findings: the escalation world's paths to admin become findings of severity error,
 * one per principal, located at it, with the path in the message; a world without paths has none.
 */
import { describe, expect, it } from 'vitest';
import {
  escalationGraph,
  escalationPaths,
  pathText,
  type EscalationTarget,
} from '../../../src/analysis/index.ts';
import { escalationFindings, FINDING_CODES } from '../../../src/findings/index.ts';
import type { Scenario } from '../../../src/model/index.ts';
import { A, ESCALATION_WORLD } from '../analysis/escalation-world.ts';

function findingsOf(scenario: Scenario) {
  const world = { scenario, catalog: new Map<string, unknown>() };
  const target: EscalationTarget = { kind: 'admin' };
  const report = escalationPaths(world, escalationGraph(world), target);
  return escalationFindings(
    report.paths.map((p) => ({
      from: p.from,
      text: pathText(p, target),
      hops: p.hops.length,
      conditional: p.status === 'conditional',
    })),
  );
}

describe('escalation findings', () => {
  it('one finding per principal that can become admin, located at it, with the path', () => {
    const found = findingsOf(ESCALATION_WORLD);
    expect(found.every((f) => f.code === 'escalation-path' && f.severity === 'error')).toBe(true);
    expect(FINDING_CODES['escalation-path'].severity).toBe('error');
    const alice = found.find((f) => f.path.join('/') === `accounts/${A}/users/alice`)!;
    expect(alice.message).toBe(
      `Privilege escalation: arn:aws:iam::${A}:user/alice can become admin (* on *) in 1 step: user/alice -(iam:PassRole to lambda.amazonaws.com)-> role/LambdaAdmin -> admin. Remove one step's permission to close it.`,
    );
    expect(found.find((f) => f.path.join('/') === `accounts/${A}/users/carol`)?.message).toContain(
      'in 2 steps: user/carol -(sts:AssumeRole)-> role/Helpdesk -(iam:UpdateLoginProfile)-> user/dave -> admin',
    );
    expect(found.map((f) => f.path[3])).not.toContain('erin');
  });

  it('none when only the admins and the principals without a way up remain', () => {
    const closed: Scenario = structuredClone(ESCALATION_WORLD);
    const users = closed.accounts![A]!.users!;
    for (const name of ['alice', 'bob', 'carol', 'frank', 'gina', 'hank']) delete users[name];
    delete closed.accounts![A]!.roles!['Helpdesk'];
    expect(findingsOf(closed)).toEqual([]);
  });
});
