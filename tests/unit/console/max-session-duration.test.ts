/** aws iam create-role --max-session-duration: kept in the world, where assume steps check it. */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/model/index';
import { ACCOUNT, Session, doc } from './helpers';

const world = (): Scenario => ({
  format: 'iam-playground/scenario',
  version: 1,
  accounts: { [ACCOUNT]: {} },
});

describe('aws iam create-role --max-session-duration (IAM API Reference, CreateRole)', () => {
  it("is kept as the role's maxSessionDuration, shown by get-role, and refused outside 3600–43200", async () => {
    const trust = doc({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }],
    });
    const s = await new Session(world()).setup(
      `aws iam create-role --role-name Long --assume-role-policy-document ${trust} --max-session-duration 7200`,
    );
    expect(s.scenario.accounts?.[ACCOUNT]?.roles?.['Long']?.maxSessionDuration).toBe(7200);
    expect(
      (
        (await s.json('aws iam get-role --role-name Long')) as {
          Role: { MaxSessionDuration: number };
        }
      ).Role.MaxSessionDuration,
    ).toBe(7200);
    expect(
      (
        await s.run(
          `aws iam create-role --role-name Short --assume-role-policy-document ${trust} --max-session-duration 60`,
        )
      ).output,
    ).toMatch(/ValidationError.*greater than or equal to 3600/);
  });
});
