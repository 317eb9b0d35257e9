import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SliceAssembler, sliceValue } from '../../../src/worker/slices.ts';

const rebuild = (parts: ReturnType<typeof sliceValue>): unknown => {
  const assembler = new SliceAssembler();
  for (const part of parts) assembler.add(structuredClone(part));
  return assembler.value;
};

describe('a big value sent in slices (issue 14)', () => {
  it('comes back equal, keys in their order, for any JSON value and part size', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 400 }), (value, max) => {
        const back = rebuild(sliceValue(value, max));
        expect(JSON.stringify(back)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('cuts a big world into parts of about the given size, and keeps a small one whole', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++)
      resources[`arn:aws:s3:::bucket-${i}`] = { account: '111122223333', policy: { n: i } };
    const world = { title: 'Big', requests: [{ id: 'r' }], resources };
    const size = JSON.stringify(world).length;
    const parts = sliceValue(world, 20_000);
    expect(parts.length).toBeGreaterThan(size / 20_000);
    for (const part of parts) expect(JSON.stringify(part).length).toBeLessThan(2 * 20_000);
    expect(rebuild(parts)).toEqual(world);
    expect(sliceValue({ title: 'small' }, 20_000)).toEqual([[[[], { title: 'small' }]]]);
  });

  it('keeps "__proto__" as a plain key, as JSON.parse does', () => {
    const value = JSON.parse('{"a":{"__proto__":{"x":1},"b":"' + 'y'.repeat(50) + '"}}') as unknown;
    const back = rebuild(sliceValue(value, 10)) as { a: object };
    expect(Object.keys(back.a)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(back.a)).toBe(Object.prototype);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
  });
});
