/**
 * Multi-step requests (`assume`), session tags, transitive tags, source identity and federated
 * users: one test per rule, each naming the AWS page it follows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index.ts';
import {
  evaluateScenario,
  loadScenario,
  resolveRequest,
  type Scenario,
  type ScenarioRequest,
} from '../../../src/model/index.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const A = '111111111111';
const B = '222222222222';
const catalog = new Map();

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', extra = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const trust = (principal: unknown, actions: string[], extra = {}) =>
  doc({ Effect: 'Allow', Principal: principal, Action: actions, ...extra });

const ROLE_X = `arn:aws:iam::${B}:role/X`;
const ROLE_Y = `arn:aws:iam::${B}:role/Y`;
const ALICE = `arn:aws:iam::${A}:user/alice`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${B}:secret:s-AbCdEf`;
const STS_ALL = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

/** A world: alice in A may call the three STS actions on X; X (in B) may on Y; both roles trust their caller. */
function world(over: { xTrust?: unknown; yTrust?: unknown; xTags?: Record<string, string> } = {}) {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        users: {
          alice: {
            tags: { team: 'blue' },
            inline: { Sts: doc(allow(STS_ALL, ROLE_X)), Secrets: doc(allow('secretsmanager:*')) },
          },
        },
      },
      [B]: {
        roles: {
          X: {
            tags: over.xTags ?? { team: 'none', Level: 'low' },
            trust: over.xTrust ?? trust({ AWS: `arn:aws:iam::${A}:root` }, STS_ALL),
            inline: { Chain: doc(allow(STS_ALL, ROLE_Y)), Read: doc(allow('secretsmanager:*')) },
          },
          Y: {
            trust: over.yTrust ?? trust({ AWS: ROLE_X }, STS_ALL),
            inline: { Read: doc(allow('secretsmanager:*')) },
          },
        },
      },
    },
    resources: { [SECRET]: { account: B, tags: { team: 'blue' } } },
  } as Scenario;
}

function request(assume: unknown[], extra: Partial<ScenarioRequest> = {}): ScenarioRequest {
  return {
    principal: ALICE,
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    assume,
    ...extra,
  } as ScenarioRequest;
}

function run(s: Scenario, r: ScenarioRequest) {
  const loaded = loadScenario(JSON.stringify({ ...s, requests: [r] }));
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return evaluateScenario(loaded.scenario!, { catalog, now: NOW })[0]!;
}

function finalContext(s: Scenario, r: ScenarioRequest) {
  const resolved = resolveRequest({ ...s, requests: [r] }, r, { catalog, now: NOW });
  if (!resolved.ok || !resolved.input) throw new Error('not resolved');
  return resolved.input.request.context ?? {};
}

describe('session tags ("Pass session tags in AWS STS")', () => {
  it('a session tag overrides the role tag of the same key, whatever its letter case', () => {
    const ctx = finalContext(world(), request([{ role: ROLE_X, tags: { TEAM: 'blue' } }]));
    expect(ctx['aws:PrincipalTag/TEAM']).toBe('blue');
    expect(ctx['aws:PrincipalTag/team']).toBeUndefined();
    expect(ctx['aws:PrincipalTag/Level']).toBe('low');
  });

  it('passing tags needs sts:TagSession in the trust policy: the hop stops the request', () => {
    const s = world({ xTrust: trust({ AWS: `arn:aws:iam::${A}:root` }, ['sts:AssumeRole']) });
    const result = run(s, request([{ role: ROLE_X, tags: { team: 'blue' } }]));
    expect(result.decision).toBe('implicitDeny');
    expect(result.chain?.map((c) => [c.title.split(':')[0], c.decision])).toEqual([
      ['Hop 1 of 1', 'allowed'],
      ['Hop 1 of 1', 'implicitDeny'],
    ]);
    expect(result.chain?.[1]?.title).toContain('sts:TagSession');
    expect(result.trace.summary).toMatch(/Hop 1 of 1 stopped the request.*sts:TagSession/);
    // Without tags the same trust policy is enough.
    expect(run(s, request([{ role: ROLE_X }])).decision).toBe('allowed');
  });

  it('aws:RequestTag and aws:TagKeys are in the context of the assume call', () => {
    const s = world({
      xTrust: doc(
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:root` },
          Action: 'sts:AssumeRole',
        },
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:root` },
          Action: 'sts:TagSession',
          Condition: {
            StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
          },
        },
      ),
    });
    expect(run(s, request([{ role: ROLE_X, tags: { team: 'blue' } }])).decision).toBe('allowed');
    expect(run(s, request([{ role: ROLE_X, tags: { team: 'red' } }])).decision).toBe(
      'implicitDeny',
    );
    expect(run(s, request([{ role: ROLE_X, tags: { team: 'blue', cost: 'x' } }])).decision).toBe(
      'implicitDeny',
    );
  });
});

describe('role chaining ("Chaining roles with session tags", "Roles terms and concepts")', () => {
  it('transitive tags carry on to the next session; others do not', () => {
    const ctx = finalContext(
      world(),
      request([
        { role: ROLE_X, tags: { team: 'blue', cost: 'c1' }, transitiveTagKeys: ['team'] },
        { role: ROLE_Y },
      ]),
    );
    expect(ctx['aws:PrincipalTag/team']).toBe('blue');
    expect(ctx['aws:PrincipalTag/cost']).toBeUndefined();
    expect(ctx['aws:PrincipalArn']).toBe(ROLE_Y);
  });

  it('a later hop cannot pass a tag whose key an inherited transitive tag has', () => {
    const result = run(
      world(),
      request([
        { role: ROLE_X, tags: { team: 'blue' }, transitiveTagKeys: ['team'] },
        { role: ROLE_Y, tags: { Team: 'red' } },
      ]),
    );
    expect(result.decision).toBe('implicitDeny');
    expect(result.trace.summary).toMatch(/^Hop 2 of 2: .*transitive tag/);
    expect(result.chain?.every((c) => c.title.startsWith('Hop 1'))).toBe(true);
  });

  it('a transitive key must name a tag passed in the same call', () => {
    const result = run(world(), request([{ role: ROLE_X, transitiveTagKeys: ['team'] }]));
    expect(result.decision).toBe('implicitDeny');
    expect(result.trace.summary).toMatch(/Transitive tag key "team" names no session tag/);
  });

  it('a chained session lasts at most one hour, and the trace notes the chaining', () => {
    const ok = run(world(), request([{ role: ROLE_X }, { role: ROLE_Y, durationSeconds: 3600 }]));
    expect(ok.decision).toBe('allowed');
    expect(ok.trace.notes.join(' ')).toMatch(/role chaining \(at most one hour\)/);
    const long = run(world(), request([{ role: ROLE_X }, { role: ROLE_Y, durationSeconds: 3601 }]));
    expect(long.decision).toBe('implicitDeny');
    expect(long.trace.summary).toMatch(/one hour.*3601 seconds/);
    // The first hop is not chaining: a user may ask for more.
    expect(run(world(), request([{ role: ROLE_X, durationSeconds: 7200 }])).decision).toBe(
      'allowed',
    );
  });

  it('each hop is decided as its caller: the calling role must be trusted and allowed', () => {
    const s = world({ yTrust: trust({ AWS: `arn:aws:iam::${A}:root` }, STS_ALL) });
    const result = run(s, request([{ role: ROLE_X }, { role: ROLE_Y }]));
    expect(result.decision).toBe('implicitDeny');
    expect(result.chain?.map((c) => c.decision)).toEqual(['allowed', 'implicitDeny']);
    expect(result.chain?.[1]?.title).toContain(`assumed-role/X/alice calls sts:AssumeRole`);
  });

  it("a hop's session policy limits the session it makes, and the next call", () => {
    const deny = doc(allow('s3:*'));
    expect(run(world(), request([{ role: ROLE_X, sessionPolicy: deny }])).decision).toBe(
      'implicitDeny',
    );
    const result = run(world(), request([{ role: ROLE_X, sessionPolicy: deny }, { role: ROLE_Y }]));
    expect(result.chain?.map((c) => c.decision)).toEqual(['allowed', 'implicitDeny']);
  });

  it('an explicit deny at a hop is the decision of the whole request', () => {
    const s = world({
      xTrust: doc(
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: STS_ALL },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' },
      ),
    });
    expect(run(s, request([{ role: ROLE_X }])).decision).toBe('explicitDeny');
  });
});

describe('source identity ("Monitor and control actions taken with assumed roles")', () => {
  it('is set with sts:SetSourceIdentity, appears as aws:SourceIdentity, and carries through the chain', () => {
    const r = request([{ role: ROLE_X, sourceIdentity: 'alice' }, { role: ROLE_Y }]);
    const result = run(world(), r);
    expect(result.decision).toBe('allowed');
    expect(result.chain?.map((c) => c.title.match(/calls (\S+)/)?.[1])).toEqual([
      'sts:AssumeRole',
      'sts:SetSourceIdentity',
      'sts:AssumeRole',
      'sts:SetSourceIdentity',
    ]);
    expect(finalContext(world(), r)['aws:SourceIdentity']).toBe('alice');
  });

  it('sts:SourceIdentity is in the context of the call, so a trust policy can require it', () => {
    const s = world({
      xTrust: trust({ AWS: `arn:aws:iam::${A}:root` }, STS_ALL, {
        Condition: { StringEquals: { 'sts:SourceIdentity': '${aws:username}' } },
      }),
    });
    expect(run(s, request([{ role: ROLE_X, sourceIdentity: 'alice' }])).decision).toBe('allowed');
    expect(run(s, request([{ role: ROLE_X, sourceIdentity: 'bob' }])).decision).toBe(
      'implicitDeny',
    );
    expect(run(s, request([{ role: ROLE_X }])).decision).toBe('implicitDeny');
  });

  it('cannot be changed later in the chain', () => {
    const result = run(
      world(),
      request([
        { role: ROLE_X, sourceIdentity: 'alice' },
        { role: ROLE_Y, sourceIdentity: 'mallory' },
      ]),
    );
    expect(result.decision).toBe('implicitDeny');
    expect(result.trace.summary).toMatch(/cannot be changed/);
  });

  it('a role whose trust policy lacks sts:SetSourceIdentity cannot be chained into once it is set', () => {
    const s = world({ yTrust: trust({ AWS: ROLE_X }, ['sts:AssumeRole']) });
    expect(run(s, request([{ role: ROLE_X }, { role: ROLE_Y }])).decision).toBe('allowed');
    const result = run(s, request([{ role: ROLE_X, sourceIdentity: 'alice' }, { role: ROLE_Y }]));
    expect(result.decision).toBe('implicitDeny');
    expect(result.chain?.at(-1)?.title).toContain('sts:SetSourceIdentity');
  });
});

describe('web identity hops ("Pass session tags in AWS STS", AssumeRoleWithWebIdentity)', () => {
  const PROVIDER = `arn:aws:iam::${B}:oidc-provider/token.actions.githubusercontent.com`;
  const webWorld = (actions: string[]) => {
    const s = world({
      xTrust: trust({ Federated: PROVIDER }, actions, {
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main',
          },
        },
      }),
    });
    return s;
  };
  const claims = { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' };

  it('the provider assumes the role with its claims; passing tags needs sts:TagSession too', () => {
    const r = (tags?: Record<string, string>) =>
      request([{ role: ROLE_X, context: claims, ...(tags ? { tags } : {}) }], {
        principal: PROVIDER,
      });
    const plain = run(webWorld(['sts:AssumeRoleWithWebIdentity']), r());
    expect(plain.decision).toBe('allowed');
    expect(plain.chain?.[0]?.title).toContain('sts:AssumeRoleWithWebIdentity');
    expect(run(webWorld(['sts:AssumeRoleWithWebIdentity']), r({ team: 'blue' })).decision).toBe(
      'implicitDeny',
    );
    expect(
      run(webWorld(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']), r({ team: 'blue' }))
        .decision,
    ).toBe('allowed');
  });
});

describe('federated users ("Permissions for GetFederationToken", "Compare AWS STS credentials")', () => {
  const FED = `arn:aws:sts::${A}:federated-user/app`;
  const fedWorld = () => {
    const s = world();
    const alice = s.accounts![A]!.users!.alice!;
    alice.inline = {
      Sts: doc(allow(STS_ALL, ROLE_X)),
      Fed: doc(
        allow(['sts:GetFederationToken', 'sts:TagSession'], `arn:aws:sts::${A}:federated-user/*`),
      ),
      Secrets: doc(allow('secretsmanager:GetSecretValue')),
    };
    return s;
  };
  const secretA = `arn:aws:secretsmanager:us-east-1:${A}:secret:s-AbCdEf`;
  const fedRequest = (hop: Record<string, unknown>, extra: Partial<ScenarioRequest> = {}) =>
    request([{ federatedUser: 'app', ...hop }], { resource: secretA, ...extra });
  const withSecretA = (s: Scenario, policy?: unknown) => {
    s.resources = { [secretA]: { account: A, ...(policy ? { policy } : {}) } };
    return s;
  };

  it("has its user's policies intersected with the session policy", () => {
    const s = withSecretA(fedWorld());
    expect(
      run(s, fedRequest({ sessionPolicy: doc(allow('secretsmanager:GetSecretValue')) })).decision,
    ).toBe('allowed');
    // The session policy cannot grant more than the user has.
    expect(
      run(
        s,
        fedRequest(
          { sessionPolicy: doc(allow('secretsmanager:*')) },
          { action: 'secretsmanager:DeleteSecret' },
        ),
      ).decision,
    ).toBe('implicitDeny');
  });

  it('without a session policy it has no permissions from its user, but a resource-based policy naming it grants', () => {
    expect(run(withSecretA(fedWorld()), fedRequest({})).decision).toBe('implicitDeny');
    const named = withSecretA(
      fedWorld(),
      doc({
        Effect: 'Allow',
        Principal: { AWS: FED },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
      }),
    );
    expect(run(named, fedRequest({})).decision).toBe('allowed');
  });

  it('its keys: aws:PrincipalType FederatedUser, aws:userid ACCOUNT:NAME, aws:PrincipalArn its own ARN ("Global condition context keys")', () => {
    const ctx = finalContext(withSecretA(fedWorld()), fedRequest({ tags: { team: 'green' } }));
    expect(ctx['aws:PrincipalType']).toBe('FederatedUser');
    expect(ctx['aws:userid']).toBe(`${A}:app`);
    expect(ctx['aws:PrincipalArn']).toBe(FED);
    expect(ctx['aws:PrincipalTag/team']).toBe('green');
    expect(ctx['aws:username']).toBeUndefined();
  });

  it('cannot call IAM operations nor assume a role, whatever the policies say', () => {
    const s = withSecretA(fedWorld());
    const all = doc(allow('*'));
    const iam = run(
      s,
      fedRequest({ sessionPolicy: all }, { action: 'iam:ListUsers', resource: '*' }),
    );
    expect(iam.decision).toBe('implicitDeny');
    expect(iam.trace.steps[0]?.id).toBe('caller');
    const chained = run(
      s,
      request([{ federatedUser: 'app', sessionPolicy: all }, { role: ROLE_X }], {
        resource: secretA,
      }),
    );
    expect(chained.decision).toBe('implicitDeny');
    expect(chained.chain?.at(-1)?.trace.steps[0]?.id).toBe('caller');
  });

  it('a role session cannot call GetFederationToken', () => {
    const result = run(
      withSecretA(fedWorld()),
      request([{ role: ROLE_X }, { federatedUser: 'app' }], { resource: secretA }),
    );
    expect(result.decision).toBe('implicitDeny');
    expect(result.chain?.at(-1)?.title).toContain('sts:GetFederationToken');
  });
});

describe('principals pinned to unique ids ("IAM identifiers": unique identifiers)', () => {
  it('a trust policy that names the old id of a re-created role no longer trusts its sessions', () => {
    const OLD = 'AROAOLDXXXXXXXXXXXXXX';
    const pinned = (xId: string) => {
      const s = world({ yTrust: trust({ AWS: OLD }, STS_ALL) });
      s.accounts![B]!.roles!.X!.id = xId;
      return s;
    };
    expect(run(pinned(OLD), request([{ role: ROLE_X }, { role: ROLE_Y }])).decision).toBe(
      'allowed',
    );
    const recreated = run(
      pinned('AROANEWYYYYYYYYYYYYYY'),
      request([{ role: ROLE_X }, { role: ROLE_Y }]),
    );
    expect(recreated.decision).toBe('implicitDeny');
    expect(recreated.chain?.at(-1)?.decision).toBe('implicitDeny');
  });
});

describe('the format', () => {
  it('says what is wrong in a hop, and where', () => {
    const loaded = loadScenario(
      JSON.stringify({
        ...world(),
        requests: [
          request(
            [
              { role: ROLE_X, federatedUser: 'x' },
              { role: `arn:aws:iam::${B}:role/Nope` },
              { role: ROLE_Y, durationSeconds: 60, sourceIdentity: 'a b', colour: 1 },
            ],
            { sessionPolicy: doc(allow('*')) },
          ),
        ],
      }),
    );
    const found = loaded.problems.map((p) => [p.code, p.path.join('.')]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['invalid-assume-step', 'requests.0.assume.0'],
        ['unknown-role', 'requests.0.assume.1.role'],
        ['invalid-duration', 'requests.0.assume.2.durationSeconds'],
        ['invalid-session-name', 'requests.0.assume.2.sourceIdentity'],
        ['unknown-property', 'requests.0.assume.2.colour'],
        ['session-policy-not-allowed', 'requests.0.sessionPolicy'],
      ]),
    );
    expect(loaded.problems.every((p) => p.line !== undefined)).toBe(true);
  });

  it("holds a hop to AWS STS's session tag limits: 50 tags, keys of 1 to 128 characters, values of at most 256, 50 transitive keys (AWS STS API Reference, Tag; Pass session tags in AWS STS)", () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const long = 'k'.repeat(129);
    const loaded = loadScenario(
      JSON.stringify(
        {
          ...world(),
          requests: [
            request([
              { role: ROLE_X, tags: many },
              { role: ROLE_Y, tags: { [long]: 'v', ok: 'x'.repeat(257) } },
              { role: ROLE_Y, tags: fifty, transitiveTagKeys: [...Object.keys(many), ''] },
              { role: ROLE_Y, transitiveTagKeys: [7, long] },
              { role: ROLE_Y, transitiveTagKeys: 'team' },
            ]),
          ],
        },
        null,
        2,
      ),
    );
    const found = loaded.problems.map((p) => [p.code, p.path.join('.')]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['too-many-session-tags', 'requests.0.assume.0.tags'],
        ['invalid-tag', `requests.0.assume.1.tags.${long}`],
        ['invalid-tag', 'requests.0.assume.1.tags.ok'],
        ['too-many-session-tags', 'requests.0.assume.2.transitiveTagKeys'],
        ['invalid-tag', 'requests.0.assume.2.transitiveTagKeys.51'],
        ['wrong-type', 'requests.0.assume.3.transitiveTagKeys.0'],
        ['invalid-tag', 'requests.0.assume.3.transitiveTagKeys.1'],
        ['wrong-type', 'requests.0.assume.4.transitiveTagKeys'],
      ]),
    );
    expect(found).not.toContainEqual(['too-many-session-tags', 'requests.0.assume.2.tags']);
    for (const p of loaded.problems.filter((p) => p.path[2] === 'assume')) {
      expect(p.line).toBeGreaterThan(1);
      expect(p.column).toBeGreaterThan(0);
    }
  });
});

describe("a role's MaxSessionDuration (IAM API Reference: CreateRole MaxSessionDuration, AssumeRole DurationSeconds)", () => {
  it('an assume step asking for more than the role allows fails the call; up to it, it is made', () => {
    const s = world();
    const roleX = s.accounts![B]!.roles!['X']!;
    roleX.maxSessionDuration = 7200;
    const within = run(s, request([{ role: ROLE_X, durationSeconds: 7200 }]));
    expect(within.decision).toBe('allowed');
    const over = run(s, request([{ role: ROLE_X, durationSeconds: 7201 }]));
    expect(over.decision).toBe('implicitDeny');
    expect(over.trace.summary).toMatch(/7201 seconds, more than the MaxSessionDuration.*7200/);
    // Absent: not checked (a version-1 file means what it meant).
    delete roleX.maxSessionDuration;
    expect(run(s, request([{ role: ROLE_X, durationSeconds: 7201 }])).decision).toBe('allowed');
  });

  it('a value outside 3600–43200 is an error at its path', () => {
    const s = world();
    const roleX = s.accounts![B]!.roles!['X']!;
    roleX.maxSessionDuration = 60;
    const problem = loadScenario(JSON.stringify(s, null, 2)).problems.find(
      (p) => p.code === 'invalid-max-session-duration',
    );
    expect(problem?.path.at(-1)).toBe('maxSessionDuration');
    expect(problem?.message).toContain('3600 (one hour) to 43200');
  });
});

describe('a multi-step request through a VPC endpoint ("Control access to VPC endpoints using endpoint policies")', () => {
  const perimeter = JSON.parse(
    readFileSync('src/examples/vpc-endpoint-data-perimeter.json', 'utf8'),
  ) as Scenario;
  const through = (vpcEndpoint?: string) => {
    const scenario = structuredClone(perimeter);
    scenario.accounts!['111122223333']!.users = {
      alice: {
        inline: {
          assume: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
          },
        },
      },
    };
    const request: ScenarioRequest = {
      principal: 'arn:aws:iam::111122223333:user/alice',
      assume: [{ role: 'arn:aws:iam::111122223333:role/Etl', sessionName: 'job' }],
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::prod-lake/a.csv',
      ...(vpcEndpoint ? { vpcEndpoint } : {}),
    };
    return resolveRequest(scenario, request, { catalog: new Map(), now: new Date() });
  };

  it("the last session's request carries aws:SourceVpce and meets the endpoint policy", () => {
    const resolved = through('vpce-0a1b2c3d4e5f67890');
    expect(resolved.ok && resolved.input?.request.context['aws:SourceVpce']).toBe(
      'vpce-0a1b2c3d4e5f67890',
    );
    // The endpoint policy denies deletes.
    expect(resolved.ok && resolved.input && evaluate(resolved.input).decision).toBe('explicitDeny');
  });
});
