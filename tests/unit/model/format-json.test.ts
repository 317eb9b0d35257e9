import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson, getIn, setDocument } from '../../../src/model/index.ts';
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
    const world = accountLike(40);
    expect(formatJson(world)).toBe(native(world));
    const paths: JsonPath[] = [
      ['accounts', '111122223333', 'policies', 'policy-3'],
      ['accounts', '111122223333', 'users', 'alice', 'tags'],
      ['requests', 0, 'action'],
      ['title'],
      ['accounts', '111122223333', 'policies', 'policy-39', 'Statement', 0, 'Sid'],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (edits) => {
          let current: Record<string, unknown> = world;
          for (const [path, value] of edits) {
            // An edit the path cannot take (a parent replaced by a scalar) is skipped.
            if (path.length > 1 && typeof getIn(current, path.slice(0, -1)) !== 'object') continue;
            current = setDocument(current, path, value) as Record<string, unknown>;
            expect(formatJson(current)).toBe(native(current));
          }
          // The first world's text is still its own: nothing it holds was changed.
          expect(formatJson(world)).toBe(native(world));
        },
      ),
      { numRuns: 300 },
    );
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
