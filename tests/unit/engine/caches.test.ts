/**
 * The engine's caches live in one place (src/engine/caches.ts): every module-level cache is made
 * there under a name, is bounded or weakly keyed, and clearCaches empties them without changing
 * an answer.
 */
import { describe, expect, it } from 'vitest';
import {
  BoundedCache,
  WeakCache,
  cacheNames,
  clearCaches,
  evaluate,
} from '../../../src/engine/index.ts';
import { compilePolicy } from '../../../src/engine/policy.ts';
import { allow, doc, identity, input, user } from './helpers.ts';

describe('engine caches', () => {
  it('are all registered by name once the engine is loaded', () => {
    expect(cacheNames()).toEqual(
      expect.arrayContaining([
        'compiled policies',
        'compiled policies by text',
        'compiled statements',
        'action plans',
        'request pairs',
        'glob patterns',
        'ARN patterns',
        'single action patterns',
      ]),
    );
  });

  it('answer the same after clearCaches as before it', () => {
    const inp = input(user('alice'), 's3:GetObject', 'arn:aws:s3:::reports/alice', {
      identityPolicies: [identity(allow('s3:Get*', 'arn:aws:s3:::reports/${aws:username}'))],
    });
    const before = evaluate(inp);
    clearCaches();
    const after = evaluate(inp);
    expect(after.decision).toBe(before.decision);
    expect(JSON.stringify(after.trace)).toBe(JSON.stringify(before.trace));
  });

  it('a bounded cache empties itself at its bound; a weak cache can be cleared', () => {
    const bounded = new BoundedCache<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) bounded.set(key, i);
    expect(bounded.size).toBe(3);
    expect(bounded.set('d', 4)).toBe(4);
    expect(bounded.size).toBe(1);
    expect(bounded.get('a')).toBeUndefined();
    expect(bounded.get('d')).toBe(4);
    const weak = new WeakCache<object, number>();
    const key = doc();
    weak.set(key, 1);
    expect(weak.get(key)).toBe(1);
    weak.clear();
    expect(weak.get(key)).toBeUndefined();
  });

  it('compile a new document object with the text of one compiled before only once, per kind', () => {
    const read = doc(allow('s3:GetObject', '*'));
    const compiled = compilePolicy(read, 'identity');
    // A world parsed again after an edit elsewhere: equal documents, new objects.
    expect(compilePolicy(structuredClone(read), 'identity')).toBe(compiled);
    expect(compilePolicy(structuredClone(read), 'boundary')).not.toBe(compiled);
    expect(compilePolicy(doc(allow('s3:PutObject', '*')), 'identity')).not.toBe(compiled);
  });

  it('reuse a statement compiled before at the same place, and still see a Sid repeated', () => {
    // The analysis's forced variants keep the statements they do not change (same objects).
    const kept = { ...allow('s3:GetObject', '*'), Sid: 'Read' };
    const first = doc(allow('s3:PutObject', '*'), kept);
    const variant = doc({ ...allow('s3:ListBucket', '*'), Condition: {} }, kept);
    const a = compilePolicy(first, 'identity');
    const b = compilePolicy(variant, 'identity');
    expect(b).not.toBe(a);
    expect(b.statements[1]).toBe(a.statements[1]);
    expect(b.statements[0]).not.toBe(a.statements[0]);
    // Elsewhere (another index or kind), it is compiled for that place.
    expect(compilePolicy(doc(kept), 'identity').statements[0]).not.toBe(a.statements[1]);
    expect(compilePolicy(doc(allow('s3:PutObject', '*'), kept), 'boundary').statements[1]).not.toBe(
      a.statements[1],
    );
    // A variant whose other statement takes the Sid first: the kept one repeats it.
    const clash = doc({ ...allow('s3:ListBucket', '*'), Sid: 'Read' }, kept);
    const problems = compilePolicy(clash, 'identity').problems.map((p) => p.code);
    expect(problems).toContain('duplicate-sid');
    expect(compilePolicy(first, 'identity').problems.map((p) => p.code)).not.toContain(
      'duplicate-sid',
    );
  });
});
