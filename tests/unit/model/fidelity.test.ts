/**
 * Issue 21 end to end through the scenario model: rules checked against AWS's current pages.
 */
import { describe, expect, it } from 'vitest';
import { loadReferenceFor } from '../../../src/data/service-reference.ts';
import { checkScenario } from '../../../src/findings/index.ts';
import { evaluateScenario, loadScenario, type Scenario } from '../../../src/model/index.ts';

const A = '111122223333';
const B = '444455556666';
const REPO = `arn:aws:ecr:us-east-1:${A}:repository/app`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const catalog = new Map<string, unknown>();

/** Account B pulls images from account A's repository; the repository policy has no Resource. */
const world: Scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  accounts: {
    [A]: {},
    [B]: {
      users: { bob: { inline: { ecr: doc({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }) } } },
      roles: { Web: { inline: { all: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) } } },
    },
  },
  resources: {
    [REPO]: {
      policy: doc({
        Sid: 'PullFromB',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${B}:root` },
        Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      }),
    },
  },
  requests: [
    {
      id: 'pull',
      principal: `arn:aws:iam::${B}:user/bob`,
      action: 'ecr:BatchGetImage',
      resource: REPO,
    },
    { id: 'push', principal: `arn:aws:iam::${B}:user/bob`, action: 'ecr:PutImage', resource: REPO },
    {
      id: 'session-token',
      principal: `arn:aws:iam::${B}:user/bob`,
      action: 'sts:GetSessionToken',
      resource: '*',
    },
    {
      id: 'session-token-from-session',
      principal: `arn:aws:sts::${B}:assumed-role/Web/ci`,
      action: 'sts:GetSessionToken',
      resource: '*',
    },
  ],
};

describe('a repository policy statement without Resource (AWS "Policies and permissions in IAM": JSON policy document structure)', () => {
  it('loads without problems', () => {
    const loaded = loadScenario(JSON.stringify(world));
    expect(loaded.problems).toEqual([]);
    expect(loaded.scenario).not.toBeNull();
  });

  it('draws no finding about the missing Resource', async () => {
    const findings = checkScenario(world, await loadReferenceFor(world));
    // Only that the whole account B is trusted (the repository's exposure outside its account,
    // once); nothing about Resource.
    expect(findings.filter((f) => f.path[1] === REPO).map((f) => f.code)).toEqual([
      'external-access',
    ]);
  });

  it('grants on the repository it is attached to, only the actions it lists', () => {
    const results = evaluateScenario(world, { catalog, now: new Date('2026-01-01T00:00:00Z') });
    expect(results.slice(0, 2).map((r) => [r.id, r.decision])).toEqual([
      ['pull', 'allowed'],
      ['push', 'implicitDeny'],
    ]);
  });
});

describe('an S3 bucket policy still needs Resource (S3 refuses it: "Statement is missing required element")', () => {
  it('is an error at the statement, with a message that says what to write', () => {
    const bucket = 'arn:aws:s3:::reports';
    const loaded = loadScenario(
      JSON.stringify({
        format: 'iam-playground/scenario',
        version: 1,
        accounts: { [A]: {} },
        resources: {
          [bucket]: {
            account: A,
            policy: doc(
              {
                Effect: 'Allow',
                Principal: { AWS: A },
                Action: 's3:GetObject',
                Resource: `${bucket}/*`,
              },
              { Effect: 'Allow', Principal: { AWS: A }, Action: 's3:ListBucket' },
            ),
          },
        },
      }),
    );
    expect(loaded.scenario).toBeNull();
    expect(loaded.problems.map((p) => [p.code, p.path])).toEqual([
      ['bucket-policy-needs-resource', ['resources', bucket, 'policy', 'Statement', 1]],
    ]);
    expect(loaded.problems[0]?.message).toContain('without Resource');
    expect(loaded.problems[0]?.line).toBeGreaterThan(0);
  });
});

describe('GetSessionToken from a user and from a role session (AWS "Compare AWS STS credentials")', () => {
  it('a user may; a role session may not, though its policy allows everything', () => {
    const results = evaluateScenario(world, { catalog, now: new Date('2026-01-01T00:00:00Z') });
    const [user, fromSession] = results.slice(2);
    expect(user?.decision).toBe('allowed');
    expect(fromSession?.decision).toBe('implicitDeny');
    expect(fromSession?.trace.decidingStep).toBe('caller');
    expect(fromSession?.trace.summary).toContain('cannot call sts:GetSessionToken');
  });
});

describe('users and roles with an id, and policies that name ids (AWS "IAM identifiers": unique identifiers)', () => {
  const QUEUE = `arn:aws:sqs:us-east-1:${A}:jobs`;
  const OLD = 'AROAOLDDEPLOYER12345';
  const pinned = (roleId: string | undefined): Scenario => ({
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        users: { alice: { id: 'AIDAALICE12345678901' } },
        roles: { Deployer: roleId ? { id: roleId } : {} },
      },
    },
    resources: {
      [QUEUE]: {
        policy: doc({ Effect: 'Allow', Principal: { AWS: OLD }, Action: 'sqs:SendMessage' }),
      },
    },
    requests: [
      {
        principal: `arn:aws:sts::${A}:assumed-role/Deployer/ci`,
        action: 'sqs:SendMessage',
        resource: QUEUE,
      },
    ],
  });
  const now = new Date('2026-01-01T00:00:00Z');

  it('a policy naming the role by its id trusts the role that has that id', () => {
    expect(loadScenario(JSON.stringify(pinned(OLD))).problems).toEqual([]);
    expect(evaluateScenario(pinned(OLD), { catalog, now })[0]?.decision).toBe('allowed');
  });

  it('a role deleted and created again (a new id) is no longer trusted', () => {
    expect(evaluateScenario(pinned('AROANEWDEPLOYER12345'), { catalog, now })[0]?.decision).toBe(
      'implicitDeny',
    );
  });

  it('a role without an id gets a stable derived one, which the old id does not match', () => {
    const first = evaluateScenario(pinned(undefined), { catalog, now })[0];
    expect(first?.decision).toBe('implicitDeny');
  });

  it('aws:userid carries the id the world gives', async () => {
    const { resolveRequest } = await import('../../../src/model/index.ts');
    const scenario = pinned(OLD);
    const session = resolveRequest(scenario, scenario.requests![0]!, { catalog, now });
    expect(session.ok && session.input?.request.context['aws:userid']).toBe(`${OLD}:ci`);
    const user = resolveRequest(
      scenario,
      { principal: `arn:aws:iam::${A}:user/alice`, action: 'sqs:SendMessage', resource: QUEUE },
      { catalog, now },
    );
    expect(user.ok && user.input?.request.context['aws:userid']).toBe('AIDAALICE12345678901');
  });

  it('an id of the wrong kind is an error where it stands', () => {
    const bad = pinned(OLD);
    (bad.accounts![A]!.users!['alice'] as Record<string, unknown>)['id'] = 'AROAWRONGKIND1234567';
    const loaded = loadScenario(JSON.stringify(bad));
    expect(loaded.problems.map((p) => [p.code, p.path])).toEqual([
      ['invalid-unique-id', ['accounts', A, 'users', 'alice', 'id']],
    ]);
    expect(loaded.problems[0]?.message).toContain('starts with AIDA');
  });

  it('two entities with one unique id are an error at the second, naming the first', () => {
    const bad = pinned('AROADUPLICATE1234567');
    const roles = bad.accounts![A]!.roles as Record<string, unknown>;
    roles['Other'] = { id: 'AROADUPLICATE1234567' };
    const loaded = loadScenario(JSON.stringify(bad));
    expect(loaded.problems.map((p) => [p.code, p.path])).toEqual([
      ['duplicate-unique-id', ['accounts', A, 'roles', 'Other', 'id']],
    ]);
    expect(loaded.problems[0]?.message).toContain('Role Deployer of account');
  });
});
