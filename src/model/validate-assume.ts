/**
 * Validation of a request's `assume` (multi-step requests, chain.ts): the shape of each hop,
 * with AWS's limits on the STS call's parameters (AssumeRole and GetFederationToken in the AWS
 * STS API Reference: session names, source identity, up to 50 session tags with keys of 1 to 128
 * characters and values of at most 256 (the `tags` check every tag map shares), at most 50
 * transitive keys, DurationSeconds).
 */
import type { JsonPath } from '../engine/index.ts';
import type { PrincipalRef } from './arn.ts';
import { checkPolicyArns } from './session-policy-arns.ts';
import { SESSION_TAG_LIMITS } from './session-tags.ts';
import type { Checker } from './validate-checker.ts';

export const ASSUME_STEP_KEYS = [
  'role',
  'federatedUser',
  'sessionName',
  'tags',
  'transitiveTagKeys',
  'sourceIdentity',
  'sessionPolicy',
  'policyArns',
  'durationSeconds',
  'context',
];

/** What the request validator lends: its checks of a context and of a principal ARN. */
export interface AssumeCheckers {
  context(c: Checker, value: unknown, path: JsonPath): void;
  principal(c: Checker, text: string, path: JsonPath): PrincipalRef | string;
}

const STS_NAME = /^[\w+=,.@-]+$/;
const MAX_SESSION_TAGS = SESSION_TAG_LIMITS.tags;
const MAX_TRANSITIVE_KEYS = SESSION_TAG_LIMITS.transitiveKeys;

function name(c: Checker, value: unknown, path: JsonPath, what: string, min: number, max: number) {
  if (!c.string(value, path, what)) return;
  if (value.length < min || value.length > max || !STS_NAME.test(value))
    c.error(
      'invalid-session-name',
      path,
      `"${value}" is not a valid ${what}: ${min} to ${max} letters, digits and + = , . @ _ -.`,
    );
}

/** Checks `assume`; `principal` is the request's parsed principal, when it parsed. */
export function checkAssume(
  c: Checker,
  value: unknown,
  path: JsonPath,
  principal: PrincipalRef | string | undefined,
  checkers: AssumeCheckers,
): void {
  if (!Array.isArray(value)) {
    c.error('wrong-type', path, `"assume" must be an array of STS calls, not ${typeof value}.`);
    return;
  }
  value.forEach((item, i) => {
    const at = [...path, i];
    const hop = c.object(item, at, `STS call ${i} of "assume"`, ASSUME_STEP_KEYS);
    if (!hop) return;
    const hasRole = Object.hasOwn(hop, 'role');
    const hasUser = Object.hasOwn(hop, 'federatedUser');
    if (hasRole === hasUser)
      c.error(
        'invalid-assume-step',
        at,
        `STS call ${i} needs exactly one of "role" (AssumeRole into that role) and "federatedUser" (GetFederationToken).`,
      );
    if (hasRole && c.string(hop.role, [...at, 'role'], 'The role to assume')) {
      const ref = checkers.principal(c, hop.role, [...at, 'role']);
      if (typeof ref === 'object' && ref.kind !== 'role')
        c.error(
          'invalid-assume-step',
          [...at, 'role'],
          `"${hop.role}" is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME).`,
        );
    }
    if (hasUser) name(c, hop.federatedUser, [...at, 'federatedUser'], 'federated user name', 2, 32);
    if (Object.hasOwn(hop, 'sessionName'))
      name(c, hop.sessionName, [...at, 'sessionName'], 'session name', 2, 64);
    if (Object.hasOwn(hop, 'sourceIdentity'))
      name(c, hop.sourceIdentity, [...at, 'sourceIdentity'], 'source identity', 2, 64);
    if (Object.hasOwn(hop, 'tags')) {
      c.tags(hop, at);
      const count = Object.keys((hop.tags as object | null) ?? {}).length;
      if (count > MAX_SESSION_TAGS)
        c.error(
          'too-many-session-tags',
          [...at, 'tags'],
          `STS call ${i} passes ${count} session tags; AWS takes at most ${MAX_SESSION_TAGS}.`,
        );
    }
    if (Object.hasOwn(hop, 'transitiveTagKeys')) {
      const keys = c.stringList(
        hop.transitiveTagKeys,
        [...at, 'transitiveTagKeys'],
        '"transitiveTagKeys"',
      );
      if (keys.length > MAX_TRANSITIVE_KEYS)
        c.error(
          'too-many-session-tags',
          [...at, 'transitiveTagKeys'],
          `STS call ${i} marks ${keys.length} tag keys transitive; AWS takes at most ${MAX_TRANSITIVE_KEYS}.`,
        );
      // The index in the array as written (a non-string entry is reported by stringList).
      (Array.isArray(hop.transitiveTagKeys) ? hop.transitiveTagKeys : []).forEach((key, k) => {
        if (typeof key !== 'string') return;
        if (key.length === 0 || key.length > SESSION_TAG_LIMITS.keyLength)
          c.error(
            'invalid-tag',
            [...at, 'transitiveTagKeys', k],
            `Transitive tag key "${key.slice(0, 40)}${key.length > 40 ? '…' : ''}" is not 1 to ${SESSION_TAG_LIMITS.keyLength} characters long, as a session tag key must be.`,
          );
      });
    }
    if (Object.hasOwn(hop, 'durationSeconds')) {
      const d = hop.durationSeconds;
      const max = hasUser ? 129600 : 43200;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 900 || d > max)
        c.error(
          'invalid-duration',
          [...at, 'durationSeconds'],
          `"durationSeconds" is a whole number of seconds from 900 to ${max}.`,
        );
    }
    if (Object.hasOwn(hop, 'context')) checkers.context(c, hop.context, [...at, 'context']);
    if (Object.hasOwn(hop, 'policyArns')) {
      // The policies must be in the role's account (AssumeRole) or the calling user's
      // (GetFederationToken, known here only for the first call).
      const account = hasRole
        ? /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(String(hop.role))?.[1]
        : i === 0 && typeof principal === 'object' && 'account' in principal
          ? principal.account
          : undefined;
      checkPolicyArns(c, hop.policyArns, [...at, 'policyArns'], hop.sessionPolicy, account);
    }
    if (Object.hasOwn(hop, 'sessionPolicy') && hop.sessionPolicy !== null) {
      if (typeof hop.sessionPolicy !== 'object' || Array.isArray(hop.sessionPolicy))
        c.error(
          'wrong-type',
          [...at, 'sessionPolicy'],
          'The session policy must be a policy document (an object) or null.',
        );
      else c.documents.push({ path: [...at, 'sessionPolicy'], kind: 'session' });
    }
  });
}
