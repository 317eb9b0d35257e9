/**
 * The small, fixed AWS world the differential tests draw from, and the shape of one case.
 *
 * A `DiffCase` is engine-neutral plain data: one request and every policy that applies to it.
 * `ours.ts` turns it into our engine's `EvaluationInput`; `oracle.ts` turns it into an
 * iam-simulate `Simulation`. Both engines must then reach the same decision.
 */

/** The principal's own account. */
export const ACCOUNT_A = '111122223333';
/** Another account, for cross-account requests. */
export const ACCOUNT_B = '444455556666';

/** A policy document as JSON. */
export type PolicyDoc = Record<string, unknown>;

/** A statement as JSON. */
export type StatementDoc = Record<string, unknown>;

/** Who makes the request. Only the kinds both engines model. */
export type DiffPrincipal =
  | { kind: 'user'; arn: string; account: string; name: string }
  | { kind: 'role-session'; arn: string; account: string; roleArn: string; sessionName: string }
  | { kind: 'federated-user'; arn: string; account: string; name: string; userArn: string }
  | { kind: 'service'; serviceName: string }
  | { kind: 'anonymous' };

/** A context value as both engines accept it: strings, or string lists for multivalued keys. */
export type DiffContextValue = string | string[];

/** One request with every policy that applies to it. */
export interface DiffCase {
  principal: DiffPrincipal;
  action: string;
  resource: string;
  resourceAccount: string;
  context: Record<string, DiffContextValue>;
  identityPolicies: PolicyDoc[];
  boundary?: PolicyDoc;
  resourcePolicy?: PolicyDoc;
  /** What the resource-based policy is: a role's trust policy, a KMS key policy, or (absent) any other. */
  resourcePolicyKind?: 'trust' | 'kms';
  sessionPolicy?: PolicyDoc;
  /** SCPs per level, root first. Absent: SCPs do not apply. */
  scps?: PolicyDoc[][];
  /** RCPs per level beside the implicit RCPFullAWSAccess, root first. Absent: RCPs do not apply. */
  rcps?: PolicyDoc[][];
  /** S3 Block Public Access: RestrictPublicBuckets is on for the bucket (account or bucket setting). */
  restrictPublicBuckets?: boolean;
}

/** An action and a resource it acts on, with `{account}` standing for the resource's account. */
export interface CatalogEntry {
  action: string;
  /** ARN template; S3 ARNs carry no account. */
  resource: string;
  /** The resource's policy is a role trust policy or a KMS key policy, which every such resource has. */
  policyKind?: 'trust' | 'kms';
}

/**
 * Real actions with exactly one resource type each, so iam-simulate accepts them
 * (it checks actions and resource ARNs against the AWS service reference).
 */
export const CATALOG: readonly CatalogEntry[] = [
  { action: 's3:GetObject', resource: 'arn:aws:s3:::team-reports/2026/q3.csv' },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::team-reports/alice/notes.txt' },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::team-reports/alice/draft.txt' },
  { action: 's3:DeleteObject', resource: 'arn:aws:s3:::archive-bucket/old/log.gz' },
  { action: 's3:ListBucket', resource: 'arn:aws:s3:::team-reports' },
  { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:{account}:jobs' },
  { action: 'sqs:ReceiveMessage', resource: 'arn:aws:sqs:eu-west-1:{account}:jobs-eu' },
  { action: 'dynamodb:GetItem', resource: 'arn:aws:dynamodb:us-east-1:{account}:table/Orders' },
  { action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:us-east-1:{account}:table/Orders' },
  { action: 'ec2:StartInstances', resource: 'arn:aws:ec2:us-east-1:{account}:instance/i-0abc123' },
  { action: 'ec2:StopInstances', resource: 'arn:aws:ec2:us-east-1:{account}:instance/i-0abc123' },
  {
    action: 'lambda:InvokeFunction',
    resource: 'arn:aws:lambda:us-east-1:{account}:function:resize',
  },
  { action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:{account}:alerts' },
  {
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:aws:secretsmanager:us-east-1:{account}:secret:db-AbCdEf',
  },
  { action: 'sts:AssumeRole', resource: 'arn:aws:iam::{account}:role/Target', policyKind: 'trust' },
  {
    action: 'kms:Decrypt',
    resource: 'arn:aws:kms:us-east-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    policyKind: 'kms',
  },
  {
    action: 'logs:PutLogEvents',
    resource: 'arn:aws:logs:us-east-1:{account}:log-group:app:log-stream:s1',
  },
];

/** The resource ARN of a catalog entry in a given account. */
export function resourceIn(entry: CatalogEntry, account: string): string {
  return entry.resource.replace('{account}', account);
}

/** The IAM user that makes most requests. */
export const USER_ALICE: DiffPrincipal = {
  kind: 'user',
  arn: `arn:aws:iam::${ACCOUNT_A}:user/alice`,
  account: ACCOUNT_A,
  name: 'alice',
};

/** A session of role Dev. */
export const SESSION_DEV: DiffPrincipal = {
  kind: 'role-session',
  arn: `arn:aws:sts::${ACCOUNT_A}:assumed-role/Dev/build-42`,
  account: ACCOUNT_A,
  roleArn: `arn:aws:iam::${ACCOUNT_A}:role/Dev`,
  sessionName: 'build-42',
};

/** A federated user alice made with GetFederationToken. */
export const FEDERATED_APP: DiffPrincipal = {
  kind: 'federated-user',
  arn: `arn:aws:sts::${ACCOUNT_A}:federated-user/app`,
  account: ACCOUNT_A,
  name: 'app',
  userArn: `arn:aws:iam::${ACCOUNT_A}:user/alice`,
};

/** An AWS service principal. */
export const SERVICE_SNS: DiffPrincipal = { kind: 'service', serviceName: 'sns.amazonaws.com' };

/** An unauthenticated caller. */
export const ANONYMOUS: DiffPrincipal = { kind: 'anonymous' };

/** The principal's ARN as policies name it, or undefined for anonymous callers. */
export function principalArn(p: DiffPrincipal): string | undefined {
  switch (p.kind) {
    case 'user':
    case 'role-session':
    case 'federated-user':
      return p.arn;
    case 'service':
      return p.serviceName;
    case 'anonymous':
      return undefined;
  }
}

/** The AWS policy language version; without it, policy variables are literal text. */
export const VERSION = '2012-10-17';

/** A policy document with the current version. */
export function policy(statements: StatementDoc[]): PolicyDoc {
  return { Version: VERSION, Statement: statements };
}

/** The SCP AWS attaches by default. */
export const FULL_AWS_ACCESS: PolicyDoc = policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

/** The RCP AWS attaches to every node; iam-simulate adds it by itself, our model passes it explicitly. */
export const RCP_FULL_AWS_ACCESS: PolicyDoc = policy([
  { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
]);

/** True for a date written as epoch seconds rather than ISO 8601. */
export function isEpoch(value: string): boolean {
  return /^\d+$/.test(value);
}
