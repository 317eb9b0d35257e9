import { describe, expect, it } from 'vitest';
import { evaluateScenario, loadScenario, type Scenario } from '../../../src/model/index.ts';

const user = 'arn:aws:iam::111122223333:user/u';

function scenario(statement: object, request: { resource: string; context?: object }): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      '111122223333': {
        policies: { P: { Version: '2012-10-17', Statement: [statement] } },
        users: { u: { policies: ['P'] } },
      },
    },
    requests: [{ principal: user, action: 's3:GetObject', ...request }],
  } as Scenario;
}

/** The tester's first scenario: a long glob against a very long resource. */
const hostileGlob = scenario(
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a*' + 'a'.repeat(5900) + 'b' },
  { resource: 'arn:aws:s3:::' + 'a'.repeat(100_000) },
);

/** The tester's second: ForAnyValue:StringLike, 300 patterns against 100,000 values. */
const patterns = Array.from({ length: 300 }, (_, i) => `*x${i}*y*z`);
const hostileLike = (values: number) =>
  scenario(
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': patterns } },
    },
    {
      resource: 'arn:aws:s3:::b/k',
      context: { 'aws:TagKeys': Array.from({ length: values }, (_, i) => `x${i}-y-z`) },
    },
  );

describe('a scenario beyond the request limits (issue 14)', () => {
  it('is an error located at the resource, with line and column', () => {
    const text = JSON.stringify(hostileGlob, null, 2);
    const { problems } = loadScenario(text);
    const problem = problems.find((p) => p.code === 'resource-too-long');
    expect(problem?.severity).toBe('error');
    expect(problem?.path).toEqual(['requests', 0, 'resource']);
    expect(problem?.line).toBe(text.split('\n').findIndex((l) => l.includes('"resource"')) + 1);
    expect(problem?.column).toBeGreaterThan(0);
  });

  it('is an error located at a context key with too many values', () => {
    const { problems } = loadScenario(JSON.stringify(hostileLike(100_000), null, 2));
    const problem = problems.find((p) => p.code === 'too-many-context-values');
    expect(problem?.path).toEqual(['requests', 0, 'context', 'aws:TagKeys']);
    expect(problem?.message).toContain('100,000 values');
    expect(problem?.line).toBeGreaterThan(1);
  });

  it('is not decided: the request says why instead of running', () => {
    for (const s of [hostileGlob, hostileLike(100_000)]) {
      const [result] = evaluateScenario(s, { catalog: new Map() });
      expect(result?.problems?.[0]?.code).toMatch(/too-long|too-many/);
      expect(result?.trace.summary).toContain('could not be decided');
    }
  });

  it('within the limits, 300 patterns against 50 values are decided, and match', () => {
    const [result] = evaluateScenario(hostileLike(50), { catalog: new Map() });
    expect(result?.problems).toBeUndefined();
    expect(result?.decision).toBe('allowed');
  });

  it('names a resource whose ARN is too long at its key', () => {
    const s = {
      ...hostileLike(1),
      resources: { ['arn:aws:s3:::' + 'b'.repeat(3000)]: { account: '111122223333' } },
    };
    const { problems } = loadScenario(JSON.stringify(s, null, 2));
    const problem = problems.find((p) => p.code === 'resource-too-long');
    expect(problem?.path).toEqual(['resources', 'arn:aws:s3:::' + 'b'.repeat(3000)]);
  });
});
