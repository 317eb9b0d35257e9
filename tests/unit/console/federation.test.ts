/**
 * `aws sts get-federation-token` and the federated user it makes, as AWS documents them
 * (GetFederationToken in the AWS STS API Reference; "Permissions for GetFederationToken";
 * "Compare AWS STS credentials"): the user's policies intersected with the session policies,
 * nothing without one, no IAM and no STS but GetCallerIdentity, only long-term credentials may
 * call it, and resource-based policies may name the federated user.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { callerRefusal, type Principal } from '../../../src/engine/index';
import type { Scenario } from '../../../src/model/index';
import { NOW, Session, doc } from './helpers';

const A = '111122223333';
const BUCKET = 'arn:aws:s3:::reports';
const FED = `arn:aws:sts::${A}:federated-user/app`;
const allow = (Action: string | string[], Resource = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

/**
 * proxy may call GetFederationToken and read and write the bucket's policy, and has an access
 * key; nokey has the same policy and no key; the bucket's policy lets federated user "partner"
 * read its ACL.
 */
function world(): Scenario {
  const policy = allow([
    'sts:GetFederationToken',
    's3:GetBucketPolicy',
    's3:PutBucketPolicy',
    'iam:*',
  ]);
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        users: {
          proxy: {
            inline: { p: policy },
            tags: { team: 'web' },
            accessKeys: [{ id: 'AKIAPROXY00000000001', status: 'Active' }],
          },
          nokey: { inline: { p: policy } },
        },
      },
    },
    resources: {
      [BUCKET]: {
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:sts::${A}:federated-user/partner` },
              Action: 's3:GetBucketAcl',
              Resource: BUCKET,
            },
          ],
        },
      },
    },
  };
}

const session = () => new Session(world(), createConsoleDeps({ now: () => NOW }));
const READ = doc(allow('s3:GetBucketPolicy'));

describe('aws sts get-federation-token', () => {
  it('runs later commands as the federated user, whom get-caller-identity names', async () => {
    const s = session();
    await s.setup('export AWS_PROFILE=proxy');
    const out = (await s.json(`aws sts get-federation-token --name app --policy ${READ}`)) as {
      FederatedUser: unknown;
      Credentials: { Expiration: string };
    };
    expect(out.FederatedUser).toEqual({ FederatedUserId: `${A}:app`, Arn: FED });
    // Default 43,200 seconds.
    expect(out.Credentials.Expiration).toBe('2026-01-02T15:04:05+00:00');
    expect(await s.json('aws sts get-caller-identity')).toEqual({
      UserId: `${A}:app`,
      Account: A,
      Arn: FED,
    });
    expect((await s.run('exit')).output).toBe(
      `Left the federated user ${FED}; now arn:aws:iam::${A}:user/proxy.`,
    );
    expect((await s.json('aws sts get-caller-identity')) as object).toMatchObject({
      Arn: `arn:aws:iam::${A}:user/proxy`,
    });
  });

  it("may do only what both the user's policies and the session policy allow", async () => {
    const s = session();
    await s.setup(
      'export AWS_PROFILE=proxy',
      `aws sts get-federation-token --name app --policy ${READ}`,
    );
    expect((await s.run('aws s3api get-bucket-policy --bucket reports')).error).toBeUndefined();
    // Allowed by the user only: the session policy does not allow it.
    const write = await s.run('aws s3api put-bucket-policy --bucket reports --policy {}');
    expect(write.error?.code).toBe('AccessDenied');
  });

  it('keeps working after the user loses sts:GetFederationToken (the call was made), and follows the user policies as they are now', async () => {
    const s = session();
    await s.setup(
      'export AWS_PROFILE=proxy',
      `aws sts get-federation-token --name app --policy ${READ}`,
    );
    await s.setup(
      `aws iam put-user-policy --user-name proxy --policy-name p --policy-document ${doc(allow('s3:GetBucketPolicy'))} --profile ${A}`,
    );
    expect(await s.json('aws sts get-caller-identity')).toMatchObject({ Arn: FED });
    expect((await s.run('aws s3api get-bucket-policy --bucket reports')).error).toBeUndefined();
    await s.setup(
      `aws iam put-user-policy --user-name proxy --policy-name p --policy-document ${doc(allow('s3:PutBucketPolicy'))} --profile ${A}`,
    );
    expect((await s.run('aws s3api get-bucket-policy --bucket reports')).error?.code).toBe(
      'AccessDenied',
    );
  });

  it('without a session policy the federated user gets nothing from the user policies', async () => {
    const s = session();
    await s.setup('export AWS_PROFILE=proxy', 'aws sts get-federation-token --name app');
    const read = await s.run('aws s3api get-bucket-policy --bucket reports');
    expect(read.error?.code).toBe('AccessDenied');
  });

  it('a resource-based policy naming the federated user grants on its own', async () => {
    const s = session();
    await s.setup('export AWS_PROFILE=proxy', 'aws sts get-federation-token --name partner');
    expect((await s.run('aws s3api get-bucket-acl --bucket reports')).error).toBeUndefined();
    await s.setup('exit', 'aws sts get-federation-token --name other');
    expect((await s.run('aws s3api get-bucket-acl --bucket reports')).error?.code).toBe(
      'AccessDenied',
    );
  });

  it('cannot call IAM nor STS but GetCallerIdentity, whatever the policies say', async () => {
    const s = session();
    await s.setup(
      'export AWS_PROFILE=proxy',
      `aws sts get-federation-token --name app --policy ${doc(allow('*'))}`,
    );
    const iam = await s.run('aws iam list-users');
    expect(iam.error?.code).toBe('AccessDenied');
    expect(iam.error?.message).toMatch(/credentials from GetFederationToken cannot call IAM/);
    for (const line of [
      'aws sts get-session-token',
      'aws sts get-federation-token --name again',
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Any --role-session-name s`,
    ]) {
      const result = await s.run(line);
      expect(result.error?.code, line).toBe('AccessDenied');
    }
  });

  it('is refused to a caller without sts:GetFederationToken, with the engine reason', async () => {
    const s = session();
    await s.setup(
      `aws iam put-user-policy --user-name proxy --policy-name p --policy-document ${doc(allow('s3:*'))}`,
      'export AWS_PROFILE=proxy',
    );
    const result = await s.run('aws sts get-federation-token --name app');
    expect(result.error?.code).toBe('AccessDenied');
    expect(result.error?.message).toMatch(
      new RegExp(`not authorized to perform: sts:GetFederationToken on resource: ${FED}`),
    );
  });

  it('needs sts:TagSession to pass tags, which then override the user tags', async () => {
    const s = session();
    await s.setup('export AWS_PROFILE=proxy');
    const refused = await s.run(
      'aws sts get-federation-token --name app --tags Key=team,Value=data',
    );
    expect(refused.error?.message).toMatch(/sts:TagSession/);
    await s.setup(
      `aws iam put-user-policy --user-name proxy --policy-name p --policy-document ${doc(
        allow(['sts:GetFederationToken', 'sts:TagSession', 's3:GetBucketPolicy']),
      )}`,
      `aws sts get-federation-token --name app --tags Key=team,Value=data --policy ${doc({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetBucketPolicy',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
          },
        ],
      })}`,
    );
    expect((await s.run('aws s3api get-bucket-policy --bucket reports')).error).toBeUndefined();
  });

  it('only long-term credentials may call it: not a role session, not get-session-token credentials', async () => {
    const s = session();
    await s.setup('export AWS_PROFILE=proxy', 'aws sts get-session-token');
    expect((await s.run('aws sts get-federation-token --name app')).error).toEqual({
      code: 'AccessDenied',
      message: 'Cannot call GetFederationToken with session credentials',
    });
  });

  it.each([
    [
      'a name too short',
      '--name a',
      /at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2/,
    ],
    ['a name with a space', "--name 'a b'", /regular expression pattern/],
    ['too long a session', '--name app --duration-seconds 200000', /less than or equal to 129600/],
  ])('refuses %s', async (_, args, message) => {
    const s = session();
    await s.setup('export AWS_PROFILE=proxy');
    const result = await s.run(`aws sts get-federation-token ${args}`);
    expect(result.error?.code).toBe('ValidationError');
    expect(result.error?.message).toMatch(message);
  });

  it("the root user's session lasts at most an hour", async () => {
    const s = session();
    const out = (await s.json(
      'aws sts get-federation-token --name admin --duration-seconds 7200',
    )) as { Credentials: { Expiration: string } };
    expect(out.Credentials.Expiration).toBe('2026-01-02T04:04:05+00:00');
  });

  it('needs an active access key to sign the call', async () => {
    const s = session();
    await s.setup('export AWS_PROFILE=nokey');
    expect((await s.run('aws sts get-federation-token --name app')).error?.code).toBe(
      'InvalidClientTokenId',
    );
  });
});

describe('who may call which STS operation at all is the engine\'s rule, which the console asks (sts-callers.ts, callerRefusal; "Compare AWS STS credentials")', () => {
  const ROLE = `arn:aws:iam::${A}:role/R`;
  /** The world above, with proxy allowed to assume role R, which trusts proxy and itself. */
  function withRole(): Scenario {
    const w = world();
    const a = w.accounts![A]!;
    a.users!['proxy']!.inline!['assume'] = allow('sts:AssumeRole');
    a.roles = {
      R: {
        trust: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: [`arn:aws:iam::${A}:user/proxy`, ROLE] },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        inline: { all: allow('*') },
      },
    };
    return w;
  }
  const OPERATIONS: [string, string][] = [
    ['GetCallerIdentity', 'aws sts get-caller-identity'],
    ['GetSessionToken', 'aws sts get-session-token'],
    ['GetFederationToken', 'aws sts get-federation-token --name app2'],
    ['AssumeRole', `aws sts assume-role --role-arn ${ROLE} --role-session-name s2`],
  ];
  const USER = `arn:aws:iam::${A}:user/proxy`;
  const CALLERS: [string, string[], Principal][] = [
    ['the root user', [], { type: 'root', arn: `arn:aws:iam::${A}:root` }],
    ['an IAM user', ['export AWS_PROFILE=proxy'], { type: 'user', arn: USER }],
    [
      "an IAM user with get-session-token's credentials",
      ['export AWS_PROFILE=proxy', 'aws sts get-session-token'],
      { type: 'user', arn: USER, sessionToken: { mfa: false } },
    ],
    [
      'a role session',
      ['export AWS_PROFILE=proxy', `aws sts assume-role --role-arn ${ROLE} --role-session-name s1`],
      { type: 'role-session', arn: `arn:aws:sts::${A}:assumed-role/R/s1` },
    ],
    [
      'a federated user',
      ['export AWS_PROFILE=proxy', `aws sts get-federation-token --name app --policy ${READ}`],
      { type: 'federated-user', arn: FED },
    ],
  ];
  // The console's words for a caller refused before any policy is read.
  const CALLER_REFUSED =
    /with session credentials|may not be assumed by root|credentials from GetFederationToken cannot call/;

  it.each(CALLERS)('%s', async (_, setup, principal) => {
    for (const [operation, command] of OPERATIONS) {
      const s = new Session(withRole(), createConsoleDeps({ now: () => NOW }));
      await s.setup(...setup);
      const result = await s.run(command);
      const refused = callerRefusal(principal, `sts:${operation}`) !== undefined;
      expect(CALLER_REFUSED.test(result.error?.message ?? ''), operation).toBe(refused);
      if (!refused) expect(result.error, operation).toBeUndefined();
    }
  });
});
