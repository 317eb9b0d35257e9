import { describe, expect, it } from 'vitest';
import {
  clearCaches,
  evaluate,
  type ContextValue,
  type StepId,
} from '../../../src/engine/index.ts';
import {
  A,
  FULL_ACCESS,
  allow,
  deny,
  doc,
  identity,
  input,
  level,
  policy,
  session,
  user,
} from './helpers.ts';

const OBJECT = 'arn:aws:s3:::bucket/key';
const alice = user('alice');
const ORDER: StepId[] = [
  'explicit-deny',
  'rcp',
  'scp',
  'resource-policy',
  'identity-policy',
  'boundary',
  'session-policy',
  'root-user',
  'final',
];

describe('the trace (scenario format, "Decisions")', () => {
  it("lists the steps in AWS's order, up to and including the deciding one", () => {
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('ec2:*'))],
        scps: [level('Root', FULL_ACCESS)],
      }),
    );
    const ids = r.trace?.steps.map((s) => s.id) ?? [];
    expect(ids).toEqual(['explicit-deny', 'rcp', 'scp', 'resource-policy', 'identity-policy']);
    expect(ids.at(-1)).toBe(r.decidingStep);
    expect([...ids].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))).toEqual(ids);
  });

  it('shows for each statement which element failed, with the values compared', () => {
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [
          identity(
            allow('s3:GetObject', OBJECT, {
              Sid: 'FromOffice',
              Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
            }),
          ),
        ],
        context: { 'aws:SourceIp': '198.51.100.7' },
      }),
    );
    const st = r.trace?.steps.find((s) => s.id === 'identity-policy')?.policies[0]?.statements[0];
    expect(st?.sid).toBe('FromOffice');
    expect(st?.action).toMatchObject({ matched: true, pattern: 's3:GetObject' });
    expect(st?.resource.matched).toBe(true);
    expect(st?.conditions[0]).toMatchObject({
      operator: 'IpAddress',
      key: 'aws:SourceIp',
      policyValues: ['203.0.113.0/24'],
      contextValues: ['198.51.100.7'],
      matched: false,
      detail: 'aws:SourceIp 198.51.100.7 is not in 203.0.113.0/24',
    });
    expect(st?.matched).toBe(false);
  });

  it('marks the elements after the first failing one as not checked', () => {
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [
          identity(
            allow('ec2:RunInstances', '*', {
              Condition: { Bool: { 'aws:SecureTransport': 'true' } },
            }),
          ),
        ],
      }),
    );
    const st = r.trace?.steps.find((s) => s.id === 'identity-policy')?.policies[0]?.statements[0];
    expect(st?.action).toMatchObject({
      matched: false,
      detail: 's3:GetObject does not match "ec2:RunInstances"',
    });
    expect(st?.resource.notChecked).toBe(true);
    expect(st?.conditions).toEqual([]);
  });

  it('points to the deciding Deny and says how to remove it, naming the SCP and its level', () => {
    const denyAll = policy('scp', 'DenyAll', doc(deny('*', '*', { Sid: 'DenyAll' })));
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('*'))],
        scps: [{ name: 'OU Workloads', policies: [denyAll] }],
      }),
    );
    expect(r.decision).toBe('explicitDeny');
    expect(r.trace?.decidingStatement).toEqual({
      policyId: ['scp', 'DenyAll'],
      path: ['Statement', 0],
    });
    expect(r.trace?.toAllow).toEqual([
      'remove or narrow the Deny in statement "DenyAll" of SCP DenyAll at OU Workloads',
    ]);
    // Every policy considered is in the trace of the deciding step.
    expect(r.trace?.steps.at(-1)?.policies.map((p) => p.name)).toEqual(['DenyAll', 'Identity']);
  });

  it.each([
    [
      'a missing identity Allow',
      input(alice, 's3:GetObject', OBJECT),
      /add an Allow for s3:GetObject on arn:aws:s3:::bucket\/key to an identity policy of user alice/,
    ],
    [
      'a trust policy that does not let the caller in',
      input(alice, 'sts:AssumeRole', `arn:aws:iam::${A}:role/X`, {
        resourcePolicy: policy(
          'trust',
          'trust of X',
          doc({
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'ec2.amazonaws.com' },
          }),
        ),
      }),
      /the trust policy of role X must allow arn:aws:iam::111122223333:user\/alice/,
    ],
    [
      'a boundary that does not allow',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('*'))],
        boundary: policy('boundary', 'DevBoundary', doc(allow('ec2:*'))),
      }),
      /the permissions boundary DevBoundary must allow s3:GetObject/,
    ],
    [
      'an SCP level that does not allow',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('*'))],
        scps: [level('OU Sandbox', doc(allow('ec2:*')))],
      }),
      /attach an SCP at OU Sandbox that allows s3:GetObject/,
    ],
    [
      'a session policy that does not allow',
      input(session('R'), 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('*'))],
        sessionPolicies: [policy('session', 'session', doc(allow('ec2:*')))],
      }),
      /the session policy must allow s3:GetObject/,
    ],
  ])('says what would have to change after %s', (_name, inp, expected) => {
    const r = evaluate(inp);
    expect(r.decision).toBe('implicitDeny');
    expect(r.trace?.toAllow.join('\n')).toMatch(expected);
  });

  it('has an empty toAllow and a deciding Allow when allowed', () => {
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*', '*', { Sid: 'S3' }))],
      }),
    );
    expect(r.trace?.toAllow).toEqual([]);
    expect(r.trace?.decidingStatement).toEqual({
      policyId: ['identity', 'Identity'],
      path: ['Statement', 0],
    });
    expect(r.trace?.summary).toMatch(/^Allowed\. User alice asked for s3:GetObject/);
  });

  it('keeps statements with errors, marked skipped, and the problems of their policy', () => {
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity({ Effect: 'Allow', Action: 's3:*', Resource: 'bucket' })],
      }),
    );
    const p = r.trace?.steps.find((s) => s.id === 'identity-policy')?.policies[0];
    expect(p?.statements[0]?.skipped).toMatch(/not an ARN/);
    expect(p?.problems.map((x) => x.code)).toEqual(['malformed-arn']);
  });

  it("passes on the model's notes", () => {
    const r = evaluate({
      ...input(alice, 's3:GetObject', OBJECT),
      notes: ["resource owner assumed to be the principal's account"],
    });
    expect(r.trace?.notes).toContain("resource owner assumed to be the principal's account");
  });

  it('is plain data that survives JSON and structured cloning', () => {
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'), deny('s3:Put*'))],
      }),
    );
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(structuredClone(r)).toEqual(r);
  });

  it('is worded when first read: cloned before any read, it equals a fresh result read directly', () => {
    const make = () =>
      evaluate(
        input(alice, 's3:GetObject', OBJECT, {
          identityPolicies: [identity(allow('s3:*'), deny('s3:Put*'))],
          boundary: policy('boundary', 'B', doc(allow('s3:Get*'))),
        }),
      );
    const cloned = structuredClone(make());
    const read = make();
    expect(read.trace).toBe(read.trace);
    expect(cloned).toEqual(read);
    expect({ ...make() }.trace?.steps.map((s) => s.id)).toEqual(read.trace?.steps.map((s) => s.id));
  });

  it('names the caller as the most direct Allow of a resource-based policy does, after a broader one', () => {
    // The decision stops looking once an Allow names the caller as directly as any can; a
    // Principal "*" Allow before one naming the user ARN must not end the search.
    const r = evaluate(
      input(alice, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        resourcePolicy: policy(
          'resource',
          'of bucket bucket',
          doc(
            allow('s3:GetObject', OBJECT, { Principal: '*' }),
            allow('s3:GetObject', OBJECT, { Principal: { AWS: alice.arn } }),
          ),
        ),
      }),
    );
    expect(r.decision).toBe('allowed');
    const step = r.trace?.steps.find((s) => s.id === 'resource-policy');
    expect(step?.explanation).toContain('named as the user ARN');
    expect(step?.reason).toEqual({ code: 'direct-grant', namedAs: 'user', limitsIgnored: false });
    expect(r.trace?.decidingStatement?.path).toEqual(['Statement', 1]);
  });

  it('says a Principal "*" names everyone, and how a narrower one names the caller', () => {
    const principalLine = (principal: unknown): string | undefined => {
      const r = evaluate(
        input(alice, 's3:GetObject', OBJECT, {
          resourceAccount: A,
          resourcePolicy: policy(
            'resource',
            'of bucket bucket',
            doc(allow('s3:GetObject', OBJECT, { Principal: principal })),
          ),
        }),
      );
      // The Principal element's line of the statement's trace.
      let line: string | undefined;
      JSON.stringify(r.trace, (key, value: unknown) => {
        if (key === 'principal' && typeof value === 'object' && value !== null && 'detail' in value)
          line = String(value.detail);
        return value;
      });
      return line;
    };
    const everyone = principalLine('*');
    expect(everyone).toBe(`${alice.arn} is named in "*", which names everyone`);
    expect(everyone).not.toContain('named as everyone');
    expect(principalLine({ AWS: alice.arn })).toContain(', by its user ARN');
    expect(principalLine({ AWS: A })).toContain(', through its account');
  });

  it('is the same for a request decided after others against the same documents as for a fresh copy', () => {
    // Traces reuse per-resource statement traces, per-value condition results and Resource
    // elements per variable value: requests that differ only in the resource or in one key's
    // values must still get their own traces.
    const shared = [
      identity(
        allow('s3:GetObject', 'arn:aws:s3:::bucket/*', {
          Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['', 'team'] } },
        }),
        allow('s3:GetObject', 'arn:aws:s3:::other/*'),
        allow('s3:GetObject', [
          'arn:aws:s3:::${aws:username}/*',
          'arn:aws:s3:::bucket/${aws:username}',
        ]),
        allow('s3:GetObject', 'arn:aws:s3:::bucket/*'),
        deny('s3:GetObject', 'arn:aws:s3:::bucket/secret', {
          Condition: { Null: { 'aws:TagKeys': 'false' } },
        }),
      ),
    ];
    const tagKeys: (string[] | undefined)[] = [undefined, [], [''], ['team'], ['env'], ['', 'x']];
    const requests = ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/secret', 'arn:aws:s3:::bob/a']
      .flatMap((resource) => tagKeys.map((keys) => ({ resource, keys })))
      .flatMap((r) => [undefined, 'bob', 'key'].map((name) => ({ ...r, name })))
      .flatMap((r) => [r, r]);
    for (const { resource, keys, name } of requests) {
      const context: Record<string, ContextValue> = {};
      if (keys !== undefined) context['aws:TagKeys'] = keys;
      if (name !== undefined) context['aws:username'] = name;
      const r = evaluate(
        input(alice, 's3:GetObject', resource, { identityPolicies: shared, context }),
      );
      const fresh = evaluate(
        input(alice, 's3:GetObject', resource, {
          identityPolicies: structuredClone(shared),
          context,
        }),
      );
      expect(r).toEqual(fresh);
    }
  });

  it('is the same when read only after other requests were decided and read', () => {
    // A trace's statements are traced when it is first read, from what the request kept: the
    // memos that other requests filled or replaced in between must not change it (a statement's
    // trace is remembered by the values of the keys its conditions and variables read).
    const shared = [
      identity(
        allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}/*', {
          Condition: { StringEquals: { 'aws:PrincipalTag/team': ['web', '${aws:username}'] } },
        }),
        allow('s3:*', 'arn:aws:s3:::bucket/*', {
          Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } },
        }),
        deny('s3:PutObject', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ),
    ];
    const pairs = ['s3:GetObject', 's3:PutObject'].flatMap((action) =>
      ['bob', 'web'].map((owner) => ({ action, resource: `arn:aws:s3:::bucket/${owner}/k` })),
    );
    const inputs = pairs.flatMap(({ action, resource }) =>
      ['bob', 'web', undefined].flatMap((name) =>
        [['team'], ['env'], undefined].flatMap((keys) =>
          ['true', 'false'].map((secure) => {
            const context: Record<string, ContextValue> = { 'aws:SecureTransport': secure };
            if (name !== undefined) context['aws:username'] = name;
            if (keys !== undefined) context['aws:TagKeys'] = keys;
            context['aws:PrincipalTag/team'] = name === 'web' ? 'bob' : 'web';
            return input(alice, action, resource, {
              identityPolicies: shared,
              context,
            });
          }),
        ),
      ),
    );
    const later = inputs.map((inp) => evaluate(inp));
    for (const inp of inputs) void evaluate(inp).trace;
    const at = inputs.length - 1;
    for (let i = at; i >= 0; i--) {
      const inp = inputs[i]!;
      clearCaches(); // compiled afresh: no memo of an earlier request
      const fresh = evaluate(inp);
      expect(later[i]).toEqual(fresh);
    }
    expect(new Set(later.map((r) => r.decision)).size).toBe(3);
  });

  it('is left out with trace: false, with the same decision and deciding step', () => {
    const inp = input(alice, 's3:GetObject', OBJECT, {
      identityPolicies: [identity(allow('s3:*'))],
      boundary: policy('boundary', 'B', doc(allow('ec2:*'))),
    });
    const full = evaluate(inp);
    const bare = evaluate(inp, { trace: false });
    expect(bare).toEqual({ decision: full.decision, decidingStep: full.decidingStep });
  });
});
