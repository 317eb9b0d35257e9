import { describe, expect, it } from 'vitest';
import { MAX_TAGS, tagProblem } from '../../../src/ui/explorer/tags.ts';

describe('tagProblem', () => {
  it('accepts keys and values AWS accepts, an empty value included', () => {
    expect(tagProblem('team', 'web', [])).toBeNull();
    expect(tagProblem('cost-center', '', [])).toBeNull();
    expect(tagProblem('Équipe déploiement', 'a.b:c/d=e+f-g@h_i', [])).toBeNull();
    expect(tagProblem('k'.repeat(128), 'v'.repeat(256), [])).toBeNull();
  });

  it('refuses an empty key, over-long keys and values, and other characters', () => {
    expect(tagProblem('  ', 'x', [])).toMatch(/empty/);
    expect(tagProblem('k'.repeat(129), '', [])).toMatch(/128/);
    expect(tagProblem('k', 'v'.repeat(257), [])).toMatch(/256/);
    expect(tagProblem('team!', 'x', [])).toMatch(/letters, digits/);
    expect(tagProblem('team', 'a*b', [])).toMatch(/letters, digits/);
  });

  it('refuses the aws: prefix in keys and values, in any case', () => {
    expect(tagProblem('aws:team', 'x', [])).toMatch(/reserved/);
    expect(tagProblem('AWS:team', 'x', [])).toMatch(/reserved/);
    expect(tagProblem('team', 'Aws:web', [])).toMatch(/reserved/);
    expect(tagProblem('awsteam', 'x', [])).toBeNull();
  });

  it('refuses a key that differs from an existing one only in case', () => {
    expect(tagProblem('Team', 'x', ['team'])).toMatch(/"team" already.*regardless of case/);
    expect(tagProblem('team', 'x', ['team'])).toBeNull();
  });

  it('allows 50 tags, and changing one of them when there are 50', () => {
    const keys = Array.from({ length: MAX_TAGS }, (_, i) => `k${i}`);
    expect(tagProblem('another', 'x', keys)).toMatch(/at most 50 tags/);
    expect(tagProblem('k3', 'new value', keys)).toBeNull();
    expect(tagProblem('another', 'x', keys.slice(1))).toBeNull();
  });
});
