/**
 * The scenario format's vocabulary: which properties each kind of object may have, and the
 * expectations a request may state. Read by every part of validation (src/model/validate.ts).
 */
import { ASSUME_STEP_KEYS } from './validate-assume.ts';
import { ACL_RESOURCE_KEYS } from './s3-acl.ts';
import {
  ACCOUNT_CREDENTIAL_KEYS,
  REQUEST_CREDENTIAL_KEYS,
  USER_CREDENTIAL_KEYS,
} from './credentials.ts';
import {
  ACCOUNT_PERIMETER_KEYS,
  ORG_NODE_PERIMETER_KEYS,
  REQUEST_PERIMETER_KEYS,
  RESOURCE_PERIMETER_KEYS,
} from './validate-perimeter.ts';

export const TOP_KEYS = [
  '$schema',
  'format',
  'version',
  'title',
  'description',
  'organization',
  'accounts',
  'resources',
  'requests',
  'exercise',
];
export const ORG_KEYS = ['id', 'managementAccount', 'policies', 'root'];
export const NODE_KEYS = ['scps', 'rcps', 'accounts', 'ous', ...ORG_NODE_PERIMETER_KEYS];
export const ORG_ACCOUNT_KEYS = ['scps', 'rcps'];
export const ACCOUNT_KEYS = [
  ...['name', 'policies', 'users', 'groups', 'roles', 'instanceProfiles', 'publicAccessBlock'],
  ...ACCOUNT_CREDENTIAL_KEYS,
  ...ACCOUNT_PERIMETER_KEYS,
  'accessPoints',
];
export const USER_KEYS = [
  'path',
  'id',
  'groups',
  'policies',
  'inline',
  'boundary',
  'tags',
  ...USER_CREDENTIAL_KEYS,
];
export const GROUP_KEYS = ['path', 'policies', 'inline'];
export const ROLE_KEYS = [
  ...['path', 'id', 'trust', 'policies', 'inline', 'boundary', 'tags'],
  'maxSessionDuration',
];
export const PROFILE_KEYS = ['path', 'role'];
export const RESOURCE_KEYS = [
  'account',
  'policy',
  'tags',
  'publicAccessBlock',
  ...RESOURCE_PERIMETER_KEYS,
  ...ACL_RESOURCE_KEYS,
];
export const REQUEST_KEYS = [
  'id',
  'principal',
  'action',
  'resource',
  'context',
  'sessionPolicy',
  'policyArns',
  'expect',
  ...REQUEST_CREDENTIAL_KEYS,
  'assume',
  ...REQUEST_PERIMETER_KEYS,
];
export const EXPECTS = ['allowed', 'explicitDeny', 'implicitDeny', 'denied'];

/** The property names each object of the format allows (the JSON Schema says the same; a test checks). */
export const PROPERTY_NAMES = {
  scenario: TOP_KEYS,
  // exercise.ts checks these (loaded lazily by the worker); a test keeps both lists equal.
  exercise: ['instructions', 'goals', 'hints', 'solution', 'showSolution', 'locked'],
  organization: ORG_KEYS,
  orgNode: NODE_KEYS,
  orgAccount: ORG_ACCOUNT_KEYS,
  account: ACCOUNT_KEYS,
  user: USER_KEYS,
  group: GROUP_KEYS,
  role: ROLE_KEYS,
  instanceProfile: PROFILE_KEYS,
  resource: RESOURCE_KEYS,
  request: REQUEST_KEYS,
  assumeStep: ASSUME_STEP_KEYS,
} as const;
