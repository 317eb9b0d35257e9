import { describe, expect, it } from 'vitest';
import { filterEntities, parseFilter } from '../../../src/ui/explorer/world-filter.ts';

const roles = {
  WebRole: { path: '/eng/', tags: { team: 'web' }, policies: ['S3Read'] },
  DataRole: {
    path: '/data/',
    tags: { team: 'data' },
    policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    boundary: 'Fence',
  },
  Admin: {},
};

describe('the World panel filter', () => {
  it('shows everything without words, and what every word matches by name, path, tag or policy', () => {
    const shown = (query: string) => filterEntities(roles, parseFilter(query));
    expect(shown('  ')).toEqual(['WebRole', 'DataRole', 'Admin']);
    expect(shown('role')).toEqual(['WebRole', 'DataRole']);
    expect(shown('/ENG/')).toEqual(['WebRole']);
    expect(shown('team=data')).toEqual(['DataRole']);
    expect(shown('readonlyaccess')).toEqual(['DataRole']);
    expect(shown('fence')).toEqual(['DataRole']);
    expect(shown('role tag:team=web')).toEqual(['WebRole']);
    // A named field looks only there: "data" is DataRole's name and path, but no one's policy.
    expect(shown('policy:data')).toEqual([]);
    expect(shown('name:admin')).toEqual(['Admin']);
    expect(shown('path:/')).toEqual(['WebRole', 'DataRole', 'Admin']);
    // An ARN is a plain word, not a field named "arn".
    expect(shown('arn:aws:iam::aws:policy/readonly')).toEqual(['DataRole']);
    expect(filterEntities(undefined, parseFilter('x'))).toEqual([]);
  });
});
