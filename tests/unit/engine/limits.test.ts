import { describe, expect, it } from 'vitest';
import { REQUEST_LIMITS, validateRequestLimits } from '../../../src/engine/index.ts';

const arn = (length: number): string => {
  const head = 'arn:aws:s3:::';
  return head + 'a'.repeat(length - head.length);
};

describe('request limits (AWS IAM API: SimulatePrincipalPolicy, ContextEntry; tagging quotas)', () => {
  it('has the limits AWS documents', () => {
    expect(REQUEST_LIMITS).toEqual({
      arnLength: 2048,
      actionLength: 128,
      contextKeyLength: 256,
      valuesPerKey: 50,
      valueLength: 2048,
    });
  });

  it('accepts a request exactly at every limit', () => {
    const context = {
      ['k'.repeat(256)]: Array.from({ length: 50 }, () => 'v'.repeat(2048)),
      'aws:SourceArn': arn(2048),
    };
    expect(
      validateRequestLimits({
        action: 's3:' + 'A'.repeat(125),
        resource: arn(2048),
        context,
      }),
    ).toEqual([]);
  });

  it('names each part one past its limit, with its path', () => {
    const problems = validateRequestLimits({
      action: 's3:' + 'A'.repeat(126),
      resource: arn(2049),
      context: {
        ['k'.repeat(257)]: 'x',
        'aws:TagKeys': Array.from({ length: 51 }, (_, i) => `t${i}`),
        'aws:PrincipalTag/team': ['ok', 'v'.repeat(2049)],
        'aws:SourceArn': 'v'.repeat(2049),
      },
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['resource-too-long', ['resource']],
      ['action-too-long', ['action']],
      ['context-key-too-long', ['context', 'k'.repeat(257)]],
      ['too-many-context-values', ['context', 'aws:TagKeys']],
      ['context-value-too-long', ['context', 'aws:PrincipalTag/team', 1]],
      ['context-value-too-long', ['context', 'aws:SourceArn']],
    ]);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    expect(problems[0]?.message).toContain('2,049 characters');
    expect(problems[0]?.message).toContain('at most 2,048');
    expect(problems[3]?.message).toContain('51 values');
  });

  it('says once per key when many values are too long', () => {
    const problems = validateRequestLimits({
      context: { 'aws:TagKeys': Array.from({ length: 50 }, () => 'v'.repeat(3000)) },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toEqual(['context', 'aws:TagKeys', 0]);
  });
});
