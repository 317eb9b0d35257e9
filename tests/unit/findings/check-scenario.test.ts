import { withoutRepeats } from '../../../src/findings/exposure-checks.ts';
import { FINDING_CODES } from '../../../src/findings/codes.ts';
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

describe('one finding per shared statement', () => {
  const finding = (code: Finding['code'], path: (string | number)[]): Finding => ({
    code,
    severity: 'warning',
    message: code,
    path,
    docs: FINDING_CODES[code].docs,
  });
  const statement = ['resources', 'arn:aws:s3:::site', 'policy', 'Statement', 0];

  it('drops the per-statement check an exposure finding of the same statement repeats, and keeps the rest', () => {
    const older = [
      finding('bucket-policy-public', [...statement, 'Principal']),
      finding('trust-policy-admits-account', [
        'accounts',
        A,
        'roles',
        'R',
        'trust',
        'Statement',
        0,
      ]),
      finding('allow-with-not-action', [...statement, 'NotAction']),
    ];
    const exposure = [finding('public-access', statement)];
    expect(withoutRepeats(older, exposure).map((f) => f.code)).toEqual([
      // no exposure finding at the trust statement: the older finding is the only report
      'trust-policy-admits-account',
      'allow-with-not-action',
    ]);
    // An external-access finding does not stand for a public one.
    expect(
      withoutRepeats(older, [finding('external-access', statement)]).map((f) => f.code),
    ).toContain('bucket-policy-public');
  });
});
