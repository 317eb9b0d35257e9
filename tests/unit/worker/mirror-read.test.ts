import { describe, expect, it } from 'vitest';
import { ScenarioMirror } from '../../../src/worker/mirror.ts';

describe('the worker’s copy taken from a text it read (issue 14)', () => {
  it('takes the value read for the named token once, and asks for the whole scenario otherwise', () => {
    const mirror = new ScenarioMirror();
    mirror.hold(7, { title: 'read' });
    expect(mirror.apply({ type: 'evaluate', read: 6, traceFor: null, revision: 3 })).toMatchObject({
      code: 'out-of-sync',
    });
    expect(mirror.apply({ type: 'evaluate', read: 7, traceFor: null, revision: 3 })).toBeNull();
    expect([mirror.revision, mirror.scenario]).toEqual([3, { title: 'read' }]);
    // Taken: a second evaluate naming it (a replaced worker, say) gets the whole scenario instead.
    expect(mirror.apply({ type: 'evaluate', read: 7, traceFor: null, revision: 4 })).toMatchObject({
      code: 'out-of-sync',
    });
  });
});
