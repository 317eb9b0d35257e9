import { describe, expect, it } from 'vitest';
import { TITLES } from '../../../src/engine/evaluate.ts';
import { evaluateScenario } from '../../../src/model/evaluate.ts';
import type { Scenario } from '../../../src/model/index.ts';
import { FLOW_STEPS, flowSteps, visitedSteps } from '../../../src/ui/results/explain.ts';

describe('the flow picture', () => {
  it('has a row for every step a trace can decide at, and no other', () => {
    expect(FLOW_STEPS.map((s) => s.id).sort()).toEqual(Object.keys(TITLES).sort());
  });

  it('draws and lights the instance-profile step, passed or denying', () => {
    const A = '111122223333';
    const trust = (service: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
    });
    const scenario = {
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        [A]: {
          roles: {
            Trusted: {
              trust: trust('ec2.amazonaws.com'),
              inline: {
                Read: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
                },
              },
            },
            Untrusted: { trust: trust('lambda.amazonaws.com') },
          },
          instanceProfiles: { Good: { role: 'Trusted' }, Bad: { role: 'Untrusted' } },
        },
      },
      requests: ['Good', 'Bad'].map((p) => ({
        principal: `arn:aws:iam::${A}:instance-profile/${p}`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
      })),
    } as unknown as Scenario;
    const [good, bad] = evaluateScenario(scenario, {
      catalog: new Map(),
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(good?.decision).toBe('allowed');
    expect(flowSteps(good!.trace).map((s) => s.id)).toContain('instance-profile');
    expect(visitedSteps(good!.trace).get('instance-profile')).toBe('pass');
    expect(good!.trace.decidingStep).toBe('final');

    expect(bad?.decision).toBe('implicitDeny');
    expect(bad!.trace.decidingStep).toBe('instance-profile');
    expect(visitedSteps(bad!.trace).get('instance-profile')).toBe('deny');
    // A request without a chain draws no such row.
    expect(flowSteps(null).map((s) => s.id)).not.toContain('instance-profile');
  });
});
