import { describe, expect, it } from 'vitest';
import {
  formatTags,
  parseKeys,
  parseTags,
  withChanges,
} from '../../../src/ui/request/assume-steps.ts';

describe("the request builder's text forms of an STS call", () => {
  it('reads and writes session tags as key=value, keeping an empty value', () => {
    expect(parseTags(' team = blue, cost=c1,flag ,, =x')).toEqual({
      team: 'blue',
      cost: 'c1',
      flag: '',
    });
    expect(parseTags(' , ')).toBeUndefined();
    expect(formatTags({ team: 'blue', cost: 'c1' })).toBe('team=blue, cost=c1');
    expect(formatTags(parseTags('a=1=2'))).toBe('a=1=2');
    expect(formatTags(['no'])).toBe('');
  });

  it('reads tag keys, and drops emptied fields from the hop', () => {
    expect(parseKeys('team, cost ,')).toEqual(['team', 'cost']);
    expect(parseKeys('  ')).toBeUndefined();
    expect(
      withChanges({ role: 'r', tags: { a: '1' } }, { tags: undefined, sourceIdentity: '' }),
    ).toEqual({ role: 'r' });
  });
});
