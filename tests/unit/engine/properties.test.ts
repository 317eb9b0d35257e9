import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  validatePolicy,
  type EvaluationInput,
  type PolicyKind,
  type PolicySource,
} from '../../../src/engine/index.ts';
import { A, B, anonymous, doc, input, policy, root, service, session, user } from './helpers.ts';

// Small vocabularies, so random statements often match the random request.
const actions = fc.constantFrom(
  's3:GetObject',
  's3:PutObject',
  's3:*',
  's3:Get*',
  'ec2:*',
  '*',
  'iam:CreateUser',
);
const resources = fc.constantFrom(
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::b/k',
  'arn:aws:s3:::other/*',
  'arn:aws:s3:::b/${aws:username}/*',
);
const conditions = fc.constantFrom(
  undefined,
  { StringEquals: { 'aws:username': 'alice' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['a*'] } },
  { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'web' } },
  { Null: { 'aws:SourceIp': 'true' } },
);
const principals = fc.constantFrom(
  '*',
  { AWS: A },
  { AWS: `arn:aws:iam::${A}:user/alice` },
  { AWS: B },
  { AWS: `arn:aws:iam::${A}:role/Web` },
);

const statement = (withPrincipal: boolean) =>
  fc
    .record({
      effect: fc.constantFrom('Allow', 'Deny'),
      not: fc.boolean(),
      notResource: fc.boolean(),
      action: fc.array(actions, { minLength: 1, maxLength: 3 }),
      resource: fc.array(resources, { minLength: 1, maxLength: 2 }),
      condition: conditions,
      principal: principals,
    })
    .map((s) => {
      const out: Record<string, unknown> = { Effect: s.effect };
      out[s.not ? 'NotAction' : 'Action'] = s.action;
      out[s.notResource ? 'NotResource' : 'Resource'] = s.resource;
      if (s.condition) out['Condition'] = s.condition;
      if (withPrincipal) out['Principal'] = s.principal;
      return out;
    });

const document = (withPrincipal: boolean) =>
  fc.array(statement(withPrincipal), { minLength: 0, maxLength: 4 });

const callers = fc.constantFrom(
  user('alice'),
  session('Web'),
  root(),
  user('bob', B),
  anonymous,
  service('ec2.amazonaws.com'),
);
const contexts = fc.record(
  {
    'aws:username': fc.constantFrom('alice', 'bob'),
    'aws:SourceIp': fc.constantFrom('10.1.2.3', '203.0.113.9', '2001:db8::1'),
    'aws:SecureTransport': fc.boolean(),
    'aws:TagKeys': fc.subarray(['a', 'b', 'c']),
    'aws:PrincipalTag/team': fc.constantFrom('web', 'db'),
  },
  { requiredKeys: [] },
);

interface World {
  input: EvaluationInput;
  identityDocs: Record<string, unknown>[][];
}

const worlds: fc.Arbitrary<World> = fc
  .record({
    caller: callers,
    action: fc.constantFrom('s3:GetObject', 's3:PutObject', 'iam:CreateUser'),
    resource: fc.constantFrom('arn:aws:s3:::b/k', 'arn:aws:s3:::b/alice/x'),
    context: contexts,
    identity: fc.array(document(false), { minLength: 0, maxLength: 3 }),
    bucket: fc.option(document(true), { nil: undefined }),
    boundary: fc.option(document(false), { nil: undefined }),
    scp: fc.option(fc.array(document(false), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  })
  .map((w) => {
    const inp = input(w.caller, w.action, w.resource, { context: w.context, resourceAccount: A });
    inp.identityPolicies = w.identity.map((s, i) => policy('identity', `id${i}`, doc(...s)));
    if (w.bucket) inp.resourcePolicy = policy('resource', 'bucket', doc(...w.bucket));
    if (w.boundary) inp.boundary = policy('boundary', 'boundary', doc(...w.boundary));
    if (w.scp)
      inp.scps = w.scp.map((s, i) => ({
        name: `Level ${i}`,
        policies: [policy('scp', `scp${i}`, doc(...s))],
      }));
    return { input: inp, identityDocs: w.identity };
  });

/** The same world with its statements and identity policies in another order. */
function reordered(w: World, seed: number): EvaluationInput {
  const rotate = <T>(xs: T[]): T[] =>
    xs.length === 0
      ? xs
      : [...xs.slice(seed % xs.length), ...xs.slice(0, seed % xs.length)].reverse();
  const redo = (p: PolicySource): PolicySource => {
    const d = p.document as { Version: string; Statement: unknown[] };
    return { ...p, document: { ...d, Statement: rotate(d.Statement) } };
  };
  const i = w.input;
  const out: EvaluationInput = { ...i, identityPolicies: rotate(i.identityPolicies.map(redo)) };
  if (i.resourcePolicy) out.resourcePolicy = redo(i.resourcePolicy);
  if (i.boundary) out.boundary = redo(i.boundary);
  if (i.scps) out.scps = i.scps.map((l) => ({ ...l, policies: l.policies.map(redo) }));
  return out;
}

const withIdentityStatement = (
  w: World | EvaluationInput,
  st: Record<string, unknown>,
): EvaluationInput => {
  const i = 'input' in w ? w.input : w;
  const first = i.identityPolicies[0];
  if (!first) return { ...i, identityPolicies: [policy('identity', 'extra', doc(st))] };
  const d = first.document as { Statement: unknown[] };
  return {
    ...i,
    identityPolicies: [
      { ...first, document: { ...d, Statement: [...d.Statement, st] } },
      ...i.identityPolicies.slice(1),
    ],
  };
};

const RUNS = { numRuns: 400 };

describe('properties of the evaluation (fast-check)', () => {
  it('an explicit deny always wins: a Deny of everything for everyone in the resource policy denies', () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const rp = w.input.resourcePolicy;
        const denyAll = { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' };
        const statements = rp
          ? [...(rp.document as { Statement: unknown[] }).Statement, denyAll]
          : [denyAll];
        const inp = {
          ...w.input,
          resourcePolicy: policy('resource', 'bucket', {
            Version: '2012-10-17',
            Statement: statements,
          }),
        };
        expect(evaluate(inp).decision).toBe('explicitDeny');
        expect(evaluate(inp, { trace: false }).decision).toBe('explicitDeny');
      }),
      RUNS,
    );
  }, 120_000);

  it('an explicit deny always wins: a matching Deny in an identity policy of a user or role denies', () => {
    fc.assert(
      fc.property(worlds, (w) => {
        fc.pre(['user', 'role-session', 'root'].includes(w.input.request.principal.type));
        expect(
          evaluate(withIdentityStatement(w, { Effect: 'Deny', Action: '*', Resource: '*' }))
            .decision,
        ).toBe('explicitDeny');
      }),
      RUNS,
    );
  }, 120_000);

  it('reordering statements or policies never changes the decision', () => {
    fc.assert(
      fc.property(worlds, fc.nat(10), (w, seed) => {
        const before = evaluate(w.input);
        const after = evaluate(reordered(w, seed));
        expect(after.decision).toBe(before.decision);
        expect(evaluate(reordered(w, seed), { trace: false }).decision).toBe(before.decision);
      }),
      RUNS,
    );
  }, 120_000);

  it('adding an Allow statement to an identity policy never turns allowed into a deny', () => {
    fc.assert(
      fc.property(worlds, fc.boolean(), statement(false), (w, grantAll, st) => {
        // Start from worlds that are often allowed: sometimes grant everything first.
        const base = grantAll
          ? withIdentityStatement(w, { Effect: 'Allow', Action: '*', Resource: '*' })
          : w.input;
        if (evaluate(base).decision !== 'allowed') return;
        expect(evaluate(withIdentityStatement(base, { ...st, Effect: 'Allow' })).decision).toBe(
          'allowed',
        );
      }),
      RUNS,
    );
  }, 120_000);

  it('adding a Deny statement to an identity policy never turns a deny into allowed', () => {
    fc.assert(
      fc.property(worlds, statement(false), (w, st) => {
        fc.pre(evaluate(w.input).decision !== 'allowed');
        expect(evaluate(withIdentityStatement(w, { ...st, Effect: 'Deny' })).decision).not.toBe(
          'allowed',
        );
      }),
      RUNS,
    );
  }, 120_000);

  it('traced and untraced evaluation always agree', () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const full = evaluate(w.input);
        expect(evaluate(w.input, { trace: false })).toEqual({
          decision: full.decision,
          decidingStep: full.decidingStep,
        });
      }),
      RUNS,
    );
  }, 120_000);
});

describe('properties of the grammar (fast-check)', () => {
  const kinds = fc.constantFrom<PolicyKind>(
    'identity',
    'resource',
    'trust',
    'kms',
    'boundary',
    'session',
    'scp',
    'rcp',
  );

  it('arbitrary JSON as a policy never throws: it yields problems', () => {
    fc.assert(
      fc.property(fc.jsonValue(), kinds, (value, kind) => {
        const problems = validatePolicy(value, kind);
        expect(Array.isArray(problems)).toBe(true);
        if (value === null || typeof value !== 'object' || Array.isArray(value))
          expect(problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('arbitrary JSON shaped like a policy never throws, in validation or evaluation', () => {
    const loose = fc.record({
      Version: fc.oneof(fc.constant('2012-10-17'), fc.jsonValue()),
      Statement: fc.oneof(
        fc.jsonValue(),
        fc.array(
          fc.dictionary(
            fc.constantFrom(
              'Effect',
              'Action',
              'NotAction',
              'Resource',
              'NotResource',
              'Principal',
              'NotPrincipal',
              'Condition',
              'Sid',
            ),
            fc.jsonValue(),
          ),
        ),
      ),
    });
    fc.assert(
      fc.property(loose, kinds, callers, (value, kind, caller) => {
        expect(() => validatePolicy(value, kind)).not.toThrow();
        const inp = input(caller, 's3:GetObject', 'arn:aws:s3:::b/k', { resourceAccount: A });
        inp.identityPolicies = [policy('identity', 'x', value)];
        inp.resourcePolicy = policy(
          kind === 'trust' || kind === 'kms' ? kind : 'resource',
          'r',
          value,
        );
        const r = evaluate(inp);
        expect(['allowed', 'explicitDeny', 'implicitDeny']).toContain(r.decision);
        expect(r.trace?.notes.join(' ') ?? '').not.toMatch(/could not be evaluated/);
      }),
      { numRuns: 500 },
    );
  }, 120_000);
});

describe('compiled documents are shared safely (fast-check)', () => {
  it('deciding many requests against the same documents gives the answers of fresh copies', () => {
    fc.assert(
      fc.property(
        fc.array(worlds, { minLength: 2, maxLength: 6 }),
        fc.array(fc.nat(5), { minLength: 5, maxLength: 20 }),
        (ws, order) => {
          // All requests share the first world's policies, so caches keyed by document see many requests.
          const shared = ws.map((w) => ({ ...(ws[0] as World).input, request: w.input.request }));
          for (const k of order) {
            const inp = shared[k % shared.length] as EvaluationInput;
            const fresh = structuredClone(inp);
            for (const trace of [true, false]) {
              const a = evaluate(inp, { trace });
              const b = evaluate(structuredClone(fresh), { trace });
              expect(a).toEqual(b);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
