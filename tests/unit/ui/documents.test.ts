import { describe, expect, it } from 'vitest';
import { describeDocument, listDocuments, orgPolicyKind } from '../../../src/ui/state/documents.ts';
import {
  addAccount,
  addBucket,
  addInlinePolicy,
  addOrganization,
  addOrgPolicy,
  addPolicy,
  addRequest,
  addRole,
  addUser,
  attachOrgPolicy,
  emptyScenario,
  ORG_ROOT,
  updateRequest,
} from '../../../src/model/world/index.ts';

const A = '111122223333';

function world() {
  let s = addUser(addRole(addAccount(emptyScenario(), A), A, 'App'), A, 'alice');
  s = addPolicy(s, A, 'Read');
  s = addInlinePolicy(s, A, 'users', 'alice', 'extra');
  s = addBucket(s, 'reports', A);
  s = addOrgPolicy(addOrganization(s), 'Guard');
  s = addRequest(s, { principal: `arn:aws:iam::${A}:role/App` });
  return updateRequest(s, 0, { sessionPolicy: { Version: '2012-10-17', Statement: [] } });
}

describe('scenario documents', () => {
  it.each([
    [[], 'scenario', 'Scenario (whole JSON)'],
    [['accounts', A, 'policies', 'Read'], 'identity', `Read — customer managed policy in ${A}`],
    [
      ['accounts', A, 'users', 'alice', 'inline', 'extra'],
      'identity',
      'extra — inline policy of user alice',
    ],
    [['accounts', A, 'roles', 'App', 'trust'], 'trust', 'Trust policy of role App'],
    [
      ['resources', 'arn:aws:s3:::reports', 'policy'],
      'resource',
      'Bucket policy of arn:aws:s3:::reports',
    ],
    [['organization', 'policies', 'Guard'], 'scp', 'Guard — service control policy'],
    [['requests', 0, 'sessionPolicy'], 'session', 'Session policy of request request-1'],
  ] as const)('name the document at %j as %s', (path, kind, title) => {
    expect(describeDocument(world(), path)).toEqual({ path, kind, title, exists: true });
  });

  it('say when a path is no document, or when the document is gone', () => {
    expect(describeDocument(world(), ['accounts', A, 'users', 'alice'])).toBeNull();
    expect(describeDocument(world(), ['accounts', A, 'policies', 'Gone'])?.exists).toBe(false);
  });

  it('call an organization policy an RCP once it is attached as one', () => {
    const s = attachOrgPolicy(world(), ORG_ROOT, 'rcps', 'Guard');
    expect(orgPolicyKind(s, 'Guard')).toBe('rcp');
    expect(describeDocument(s, ['organization', 'policies', 'Guard'])?.title).toBe(
      'Guard — resource control policy',
    );
  });

  it('list every document in explorer order', () => {
    expect(listDocuments(world()).map((d) => d.path.join('/'))).toEqual([
      'organization/policies/Guard',
      `accounts/${A}/policies/Read`,
      `accounts/${A}/users/alice/inline/extra`,
      `accounts/${A}/roles/App/trust`,
      'resources/arn:aws:s3:::reports/policy',
      'requests/0/sessionPolicy',
    ]);
  });
});
