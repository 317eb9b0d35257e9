import { exposureFindings, sharedStatements } from '../../../src/findings/exposure-checks.ts';
import { checkPolicy } from '../../../src/findings/check-policy.ts';
import type { PolicyContext } from '../../../src/findings/types.ts';
import type { Scenario } from '../../../src/model/index.ts';
import { describe, expect, it } from 'vitest';
import { loadReferenceFor } from '../../../src/data/service-reference.ts';
import { checkScenario, findingRecords, type Finding } from '../../../src/findings/index.ts';
import { applyFix } from './apply-fix.ts';
import { A, B, doc, scenario, scenarioCases } from './scenario-cases.ts';

async function check(value: unknown): Promise<Finding[]> {
  return checkScenario(value, await loadReferenceFor(value));
}

describe.each(scenarioCases)('scenario finding $code', (c) => {
  it('fires where the problem is', async () => {
    const found = (await check(c.bad)).filter((f) => f.code === c.code);
    expect(found.map((f) => f.path)).toEqual(c.paths);
    expect(found.every((f) => f.docs.url.startsWith('https://docs.aws.amazon.com/'))).toBe(true);
  });

  it('stays silent on a close scenario without the problem', async () => {
    expect(await check(c.good)).toEqual([]);
  });

  it(c.fixes ? 'offers a quick fix that removes it' : 'offers no quick fix', async () => {
    const [finding] = (await check(c.bad)).filter((f) => f.code === c.code);
    if (!c.fixes) {
      expect(finding?.fix).toBeUndefined();
      return;
    }
    const fixed = applyFix(c.bad, finding!.fix!.path, finding!.fix!.replacement);
    expect((await check(fixed)).filter((f) => f.code === c.code)).toEqual([]);
  });
});

describe('checkScenario checks every document where it stands', () => {
  const world = scenario({
    organization: {
      policies: { Open: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
      root: { scps: ['FullAWSAccess', 'Open'] },
    },
    accounts: {
      [A]: {
        policies: {
          Boundary: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
          Typo: doc({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }),
        },
        users: { alice: { policies: ['Typo'], boundary: 'Boundary' } },
        roles: {
          Shared: {
            trust: doc({ Effect: 'Allow', Principal: { AWS: B }, Action: 'sts:AssumeRole' }),
            inline: { admin: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
          },
        },
      },
    },
    resources: {
      'arn:aws:s3:::site': {
        account: A,
        policy: doc({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::site/*',
        }),
      },
      [`arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`]: {
        policy: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${B}:root` },
          Action: 'kms:Decrypt',
          Resource: '*',
        }),
      },
    },
    requests: [
      {
        principal: `arn:aws:iam::${A}:role/Shared`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::site/a',
        sessionPolicy: doc({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::site',
        }),
      },
    ],
  });

  it('with paths into the scenario, kinds from where each document is used, and owners as context', async () => {
    const found = (await check(world)).map((f) => [f.code, f.path.join('/')]);
    expect(found).toEqual([
      ['unknown-action', `accounts/${A}/policies/Typo/Statement/0/Action`],
      ['allow-all-actions-all-resources', `accounts/${A}/roles/Shared/inline/admin/Statement/0`],
      // The world's exposure (Access Analyzer's external access), after the per-policy checks,
      // which no longer repeat it (trust-policy-admits-account, bucket-policy-public,
      // key-policy-admits-account of the same statements).
      ['public-access', 'resources/arn:aws:s3:::site/policy/Statement/0'],
      [
        'external-access',
        `resources/arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab/policy/Statement/0`,
      ],
      ['external-access', `accounts/${A}/roles/Shared/trust/Statement/0`],
      ['resource-matches-no-action', 'requests/0/sessionPolicy/Statement/0/Resource'],
    ]);
  });

  it('rebases quick fixes and adds ranges from the scenario locator', async () => {
    const ref = await loadReferenceFor(world);
    const range = { line: 9, column: 3, from: 100, to: 114 };
    const [typo] = checkScenario(world, ref, (path) =>
      path.join('/') === `accounts/${A}/policies/Typo/Statement/0/Action` ? range : undefined,
    );
    expect(typo?.range).toEqual(range);
    expect(typo?.fix).toEqual({
      description: 'Use s3:GetObject',
      path: ['accounts', A, 'policies', 'Typo', 'Statement', 0, 'Action'],
      replacement: 's3:GetObject',
    });
  });

  it('reads anything without throwing', async () => {
    for (const value of [null, 3, 'x', [], { accounts: 5 }, { accounts: { [A]: { roles: 1 } } }]) {
      expect(await check(value)).toEqual([]);
    }
  });
});

describe('requests', () => {
  it('names an unknown action in a request, with a did-you-mean fix', async () => {
    const value = scenario({
      requests: [{ principal: 'anonymous', action: 's3:GetObjekt', resource: 'arn:aws:s3:::b/k' }],
    });
    const [finding] = await check(value);
    expect(finding).toMatchObject({
      code: 'unknown-action',
      path: ['requests', 0, 'action'],
      fix: { path: ['requests', 0, 'action'], replacement: 's3:GetObject' },
    });
    const fixed = applyFix(value, finding!.fix!.path, finding!.fix!.replacement);
    expect(await check(fixed)).toEqual([]);
  });
});

describe('findingRecords', () => {
  it('flattens findings for eval --json, with line and column when known', () => {
    const base = {
      code: 'unknown-action' as const,
      severity: 'warning' as const,
      message: 'm',
      path: ['requests', 0, 'action'],
      docs: { title: 't', url: 'https://docs.aws.amazon.com/x' },
    };
    expect(
      findingRecords([base, { ...base, range: { line: 4, column: 7, from: 50, to: 60 } }]),
    ).toEqual([
      { ...base, docs: 'https://docs.aws.amazon.com/x', line: null, column: null },
      { ...base, docs: 'https://docs.aws.amazon.com/x', line: 4, column: 7 },
    ]);
  });
});

describe('a wildcard principal pinned by aws:PrincipalArn', () => {
  const pinnedTo = (...arns: string[]) =>
    scenario({
      accounts: { [A]: { roles: { Reader: {} } } },
      resources: {
        'arn:aws:s3:::reports': {
          account: A,
          policy: doc({
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::reports/*',
            Condition: { StringEquals: { 'aws:PrincipalArn': arns } },
          }),
        },
      },
    });
  const exposure = async (world: unknown) =>
    (await check(world))
      .filter((f) => f.code === 'public-access' || f.code === 'external-access')
      .map((f) => f.message);

  it("is inside the zone of trust when every ARN is of the bucket's own account", async () => {
    expect(await exposure(pinnedTo(`arn:aws:iam::${A}:role/Reader`))).toEqual([]);
  });

  it('is external access for exactly the ARNs of other accounts', async () => {
    const found = await exposure(
      pinnedTo(`arn:aws:iam::${A}:role/Reader`, `arn:aws:iam::${B}:role/Auditor`),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`shared with arn:aws:iam::${B}:role/Auditor`);
  });
});

describe('one finding per shared statement', () => {
  const site = 'arn:aws:s3:::site';
  const publicStatement = {
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `${site}/*`,
  };
  const codes = async (policy: Record<string, unknown>, context: PolicyContext = {}) =>
    checkPolicy(policy, 'resource', await loadReferenceFor({}), undefined, {
      resource: site,
      ...context,
    }).map((f) => f.code);

  it('the per-statement check is silent where an exposure finding names the statement, and speaks elsewhere', async () => {
    const policy = doc(publicStatement);
    // Checked on its own (no world around it): the older check is the only report.
    expect(await codes(policy)).toContain('bucket-policy-public');
    const [exposure] = exposureFindings(
      scenario({ resources: { [site]: { policy } } }) as unknown as Scenario,
    );
    expect(exposure?.code).toBe('public-access');
    const sharedAs = sharedStatements([exposure!])(['resources', site, 'policy']);
    expect(await codes(policy, { sharedAs })).not.toContain('bucket-policy-public');
    // Another statement of the same document is not covered by it.
    const two = doc(publicStatement, { ...publicStatement, Sid: 'Other' });
    const paths = checkPolicy(two, 'resource', await loadReferenceFor({}), undefined, {
      resource: site,
      sharedAs,
    })
      .filter((f) => f.code === 'bucket-policy-public')
      .map((f) => f.path.join('/'));
    expect(paths).toEqual(['Statement/1/Principal']);
    // An external-access finding does not stand for a public one.
    const external = sharedStatements([{ ...exposure!, code: 'external-access' }]);
    expect(await codes(policy, { sharedAs: external(['resources', site, 'policy']) })).toContain(
      'bucket-policy-public',
    );
  });
});
