import { describe, expect, it } from 'vitest';
import type { JsonPath } from '../../../src/engine/types.ts';
import type { Finding } from '../../../src/findings/types.ts';
import {
  documentLabel,
  documentPathOf,
  findingTarget,
  groupByDocument,
} from '../../../src/ui/findings/finding-documents.ts';
import { describeDocument } from '../../../src/ui/state/documents.ts';

const A = '111122223333';

const cases: [what: string, path: JsonPath, document: JsonPath, label: string][] = [
  [
    'a customer managed policy',
    ['accounts', A, 'policies', 'S3Read', 'Statement', 0, 'Action'],
    ['accounts', A, 'policies', 'S3Read'],
    `S3Read — customer managed policy in ${A}`,
  ],
  [
    "a user's inline policy",
    ['accounts', A, 'users', 'alice', 'inline', 'Read', 'Statement', 0, 'Action', 0],
    ['accounts', A, 'users', 'alice', 'inline', 'Read'],
    `Read — inline policy of user alice in ${A}`,
  ],
  [
    "a group's inline policy",
    ['accounts', A, 'groups', 'devs', 'inline', 'Read', 'Statement'],
    ['accounts', A, 'groups', 'devs', 'inline', 'Read'],
    `Read — inline policy of group devs in ${A}`,
  ],
  [
    "a role's inline policy",
    ['accounts', A, 'roles', 'Web', 'inline', 'Read'],
    ['accounts', A, 'roles', 'Web', 'inline', 'Read'],
    `Read — inline policy of role Web in ${A}`,
  ],
  [
    "a role's trust policy",
    ['accounts', A, 'roles', 'Web', 'trust', 'Statement', 0, 'Principal'],
    ['accounts', A, 'roles', 'Web', 'trust'],
    `Trust policy of role Web in ${A}`,
  ],
  [
    'a bucket policy',
    ['resources', 'arn:aws:s3:::reports', 'policy', 'Statement', 0],
    ['resources', 'arn:aws:s3:::reports', 'policy'],
    'Bucket policy of arn:aws:s3:::reports',
  ],
  [
    'a key policy',
    ['resources', 'arn:aws:kms:us-east-1:111122223333:key/k', 'policy', 'Statement'],
    ['resources', 'arn:aws:kms:us-east-1:111122223333:key/k', 'policy'],
    'Key policy of arn:aws:kms:us-east-1:111122223333:key/k',
  ],
  [
    'an organization policy',
    ['organization', 'policies', 'DenyLeave', 'Statement', 0, 'Effect'],
    ['organization', 'policies', 'DenyLeave'],
    'DenyLeave — organization policy',
  ],
  [
    "a request's session policy",
    ['requests', 2, 'sessionPolicy', 'Statement', 0],
    ['requests', 2, 'sessionPolicy'],
    'Session policy of request 3',
  ],
  [
    "an instance profile's role",
    ['accounts', A, 'instanceProfiles', 'Web', 'role'],
    [],
    'Scenario',
  ],
  ['an SCP list', ['organization', 'root', 'ous', 'Dev', 'scps'], [], 'Scenario'],
  ["a request's action", ['requests', 0, 'action'], [], 'Scenario'],
  ["a user's policy list", ['accounts', A, 'users', 'alice', 'policies', 1], [], 'Scenario'],
  ['the scenario itself', [], [], 'Scenario'],
];

describe('documentPathOf', () => {
  it.each(cases)('puts a finding in %s in its document', (_, path, document) => {
    expect(documentPathOf(path)).toEqual(document);
  });

  it.each(cases)('names, for %s, a document the editor can open', (_, path) => {
    expect(describeDocument({}, documentPathOf(path))).not.toBeNull();
  });
});

describe('findingTarget', () => {
  it('splits a path into the document to open and the element to highlight in it', () => {
    expect(findingTarget(['resources', 'arn:aws:s3:::r', 'policy', 'Statement', 0])).toEqual({
      document: ['resources', 'arn:aws:s3:::r', 'policy'],
      element: ['Statement', 0],
    });
    expect(findingTarget(['requests', 0, 'action'])).toEqual({
      document: [],
      element: ['requests', 0, 'action'],
    });
  });
});

describe('documentLabel', () => {
  it.each(cases)('names %s', (_, path, __, label) => {
    expect(documentLabel(documentPathOf(path))).toBe(label);
  });
});

describe('groupByDocument', () => {
  const at = (path: JsonPath, message: string): Finding => ({
    code: 'action-matches-no-resource',
    severity: 'warning',
    message,
    path,
    docs: { title: 't', url: 'https://docs.aws.amazon.com/' },
  });

  it('groups findings by document, in the order each document first appears', () => {
    const policy = ['accounts', A, 'policies', 'P'];
    const groups = groupByDocument([
      at([...policy, 'Statement', 0], 'one'),
      at(['requests', 0, 'action'], 'two'),
      at([...policy, 'Statement', 1], 'three'),
    ]);
    expect(groups.map((g) => [g.label, g.findings.map((f) => f.message)])).toEqual([
      [`P — customer managed policy in ${A}`, ['one', 'three']],
      ['Scenario', ['two']],
    ]);
    expect(groups[0]?.document).toEqual(policy);
    expect(new Set(groups.map((g) => g.key)).size).toBe(2);
  });

  it('has no groups without findings', () => {
    expect(groupByDocument([])).toEqual([]);
  });
});
