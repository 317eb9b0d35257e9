import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deleteIn, formatJson, getIn, renameKey, setDocument } from '../../../src/model/index.ts';
import type { JsonPath } from '../../../src/engine/index.ts';

const native = (value: unknown): string | undefined => JSON.stringify(value, null, 2);

/** A world shaped like an imported account: deep enough for every depth the formatter treats apart. */
function accountLike(policies: number): Record<string, unknown> {
  const docs: Record<string, unknown> = {};
  for (let i = 0; i < policies; i++)
    docs[`policy-${i}`] = {
      Version: '2012-10-17',
      Statement: [{ Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }],
    };
  return {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Account',
    accounts: {
      '111122223333': {
        policies: docs,
        users: { alice: { policies: ['policy-0'], tags: { team: 'web' } } },
        roles: {},
      },
    },
    requests: [{ principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject' }],
  };
}

describe('formatJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 7 }), (value) => {
        expect(formatJson(value)).toBe(native(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('skips what JSON leaves out and writes null in arrays, as JSON.stringify does', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol('s'), Number.NaN, -0, Infinity],
      d: new Date(0),
      e: {},
      f: [],
      '': 'empty key',
      '\u2028': 'line separator',
      '10': 'integer-like keys first',
    };
    expect(formatJson(value)).toBe(native(value));
    expect(formatJson(undefined)).toBe(undefined);
    expect(formatJson([[[[[{ deep: [1, { x: [] }] }]]]]])).toBe(
      native([[[[[{ deep: [1, { x: [] }] }]]]]]),
    );
  });

  it('after edits that share the unchanged parts (as every world edit does), still writes the edited world', () => {
    // 150 policies: two full chunks of 64 (kept by their first entry) and a short one.
    const world = accountLike(150);
    expect(formatJson(world)).toBe(native(world));
    const policies: JsonPath = ['accounts', '111122223333', 'policies'];
    const paths: JsonPath[] = [
      [...policies, 'policy-3'],
      [...policies, 'policy-64'],
      [...policies, 'policy-149', 'Statement', 0, 'Sid'],
      ['accounts', '111122223333', 'users', 'alice', 'tags'],
      ['requests', 0, 'action'],
      ['title'],
    ];
    const edit = fc.oneof(
      fc.record({ set: fc.constantFrom(...paths), value: fc.jsonValue({ maxDepth: 3 }) }),
      fc.record({ remove: fc.integer({ min: 0, max: 149 }) }),
      fc.record({ rename: fc.integer({ min: 0, max: 149 }), to: fc.string({ maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let current: Record<string, unknown> = world;
        for (const e of edits) {
          let next: unknown = current;
          if ('set' in e) {
            // An edit the path cannot take (a parent replaced by a scalar) is skipped.
            if (e.set.length > 1 && typeof getIn(current, e.set.slice(0, -1)) !== 'object')
              continue;
            next = setDocument(current, e.set, e.value);
          } else if ('remove' in e) next = deleteIn(current, [...policies, `policy-${e.remove}`]);
          else next = renameKey(current, policies, `policy-${e.rename}`, `renamed-${e.to}`);
          current = next as Record<string, unknown>;
          expect(formatJson(current)).toBe(native(current));
        }
        // The first world's text is still its own: nothing it holds was changed.
        expect(formatJson(world)).toBe(native(world));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps big entries (over 256 kB a chunk) as they are, and writes them all the same', () => {
    const big = (n: number) => ({ Statement: [{ Sid: 'x'.repeat(100_000 + n) }] });
    const world = { accounts: { a: { policies: { p1: big(1), p2: big(2), p3: big(3) } } } };
    expect(formatJson(world)).toBe(native(world));
    const edited = setDocument(world, ['accounts', 'a', 'policies', 'p2'], big(4));
    expect(formatJson(edited)).toBe(native(edited));
  });

  it('formats the same object again when it is met at another depth', () => {
    const shared = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] };
    const value = { a: shared, b: { c: { d: { e: shared } } }, f: [shared] };
    expect(formatJson(value)).toBe(native(value));
    expect(formatJson(shared)).toBe(native(shared));
  });

  it('big containers (joined) and small ones (concatenated) alike', () => {
    const world = accountLike(500);
    expect(formatJson(world)).toBe(native(world));
    const edited = setDocument(world, ['accounts', '111122223333', 'policies', 'policy-250'], {
      Version: '2012-10-17',
      Statement: [],
    });
    expect(formatJson(edited)).toBe(native(edited));
  });
});
