import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/model/index.ts';

const scenario = (account: Record<string, unknown>) => ({
  format: 'iam-playground/scenario',
  version: 1,
  accounts: { '111122223333': account },
});

const problems = (account: Record<string, unknown>) =>
  validateScenario(scenario(account)).filter((p) => p.severity === 'error');

describe('keyed entries of an account (VPC endpoints, access points)', () => {
  it('names the map that is not an object, with its path', () => {
    for (const field of ['vpcEndpoints', 'accessPoints']) {
      const [p] = problems({ [field]: [] });
      expect(p?.code).toBe('wrong-type');
      expect(p?.path).toEqual(['accounts', '111122223333', field]);
      expect(p?.message).toContain(`"${field}" must be an object keyed by`);
    }
  });

  it('names the entry that is not an object and each unknown key with what is allowed', () => {
    const ap = problems({
      accessPoints: { finance: 3, reports: { bucket: 'reports', colour: 1 } },
    });
    expect(ap.map((p) => p.message)).toEqual([
      'Access point finance must be an object, not the number 3.',
      'Unknown property "colour" in access point reports. Allowed here: bucket, region, policy, vpc, publicAccessBlock.',
    ]);
    expect(ap[1]?.path).toEqual(['accounts', '111122223333', 'accessPoints', 'reports', 'colour']);
    const ep = problems({ vpcEndpoints: { 'vpce-0a1b2c3d': { vpc: 'vpc-0a1b2c3d', colour: 1 } } });
    expect(ep.map((p) => p.message)).toEqual([
      'Unknown property "colour" in VPC endpoint vpce-0a1b2c3d. Allowed here: vpc, service, policy.',
    ]);
  });
});
