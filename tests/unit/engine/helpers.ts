/** Small builders that keep the engine tests readable. */
import type {
  ContextValue,
  EvaluationInput,
  PolicyKind,
  PolicyLevel,
  PolicySource,
  Principal,
} from '../../../src/engine/index.ts';

export const A = '111122223333';
export const B = '444455556666';

export const user = (name: string, account = A): Principal => ({
  type: 'user',
  arn: `arn:aws:iam::${account}:user/${name}`,
  account,
});
export const session = (role: string, name = 'session', account = A): Principal => ({
  type: 'role-session',
  arn: `arn:aws:sts::${account}:assumed-role/${role}/${name}`,
  account,
  roleArn: `arn:aws:iam::${account}:role/${role}`,
  sessionName: name,
});
export const root = (account = A): Principal => ({
  type: 'root',
  arn: `arn:aws:iam::${account}:root`,
  account,
});
export const anonymous: Principal = { type: 'anonymous', arn: 'anonymous' };
export const service = (name: string): Principal => ({
  type: 'service',
  arn: name,
  serviceName: name,
});
export const federated = (arn: string): Principal => ({
  type: 'federated',
  arn,
  account: arn.split(':')[4] ?? A,
});

/** A statement; `Version` defaults to 2012-10-17 in `doc`. */
export type Stmt = Record<string, unknown>;

export const doc = (...statements: Stmt[]): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement: statements,
});
export const allow = (
  action: string | string[],
  resource: string | string[] = '*',
  extra: Stmt = {},
): Stmt => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
export const deny = (
  action: string | string[],
  resource: string | string[] = '*',
  extra: Stmt = {},
): Stmt => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

export const policy = (kind: PolicyKind, name: string, document: unknown): PolicySource => ({
  id: [kind, name],
  name,
  kind,
  document,
});
export const identity = (...statements: Stmt[]): PolicySource =>
  policy('identity', 'Identity', doc(...statements));
export const level = (name: string, ...docs: unknown[]): PolicyLevel => ({
  name,
  policies: docs.map((d, i) => policy(name.startsWith('rcp') ? 'rcp' : 'scp', `${name}-${i}`, d)),
});
export const FULL_ACCESS = doc({ Effect: 'Allow', Action: '*', Resource: '*' });

/** An evaluation input with sensible defaults. */
export function input(
  principal: Principal,
  action: string,
  resource: string,
  rest: Partial<EvaluationInput> & {
    context?: Record<string, ContextValue>;
    resourceAccount?: string;
  } = {},
): EvaluationInput {
  const { context = {}, resourceAccount, ...others } = rest;
  const request: EvaluationInput['request'] = { principal, action, resource, context };
  if (resourceAccount !== undefined) request.resourceAccount = resourceAccount;
  return { identityPolicies: [], ...others, request };
}
