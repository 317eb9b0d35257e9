/** The credential and best-practice findings (src/findings/credential-checks.ts). */
import { describe, expect, it } from 'vitest';
import {
  loadManagedPolicyCatalog,
  loadManagedPolicyDigests,
} from '../../../src/data/managed-policies.ts';
import { canonicalPolicy, policyDigest } from '../../../src/data/policy-canonical.js';
import { loadReferenceFor } from '../../../src/data/service-reference.ts';
import {
  FINDING_CODES,
  checkScenario,
  mayDuplicateManagedPolicy,
  type Finding,
} from '../../../src/findings/index.ts';
import { applyFix } from './apply-fix.ts';
import { NOW, credentialCases, type CredentialCase } from './credential-cases.ts';
import { A, doc, scenario } from './scenario-cases.ts';

async function check(value: unknown, c?: CredentialCase): Promise<Finding[]> {
  return checkScenario(value, await loadReferenceFor(value), undefined, {
    now: NOW,
    ...(c?.managed ? { managedPolicies: c.managed } : {}),
  });
}

describe.each(credentialCases)('credential finding $code', (c) => {
  it('fires where the problem is, with its severity and AWS page', async () => {
    const found = (await check(c.bad, c)).filter((f) => f.code === c.code);
    expect(found.map((f) => f.path)).toEqual(c.paths);
    for (const f of found) {
      expect(f.severity).toBe(FINDING_CODES[f.code].severity);
      expect(f.docs.url).toBe(FINDING_CODES[f.code].docs.url);
      expect(f.docs.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('stays silent on a close scenario without the problem', async () => {
    expect(await check(c.good, c)).toEqual([]);
  });

  it(c.fixes ? 'offers a quick fix that removes it' : 'offers no quick fix', async () => {
    const [finding] = (await check(c.bad, c)).filter((f) => f.code === c.code);
    if (!c.fixes) {
      expect(finding?.fix).toBeUndefined();
      return;
    }
    const fixed = applyFix(c.bad, finding!.fix!.path, finding!.fix!.replacement);
    expect((await check(fixed, c)).filter((f) => f.code === c.code)).toEqual([]);
  });
});

describe('against the real AWS managed policy catalog', () => {
  it('names the AWS managed policy a custom one repeats', async () => {
    const catalog = await loadManagedPolicyCatalog();
    const copy = structuredClone(catalog.get('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'));
    const world = scenario({ accounts: { [A]: { policies: { MyS3Read: copy } } } });
    const found = checkScenario(world, await loadReferenceFor(world), undefined, {
      now: NOW,
      managedPolicies: catalog,
    }).filter((f) => f.code === 'duplicates-managed-policy');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('AmazonS3ReadOnlyAccess');
  }, 60_000);

  it('the generated digests tell, without the AWS documents, whether a policy may repeat one', async () => {
    const [catalog, digests] = await Promise.all([
      loadManagedPolicyCatalog(),
      loadManagedPolicyDigests(),
    ]);
    // Every AWS document's digest is there, so no duplicate is missed.
    for (const [arn, document] of catalog)
      expect(digests.has(policyDigest(canonicalPolicy(document)!)), arn).toBe(true);
    const copy = structuredClone(catalog.get('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'));
    expect(
      mayDuplicateManagedPolicy(
        scenario({ accounts: { [A]: { policies: { C: copy } } } }),
        digests,
      ),
    ).toBe(true);
    const own = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mine/*' });
    expect(
      mayDuplicateManagedPolicy(scenario({ accounts: { [A]: { policies: { C: own } } } }), digests),
    ).toBe(false);
  }, 60_000);

  it('a console user in an account without a password policy gets AWS default named as weak', async () => {
    const world = scenario({
      accounts: {
        [A]: {
          users: {
            bob: { loginProfile: {}, mfaDevices: [{ serial: `arn:aws:iam::${A}:mfa/bob` }] },
          },
        },
      },
    });
    const [finding] = (await check(world)).filter((f) => f.code === 'weak-password-policy');
    expect(finding?.message).toMatch(/no password policy.*8 characters/);
    void doc;
  });
});
