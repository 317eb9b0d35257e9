/** aws accessanalyzer validate-policy: the project's findings in Access Analyzer's shape. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import type { ServiceReference } from '../../../src/data/service-reference';
import { loadReferenceFor } from '../../../src/data/service-reference';
import { NOW, Session, doc } from './helpers';

const policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObjekt', '*'], Resource: '*' }],
};

let reference: ServiceReference;
beforeAll(async () => {
  reference = await loadReferenceFor(policy);
}, 60_000);

describe('aws accessanalyzer validate-policy', () => {
  it('answers findings with type, issue code, link and location', async () => {
    const s = new Session(
      undefined,
      createConsoleDeps({ now: () => NOW, reference: () => reference }),
    );
    const text = JSON.stringify(policy, null, 2);
    const out = (await s.json(
      `aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document '${text}'`,
    )) as { findings: Record<string, unknown>[] };
    const byCode = Object.fromEntries(out.findings.map((f) => [f['issueCode'], f]));
    expect(byCode['UNKNOWN_ACTION']).toMatchObject({
      findingType: 'WARNING',
      learnMoreLink: expect.stringMatching(/^https:\/\/docs\.aws\.amazon\.com\//),
      locations: [
        {
          path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 0 }],
          span: { start: { line: 7, column: 8 } },
        },
      ],
    });
    expect(byCode['ALLOW_ALL_ACTIONS_ALL_RESOURCES']?.['findingType']).toBe('SECURITY_WARNING');
  });

  it('a clean policy has no findings; bad JSON and a missing type are the CLI and service errors', async () => {
    const s = new Session(
      undefined,
      createConsoleDeps({ now: () => NOW, reference: () => reference }),
    );
    const clean = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    };
    expect(
      await s.json(
        `aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document ${doc(clean)}`,
      ),
    ).toEqual({ findings: [] });
    expect(
      (await s.run(`aws accessanalyzer validate-policy --policy-document ${doc(clean)}`)).output,
    ).toMatch(/the following arguments are required: --policy-type/);
  });

  it('without the service reference it says it is unavailable', async () => {
    const s = new Session();
    expect(
      (
        await s.run(
          `aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document ${doc(policy)}`,
        )
      ).output,
    ).toMatch(/\(ServiceUnavailable\)/);
  });
});
