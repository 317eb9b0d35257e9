/** The worlds the UI benchmark edits: lesson-sized, and 50 policies × 20 statements with 20 requests. */
const A = '111122223333';
const B = '444455556666';

export type Json = Record<string, unknown>;

/** A world the size of a lesson: two accounts, a few identities and policies, a bucket, three requests. */
export function lessonWorld(): Json {
  const policy = (sid: string, actions: string[], resources: string[]) => ({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Allow', Action: actions, Resource: resources }],
  });
  return {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Lesson-sized world',
    accounts: {
      [A]: {
        name: 'dev',
        policies: {
          ReadReports: policy(
            'ReadReports',
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::team-reports', 'arn:aws:s3:::team-reports/*'],
          ),
          AssumeDeploy: policy(
            'AssumeDeploy',
            ['sts:AssumeRole'],
            [`arn:aws:iam::${B}:role/Deploy`],
          ),
        },
        users: {
          alice: { groups: ['developers'], policies: ['ReadReports'] },
          bob: { policies: [] },
        },
        groups: { developers: { policies: ['AssumeDeploy'] } },
      },
      [B]: {
        name: 'prod',
        roles: {
          Deploy: {
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${A}:root` },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
            policies: [],
          },
        },
      },
    },
    resources: {
      'arn:aws:s3:::team-reports': {
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'NoDeletes',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:DeleteObject',
              Resource: 'arn:aws:s3:::team-reports/*',
            },
          ],
        },
      },
    },
    requests: [
      {
        id: 'alice-reads',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::team-reports/q3.csv',
      },
      {
        id: 'alice-deletes',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:DeleteObject',
        resource: 'arn:aws:s3:::team-reports/q3.csv',
      },
      {
        id: 'alice-deploys',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${B}:role/Deploy`,
      },
    ],
  };
}

const SERVICES = [
  's3',
  'ec2',
  'dynamodb',
  'sqs',
  'sns',
  'lambda',
  'kms',
  'logs',
  'iam',
  'secretsmanager',
];

/**
 * 50 customer managed policies of 20 statements each (mixed Allow/Deny, wildcards, conditions),
 * in 5 groups of 10, all of which one user belongs to, so every request weighs all 1,000 statements.
 */
export function bigWorld(): Json {
  const policies: Json = {};
  const groups: Json = {};
  for (let p = 0; p < 50; p++) {
    const statements = [];
    for (let s = 0; s < 20; s++) {
      const service = SERVICES[(p + s) % SERVICES.length]!;
      const statement: Json = {
        Sid: `P${p}S${s}`,
        Effect: s % 7 === 6 ? 'Deny' : 'Allow',
        Action: [`${service}:Get*`, `${service}:List*`, `${service}:Describe${p}*`],
        Resource:
          s % 3 === 0
            ? '*'
            : [`arn:aws:${service}:*:${A}:thing-${p}-${s}/*`, `arn:aws:s3:::bucket-${p}-${s}/*`],
      };
      if (s % 4 === 1)
        statement['Condition'] = {
          StringEquals: { 'aws:PrincipalTag/team': `team-${s}` },
          Bool: { 'aws:SecureTransport': 'true' },
        };
      if (s % 5 === 2)
        statement['Condition'] = {
          IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] },
        };
      statements.push(statement);
    }
    policies[`Policy${p}`] = { Version: '2012-10-17', Statement: statements };
  }
  for (let g = 0; g < 5; g++) {
    groups[`group${g}`] = { policies: Array.from({ length: 10 }, (_, i) => `Policy${g * 10 + i}`) };
  }
  const requests = Array.from({ length: 20 }, (_, r) => {
    const service = SERVICES[r % SERVICES.length]!;
    return {
      id: `request-${r + 1}`,
      principal: `arn:aws:iam::${A}:user/alice`,
      action: r % 2 === 0 ? `${service}:GetObject` : `${service}:PutItem`,
      resource:
        r % 3 === 0
          ? `arn:aws:s3:::bucket-${r}-${r}/key`
          : `arn:aws:${service}:us-east-1:${A}:thing-${r}-${r}/x`,
      context: { 'aws:SourceIp': '203.0.113.9' },
    };
  });
  return {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Big world: 50 policies × 20 statements, 20 requests',
    accounts: {
      [A]: {
        policies,
        users: { alice: { groups: Object.keys(groups), policies: [], tags: { team: 'team-1' } } },
        groups,
      },
    },
    requests,
  };
}
