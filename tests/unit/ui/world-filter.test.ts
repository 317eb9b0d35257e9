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

  it('answers a world edited since (the answers it keeps follow the objects, not the names)', () => {
    const terms = parseFilter('team=web');
    expect(filterEntities(roles, terms)).toEqual(['WebRole']);
    // An edit replaces the collection and the entity it changes; the others stay the same objects.
    const edited = { ...roles, DataRole: { ...roles.DataRole, tags: { team: 'web' } } };
    expect(filterEntities(edited, terms)).toEqual(['WebRole', 'DataRole']);
    expect(filterEntities(roles, terms)).toEqual(['WebRole']);
    // The same entity under a new name (a rename) is matched by its new name.
    const renamed = { Frontend: roles.WebRole, DataRole: roles.DataRole };
    expect(filterEntities(renamed, parseFilter('name:frontend'))).toEqual(['Frontend']);
    expect(filterEntities(renamed, parseFilter('name:webrole'))).toEqual([]);
  });
});
