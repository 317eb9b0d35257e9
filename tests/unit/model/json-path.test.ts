import { describe, expect, it } from 'vitest';
import { getIn, setIn } from '../../../src/model/json-path.ts';

describe('setIn', () => {
  it('keeps a `__proto__` key plain data, whether copied or set', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
      string,
      unknown
    >;
    const copied = setIn(parsed, ['a'], 2) as Record<string, unknown>;
    expect(Object.keys(copied)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(copied['polluted']).toBeUndefined();
    expect(getIn(copied, ['__proto__', 'polluted'])).toBe(true);
    const set = setIn({ b: 1 }, ['__proto__'], { polluted: true }) as Record<string, unknown>;
    expect(Object.keys(set)).toEqual(['b', '__proto__']);
    expect(set['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('copies the containers on the path and shares the rest, in key order', () => {
    const root = { x: { y: 1 }, z: { w: 2 }, 1: 'first' };
    const next = setIn(root, ['x', 'y'], 3) as typeof root;
    expect(next).toEqual({ 1: 'first', x: { y: 3 }, z: { w: 2 } });
    expect(Object.keys(next)).toEqual(['1', 'x', 'z']);
    expect(next.z).toBe(root.z);
    expect(root.x.y).toBe(1);
  });
});
