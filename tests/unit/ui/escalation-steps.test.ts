/**
 * "Who can become admin?" lists each path with its steps: as many as its arrows (the holder's
 * own access included), and "Already:" names principals, not instance profiles.
 */
import { describe, expect, it } from 'vitest';
import {
  escalationGraph,
  escalationPaths,
  type AnalysisWorld,
} from '../../../src/analysis/index.ts';
import { holdingPrincipals, pathLine } from '../../../src/ui/access/escalation.svelte.ts';
import type { EscalationResponse } from '../../../src/worker/protocol.ts';
import { ESCALATION_WORLD, arn } from '../analysis/escalation-world.ts';

const world: AnalysisWorld = {
  scenario: ESCALATION_WORLD,
  catalog: new Map(),
  now: new Date('2026-06-01T12:00:00Z'),
};
const graph = escalationGraph(world);
const report = escalationPaths(world, graph, { kind: 'admin' });
const response: EscalationResponse = {
  type: 'escalation',
  revision: 0,
  graph,
  report,
  elapsedMs: 0,
};

describe('escalation paths as listed', () => {
  it('count one step per arrow', () => {
    const lines = report.paths.map((p) => pathLine(p, response));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.steps).toBe(line.words.split(' → ').length - 1);
    const hank = pathLine(
      report.paths.find((p) => p.from === arn('user', 'hank'))!,
      response,
    );
    expect(hank).toEqual({
      words: 'user/hank → instance-profile/WebProfile → admin (* on *)',
      steps: 2,
    });
  });

  it('name the principals that hold it already, not an instance profile', () => {
    expect(report.holders.map((h) => h.principal)).toContain(arn('instance-profile', 'WebProfile'));
    expect(holdingPrincipals(report).sort()).toEqual(
      [arn('user', 'dave'), arn('role', 'LambdaAdmin'), arn('role', 'Ec2Admin')].sort(),
    );
  });
});
