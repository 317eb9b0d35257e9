/**
 * fast-check generators for random requests and the policies that apply to them,
 * limited to the features both engines model: Allow/Deny, Action/NotAction with
 * wildcards, Resource/NotResource with ARN wildcards and policy variables, the common
 * condition operators (String, Numeric, Date, Bool, IP, ARN, Null, ...IfExists,
 * ForAnyValue/ForAllValues), identity policies, permissions boundaries, session policies,
 * resource-based policies in the same and other accounts, SCPs and RCPs.
 *
 * Values come from small pools shared by policies and requests, so that random cases
 * match often enough to exercise both the allow and the deny paths.
 */
import fc from 'fast-check';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ANONYMOUS,
  CATALOG,
  FULL_AWS_ACCESS,
  SERVICE_SNS,
  SESSION_DEV,
  USER_ALICE,
  FEDERATED_APP,
  VERSION,
  isEpoch,
  resourceIn,
  type CatalogEntry,
  type DiffCase,
  type DiffContextValue,
  type DiffPrincipal,
  type PolicyDoc,
  type StatementDoc,
} from './world.ts';

type KeyType = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Ip' | 'Arn' | 'StringList';

/** A condition key, the values policies test it against, and the values requests carry. */
interface KeySpec {
  key: string;
  type: KeyType;
  policyValues: string[];
  /** Values a request may carry; absent for keys derived from the principal. */
  contextValues?: DiffContextValue[];
}

const KEYS: readonly KeySpec[] = [
  {
    key: 'aws:username',
    type: 'String',
    policyValues: ['alice', 'bob', 'ali*', 'ALICE', '${aws:PrincipalTag/owner}'],
  },
  {
    key: 'aws:PrincipalArn',
    type: 'Arn',
    policyValues: [
      `arn:aws:iam::${ACCOUNT_A}:user/*`,
      'arn:aws:iam::*:user/alice',
      `arn:aws:sts::${ACCOUNT_A}:assumed-role/Dev/*`,
      `arn:aws:iam::${ACCOUNT_A}:role/Dev`,
      `arn:aws:iam::${ACCOUNT_B}:*`,
      `arn:aws:iam::${ACCOUNT_A}:user/\${aws:username}`,
    ],
  },
  {
    key: 'aws:PrincipalAccount',
    type: 'String',
    policyValues: [ACCOUNT_A, ACCOUNT_B, '1111*'],
  },
  {
    key: 'aws:PrincipalTag/team',
    type: 'String',
    policyValues: ['web', 'data', 'w?b', '*', "${aws:PrincipalTag/owner, 'web'}"],
    contextValues: ['web', 'data', 'Web'],
  },
  {
    key: 'aws:PrincipalTag/owner',
    type: 'String',
    policyValues: ['alice', '${aws:username}', 'bob'],
    contextValues: ['alice', 'bob', 'web'],
  },
  {
    key: 'aws:RequestedRegion',
    type: 'String',
    policyValues: ['us-east-1', 'eu-*', 'us-west-2'],
    contextValues: ['us-east-1', 'eu-west-1', 'us-west-2'],
  },
  {
    key: 'aws:SourceIp',
    type: 'Ip',
    policyValues: ['203.0.113.0/24', '198.51.100.7/32', '10.0.0.0/8', '2001:db8::/32'],
    contextValues: ['203.0.113.9', '198.51.100.7', '10.1.2.3', '192.0.2.1', '2001:db8::1'],
  },
  {
    key: 'aws:MultiFactorAuthPresent',
    type: 'Bool',
    policyValues: ['true', 'false'],
    contextValues: ['true', 'false'],
  },
  {
    key: 'aws:SecureTransport',
    type: 'Bool',
    policyValues: ['true', 'false'],
    contextValues: ['true', 'false'],
  },
  {
    key: 'aws:MultiFactorAuthAge',
    type: 'Numeric',
    policyValues: ['0', '300', '3600', '86400', '2.5'],
    contextValues: ['0', '120', '300', '3600', '7200'],
  },
  {
    key: 'aws:CurrentTime',
    type: 'Date',
    policyValues: [
      '2026-01-01T00:00:00Z',
      '2025-06-30T12:00:00Z',
      '2026-12-31T23:59:59Z',
      '2026-06-01T00:00:00Z',
      '2025-01-01T00:00:00Z',
      '2024-06-30T00:00:00Z',
      // Epoch seconds for 2026-01-01T00:00:00Z: mixing forms is a documented divergence.
      '1767225600',
    ],
    contextValues: ['2026-01-01T00:00:00Z', '2026-03-15T08:30:00Z', '2024-01-01T00:00:00Z'],
  },
  {
    key: 'aws:EpochTime',
    type: 'Date',
    policyValues: ['1767225600', '1700000000', '1800000000'],
    contextValues: ['1767225600', '1750000000', '1700000000'],
  },
  {
    key: 'aws:TagKeys',
    type: 'StringList',
    policyValues: ['env', 'team', 'cost*', 'Env'],
    contextValues: [[], ['env'], ['env', 'team'], ['owner'], ['cost-center', 'env']],
  },
];

const OPERATORS: Record<Exclude<KeyType, 'StringList'>, string[]> = {
  String: [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
  ],
  Numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  Date: [
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
  ],
  Bool: ['Bool'],
  Ip: ['IpAddress', 'NotIpAddress'],
  Arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike', 'StringEquals'],
};

/** Condition keys spelled as a policy author might: key names compare case-insensitively. */
function keySpellings(key: string): string[] {
  return [key, key, key.toUpperCase().replace('AWS:', 'aws:'), key.toLowerCase()];
}

/** One condition: operator, key and values. */
interface Clause {
  operator: string;
  key: string;
  values: string[];
}

function arbValues(pool: string[]): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });
}

type ConditionBlock = Record<string, Record<string, string | string[]>>;

/** Condition blocks over the given keys: one to three conditions; a lone value is sometimes a string. */
function arbConditionOver(keys: readonly KeySpec[]): fc.Arbitrary<ConditionBlock> {
  const arbValueClause: fc.Arbitrary<Clause> = fc
    .constantFrom(...keys.filter((k) => k.type !== 'StringList'))
    .chain((spec) => {
      const operators = OPERATORS[spec.type as Exclude<KeyType, 'StringList'>];
      return fc.record({
        operator: fc
          .tuple(fc.constantFrom(...operators), fc.integer({ min: 0, max: 7 }))
          // About one condition in eight uses ...IfExists.
          .map(([op, roll]) => (roll === 0 ? `${op}IfExists` : op)),
        key: fc.constantFrom(...keySpellings(spec.key)),
        values: arbValues(spec.policyValues),
      });
    });
  const arbSetClause: fc.Arbitrary<Clause> = fc.record({
    operator: fc
      .tuple(fc.constantFrom('ForAnyValue:', 'ForAllValues:'), fc.constantFrom(...OPERATORS.String))
      .map(([set, op]) => set + op),
    key: fc.constantFrom('aws:TagKeys', 'aws:tagkeys'),
    values: arbValues(keys.find((k) => k.key === 'aws:TagKeys')!.policyValues),
  });
  const arbNullClause: fc.Arbitrary<Clause> = fc.record({
    operator: fc.constant('Null'),
    key: fc.constantFrom(...keys.map((k) => k.key)),
    values: fc.constantFrom(['true'], ['false']),
  });
  const arbClause = fc.oneof(
    { arbitrary: arbValueClause, weight: 6 },
    { arbitrary: arbSetClause, weight: 2 },
    { arbitrary: arbNullClause, weight: 1 },
  );
  return fc
    .tuple(fc.array(arbClause, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([clauses, scalar]) => {
      const block: ConditionBlock = {};
      for (const c of clauses) {
        const forOperator = (block[c.operator] ??= {});
        forOperator[c.key] = scalar && c.values.length === 1 ? c.values[0]! : c.values;
      }
      return block;
    });
}

/** Conditions over every key, including the date forms that are a documented divergence. */
const arbConditionAll = arbConditionOver(KEYS);

/** Conditions that stay clear of documented divergences (the benchmark must agree on every request). */
const arbConditionAgreeing = arbConditionOver(
  KEYS.map((k) =>
    k.type === 'Date'
      ? {
          ...k,
          policyValues: k.policyValues.filter((v) => isEpoch(v) === isEpoch(k.policyValues[0]!)),
        }
      : k,
  ),
);

/** Action patterns around one action: exact, wildcards, other case, other services. */
function actionPatterns(action: string): string[] {
  const [service, name] = action.split(':') as [string, string];
  return [
    '*',
    `${service}:*`,
    action,
    action,
    `${service}:${name.slice(0, 3)}*`,
    `${service}:*${name.slice(-4)}`,
    `${service}:${name.slice(0, 1)}?${name.slice(2)}`,
    action.toLowerCase(),
    `${service.toUpperCase()}:${name}`,
    `${service}:${name.slice(0, -1)}`,
  ];
}

/** Splits an ARN into its five fixed fields and the resource part (which may contain ':'). */
function splitArn(arn: string): { head: string[]; rest: string } {
  const parts = arn.split(':');
  return { head: parts.slice(0, 5), rest: parts.slice(5).join(':') };
}

/**
 * Resource patterns around one resource ARN. Wildcards stay inside the resource id or
 * replace a whole region/account field: iam-simulate requires the resource-type prefix
 * (`table/`, `function:`) to be literal, and AWS calls wildcards there incorrect usage.
 */
function resourcePatterns(arn: string): string[] {
  const { head, rest } = splitArn(arn);
  const [, partition, service, region, account] = head as [string, string, string, string, string];
  const cut = rest.search(/[/:]/);
  const isS3 = service === 's3';
  const product = isS3 || cut < 0 ? '' : rest.slice(0, cut + 1);
  const id = rest.slice(product.length);
  const prefix = `arn:${partition}:${service}:${region}:${account}:`;
  const patterns = [
    '*',
    arn,
    arn,
    `${prefix}${product}*`,
    `${prefix}${product}${id.slice(0, 3)}*`,
    `${prefix}${product}${id.slice(0, 1)}?${id.slice(2)}`,
    `${prefix}${product}${id.toUpperCase()}`,
    `${prefix}${product}\${aws:username}*`,
    `${prefix}${product}*\${aws:PrincipalTag/team}*`,
  ];
  if (region) patterns.push(`arn:${partition}:${service}:*:${account}:${rest}`);
  if (account) {
    patterns.push(`arn:${partition}:${service}:${region}:*:${rest}`);
    const other = account === ACCOUNT_A ? ACCOUNT_B : ACCOUNT_A;
    patterns.push(`arn:${partition}:${service}:${region}:${other}:${rest}`);
  }
  if (isS3) {
    const bucket = rest.split('/')[0]!;
    patterns.push(
      `arn:aws:s3:::${bucket}`,
      `arn:aws:s3:::${bucket}/*`,
      `arn:aws:s3:::${bucket}/\${aws:username}/*`,
    );
  }
  return patterns;
}

/** `arb` about `percent` times in a hundred, else `undefined`. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  if (percent <= 0) return fc.constant(undefined);
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 100 - percent },
    { arbitrary: arb, weight: percent },
  );
}

/** Where a statement lives decides its elements (Principal only in resource policies and RCPs). */
type StatementPlace = 'identity' | 'resource' | 'scp' | 'rcp';

/** What statements are built around: the request's action, resource and principal. */
interface Focus {
  entry: CatalogEntry;
  resource: string;
  principal: DiffPrincipal;
}

function principalElements(p: DiffPrincipal): unknown[] {
  const common: unknown[] = [
    '*',
    { AWS: '*' },
    { AWS: ACCOUNT_A },
    { AWS: `arn:aws:iam::${ACCOUNT_A}:root` },
    { AWS: ACCOUNT_B },
    { AWS: `arn:aws:iam::${ACCOUNT_A}:user/bob` },
    { Service: 'sns.amazonaws.com' },
  ];
  switch (p.kind) {
    case 'user':
      return [...common, { AWS: p.arn }, { AWS: p.arn }, { AWS: [p.arn, ACCOUNT_B] }];
    case 'role-session':
      return [...common, { AWS: p.arn }, { AWS: p.roleArn }, { AWS: [p.roleArn, ACCOUNT_B] }];
    case 'federated-user':
      // Not its IAM user's ARN: iam-simulate does not apply a Deny naming the user to the
      // federated user; that rule has fixed cases in tests/unit/engine/federated-user.test.ts.
      return [...common, { AWS: p.arn }, { AWS: p.arn }, { AWS: [p.arn, ACCOUNT_B] }];
    case 'service':
      return [...common, { Service: p.serviceName }];
    case 'anonymous':
      return common;
  }
}

/** A list element written as a string when it has one entry, as authors often do. */
function listOrString(values: string[], asString: boolean): string | string[] {
  return asString && values.length === 1 ? values[0]! : values;
}

function arbStatement(
  place: StatementPlace,
  focus: Focus,
  conditions: fc.Arbitrary<ConditionBlock> | undefined,
  denyPercent = 20,
): fc.Arbitrary<StatementDoc> {
  const other = fc.constantFrom(...CATALOG);
  const actionPool = fc
    .tuple(fc.constantFrom(...actionPatterns(focus.entry.action)), other)
    .map(([p, o]) => [p, o.action, `${o.action.split(':')[0]}:*`]);
  const arbActions = fc
    .tuple(actionPool, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 9 }))
    .map(([pool, n, roll]) => (roll < 7 ? pool.slice(0, 1) : pool.slice(0, n)))
    // RCPs may not use "*" as an action (AWS refuses it; iam-simulate's validator too).
    .map((list) => (place === 'rcp' ? list.map((a) => (a === '*' ? 's3:*' : a)) : list));
  const arbResources = fc
    .tuple(
      fc.constantFrom(...resourcePatterns(focus.resource)),
      other.chain((o) => fc.constantFrom(resourceIn(o, ACCOUNT_A), resourceIn(o, ACCOUNT_B))),
      fc.integer({ min: 0, max: 9 }),
    )
    .map(([p, o, roll]) => (roll < 7 ? [p] : [p, o]));

  return fc
    .record({
      effect:
        place === 'rcp'
          ? fc.constant('Deny')
          : fc
              // Unbiased: fast-check otherwise favours small integers, which would skew the share.
              .noBias(fc.integer({ min: 0, max: 999 }))
              .map((n) => (n < denyPercent * 10 ? 'Deny' : 'Allow')),
      // RCPs support neither NotAction nor Allow statements of their own.
      notAction: fc.integer({ min: 0, max: 5 }).map((n) => n === 0 && place !== 'rcp'),
      actions: arbActions,
      notResource: fc.integer({ min: 0, max: 5 }).map((n) => n === 0 && place !== 'rcp'),
      resources: arbResources,
      // Variables in NotResource: kept in 1 statement of 5 (the no-value rule is a documented divergence).
      keepNotResourceVariables: fc.noBias(fc.integer({ min: 0, max: 4 })).map((n) => n === 0),
      principal: fc.constantFrom(...principalElements(focus.principal)),
      // About 1 resource-policy statement in 12 uses NotPrincipal (never with a bare "*").
      notPrincipal: fc.noBias(fc.integer({ min: 0, max: 11 })).map((n) => n === 0),
      condition: conditions ? sometimes(conditions, 50) : fc.constant(undefined),
      scalar: fc.boolean(),
      sid: sometimes(fc.constantFrom('S1', 'ReadOnly', 'GuardRail'), 30),
    })
    .map((s) => {
      const statement: StatementDoc = {};
      if (s.sid !== undefined) statement['Sid'] = s.sid;
      statement['Effect'] = s.effect;
      if (place === 'resource') {
        const not = s.notPrincipal && s.principal !== '*';
        statement[not ? 'NotPrincipal' : 'Principal'] = s.principal;
      }
      if (place === 'rcp') statement['Principal'] = '*';
      statement[s.notAction ? 'NotAction' : 'Action'] = listOrString(s.actions, s.scalar);
      const resources =
        s.notResource && !s.keepNotResourceVariables
          ? s.resources.map((r) => (r.includes('${') ? focus.resource : r))
          : s.resources;
      // A trust policy has no Resource: the role it belongs to is the resource.
      if (!(place === 'resource' && focus.entry.policyKind === 'trust')) {
        statement[s.notResource ? 'NotResource' : 'Resource'] = listOrString(resources, s.scalar);
      }
      if (s.condition) statement['Condition'] = s.condition;
      return statement;
    });
}

/** Without `Version: 2012-10-17`, policy variables are literal text; about 1 policy in 40 lacks it. */
const arbVersion: fc.Arbitrary<string | undefined> = fc
  .noBias(fc.integer({ min: 0, max: 79 }))
  .map((n) => (n === 0 ? undefined : n === 1 ? '2008-10-17' : VERSION));

function arbPolicy(
  place: StatementPlace,
  focus: Focus,
  statements: { min: number; max: number },
  conditions: fc.Arbitrary<ConditionBlock> | undefined,
): fc.Arbitrary<PolicyDoc> {
  return fc
    .tuple(
      // RCPs must carry the current version.
      place === 'rcp' ? fc.constant(VERSION) : arbVersion,
      fc.array(arbStatement(place, focus, conditions), {
        minLength: statements.min,
        maxLength: statements.max,
      }),
      // About 1 policy in 40 keeps repeated Sids, which AWS refuses (a documented divergence).
      fc.noBias(fc.integer({ min: 0, max: 39 })).map((n) => n === 0),
    )
    .map(([version, list, keepDuplicates]) => {
      const statementList = keepDuplicates ? list : withUniqueSids(list);
      return version === undefined
        ? { Statement: statementList }
        : { Version: version, Statement: statementList };
    });
}

/** Renames repeated Sids: AWS refuses a policy whose Sids repeat. */
function withUniqueSids(list: StatementDoc[]): StatementDoc[] {
  const seen = new Set<unknown>();
  return list.map((s, i) => {
    const sid = s['Sid'];
    if (sid === undefined) return s;
    const unique = seen.has(sid) ? `${String(sid)}${i}` : sid;
    seen.add(unique);
    return { ...s, Sid: unique };
  });
}

/** Context keys the model derives from the principal (only those the policies here read). */
function derivedContext(p: DiffPrincipal): Record<string, DiffContextValue> {
  switch (p.kind) {
    case 'user':
      return {
        'aws:PrincipalArn': p.arn,
        'aws:PrincipalAccount': p.account,
        'aws:username': p.name,
      };
    case 'role-session':
      return { 'aws:PrincipalArn': p.roleArn, 'aws:PrincipalAccount': p.account };
    case 'federated-user':
      return { 'aws:PrincipalArn': p.arn, 'aws:PrincipalAccount': p.account };
    case 'service':
    case 'anonymous':
      return {};
  }
}

/** Request-supplied context: each optional key present about half the time. */
const arbExtraContext: fc.Arbitrary<Record<string, DiffContextValue>> = fc
  .tuple(
    ...KEYS.filter((k) => k.contextValues).map((k) =>
      sometimes(fc.constantFrom(...k.contextValues!), 50).map((v) => [k.key, v] as const),
    ),
  )
  .map((entries) => {
    const context: Record<string, DiffContextValue> = {};
    for (const [key, value] of entries) if (value !== undefined) context[key] = value;
    return context;
  });

/** Which parts of the world a generated case may use, and how big it may be. */
export interface CaseShape {
  identityPolicies: { min: number; max: number };
  statements: { min: number; max: number };
  conditions: boolean;
  /** Resource-based policies, boundaries, session policies, SCPs and RCPs. */
  beyondIdentity: boolean;
  /** Service principals and anonymous callers besides users and role sessions. */
  otherPrincipals: boolean;
}

/** The shape the differential test uses: everything, in small numbers. */
export const MIXED: CaseShape = {
  identityPolicies: { min: 0, max: 3 },
  statements: { min: 1, max: 4 },
  conditions: true,
  beyondIdentity: true,
  otherPrincipals: true,
};

const arbPrincipal = (others: boolean): fc.Arbitrary<DiffPrincipal> =>
  others
    ? // Federated users at half the weight of the others: each has a session policy, which
      // brings the documented session-ARN divergence, and the comparison keeps its share of
      // set-aside cases small.
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(USER_ALICE) },
        { weight: 4, arbitrary: fc.constant(SESSION_DEV) },
        { weight: 1, arbitrary: fc.constant(FEDERATED_APP) },
        { weight: 2, arbitrary: fc.constant(SERVICE_SNS) },
        { weight: 2, arbitrary: fc.constant(ANONYMOUS) },
      )
    : fc.constantFrom(USER_ALICE, SESSION_DEV);

/** SCP levels: each level usually keeps FullAWSAccess so that random guards rarely block everything. */
function arbScps(
  focus: Focus,
  conditions: fc.Arbitrary<ConditionBlock> | undefined,
): fc.Arbitrary<PolicyDoc[][]> {
  const level = fc
    .tuple(
      fc.integer({ min: 0, max: 5 }),
      fc.array(arbPolicy('scp', focus, { min: 1, max: 2 }, conditions), { maxLength: 1 }),
    )
    .map(([roll, extra]) => (roll > 0 ? [FULL_AWS_ACCESS, ...extra] : extra));
  return fc.array(level, { minLength: 1, maxLength: 3 });
}

function arbRcps(
  focus: Focus,
  conditions: fc.Arbitrary<ConditionBlock> | undefined,
): fc.Arbitrary<PolicyDoc[][]> {
  const level = fc.array(arbPolicy('rcp', focus, { min: 1, max: 2 }, conditions), { maxLength: 1 });
  return fc.array(level, { minLength: 1, maxLength: 2 });
}

/** A random case of the given shape. */
export function arbCase(shape: CaseShape): fc.Arbitrary<DiffCase> {
  return fc
    .record({
      entry: fc.constantFrom(...CATALOG),
      principal: arbPrincipal(shape.otherPrincipals),
      crossAccount: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    })
    .chain(({ entry, principal: drawn, crossAccount }) => {
      // A federated user cannot call AssumeRole at all ("Compare AWS STS credentials"), a rule
      // iam-simulate does not model: its trust-policy cases are made by alice instead.
      const principal =
        drawn.kind === 'federated-user' && entry.policyKind === 'trust' ? USER_ALICE : drawn;
      const resourceAccount = crossAccount ? ACCOUNT_B : ACCOUNT_A;
      const resource = resourceIn(entry, resourceAccount);
      const focus: Focus = { entry, resource, principal };
      const authenticated =
        principal.kind === 'user' ||
        principal.kind === 'role-session' ||
        principal.kind === 'federated-user';
      const statements = shape.statements;
      const c = shape.conditions ? arbConditionAll : undefined;
      const optional = <T>(arb: fc.Arbitrary<T>, allowed: boolean, percent: number) =>
        sometimes(arb, allowed && shape.beyondIdentity ? percent : 0);
      return fc
        .record({
          identityPolicies: authenticated
            ? fc.array(arbPolicy('identity', focus, statements, c), {
                minLength: shape.identityPolicies.min,
                maxLength: shape.identityPolicies.max,
              })
            : fc.constant<PolicyDoc[]>([]),
          // A resource policy is needed for services and anonymous callers to be allowed at all.
          resourcePolicy: optional(
            arbPolicy('resource', focus, statements, c),
            true,
            // Roles always have a trust policy and keys a key policy.
            // (A federated user always has a session policy: fewer resource policies keep the
            // documented session-ARN divergence a small share of its cases.)
            entry.policyKind
              ? 100
              : principal.kind === 'federated-user'
                ? 15
                : authenticated
                  ? 35
                  : 90,
          ),
          boundary: optional(arbPolicy('identity', focus, statements, c), authenticated, 25),
          // A federated user always has one: the model gives an empty one when none is passed.
          sessionPolicy: optional(
            arbPolicy('identity', focus, statements, c),
            principal.kind === 'role-session' || principal.kind === 'federated-user',
            principal.kind === 'federated-user' ? 100 : 30,
          ),
          scps: optional(arbScps(focus, c), authenticated, 30),
          rcps: optional(arbRcps(focus, c), principal.kind !== 'service', 20),
          extra: arbExtraContext,
        })
        .map((parts): DiffCase => {
          const diffCase: DiffCase = {
            principal,
            action: entry.action,
            resource,
            resourceAccount,
            context: { ...parts.extra, ...derivedContext(principal) },
            identityPolicies: parts.identityPolicies,
          };
          if (parts.resourcePolicy) diffCase.resourcePolicy = parts.resourcePolicy;
          if (parts.resourcePolicy && entry.policyKind)
            diffCase.resourcePolicyKind = entry.policyKind;
          if (parts.boundary) diffCase.boundary = parts.boundary;
          if (parts.sessionPolicy) diffCase.sessionPolicy = parts.sessionPolicy;
          if (parts.scps) diffCase.scps = parts.scps;
          if (parts.rcps) diffCase.rcps = parts.rcps;
          return diffCase;
        });
    });
}

/**
 * An identity policy not built around one request: each statement is built around a random
 * catalog entry, so one policy covers many services (used by the benchmark's fixed policies).
 */
export function arbStandalonePolicy(
  statements: number,
  withConditions: boolean,
  denyPercent: number,
): fc.Arbitrary<PolicyDoc> {
  const conditions = withConditions ? arbConditionAgreeing : undefined;
  const arbAnyStatement = fc
    .tuple(fc.constantFrom(...CATALOG), fc.constantFrom(ACCOUNT_A, ACCOUNT_B))
    .chain(([entry, account]) =>
      arbStatement(
        'identity',
        { entry, resource: resourceIn(entry, account), principal: USER_ALICE },
        conditions,
        denyPercent,
      ),
    );
  return fc
    .array(arbAnyStatement, { minLength: statements, maxLength: statements })
    .map((list) => ({ Version: VERSION, Statement: withUniqueSids(list) }));
}

/**
 * A request by alice, without policies: the benchmark attaches fixed ones. Every key a policy
 * variable here reads (aws:username, aws:PrincipalTag/team, aws:PrincipalTag/owner) has a value,
 * so the benchmark measures evaluation, not the rules for variables with no value.
 */
export const arbBareRequest: fc.Arbitrary<DiffCase> = fc
  .record({
    // Roles and keys always carry a trust or key policy, which these requests have not.
    entry: fc.constantFrom(...CATALOG.filter((e) => !e.policyKind)),
    account: fc.constantFrom(ACCOUNT_A, ACCOUNT_A, ACCOUNT_B),
    extra: arbExtraContext,
    team: fc.constantFrom('web', 'data'),
    owner: fc.constantFrom('alice', 'bob'),
  })
  .map(({ entry, account, extra, team, owner }) => ({
    principal: USER_ALICE,
    action: entry.action,
    resource: resourceIn(entry, account),
    resourceAccount: account,
    context: {
      // An empty aws:TagKeys list is a documented divergence (null-on-empty-list): left out here.
      ...Object.fromEntries(
        Object.entries(extra).filter(([, v]) => !(Array.isArray(v) && v.length === 0)),
      ),
      'aws:PrincipalTag/team': team,
      'aws:PrincipalTag/owner': owner,
      ...derivedContext(USER_ALICE),
    },
    identityPolicies: [],
  }));
