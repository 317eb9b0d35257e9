/**
 * Validation of a scenario's requests: principal, action, resource, context and expectation,
 * and that the principal a request names exists in the world.
 */
import { checkAssume } from './validate-assume.ts';
import { type JsonPath, TRUST_ACTIONS } from '../engine/index.ts';
import { parseArn, parsePrincipal } from './arn.ts';
import { checkPolicyArns } from './session-policy-arns.ts';
import { contextValueProblem } from './context-values.ts';
import { isRecord } from './own.ts';
import { resourceOwner } from './owner.ts';
import { quote } from './text-caps.ts';
import { caseInsensitiveMatch, getAccount, getInstanceProfile, getRole, getUser } from './world.ts';
import { REQUEST_KEYS, EXPECTS } from './validate-keys.ts';
import { type Checker, describe } from './validate-checker.ts';

function checkContext(c: Checker, value: unknown, path: JsonPath): void {
  const context = c.object(value, path, 'context');
  if (!context) return;
  const seen = new Map<string, string>();
  for (const [key, v] of Object.entries(context)) {
    const at = [...path, key];
    if (key.length === 0)
      c.error('invalid-context-key', at, 'A condition key name cannot be empty.', true);
    const first = seen.get(key.toLowerCase());
    if (first !== undefined)
      c.error(
        'duplicate-context-key',
        at,
        `${quote(key)} and ${quote(first)} are the same condition key (key names ignore case).`,
        true,
      );
    else seen.set(key.toLowerCase(), key);
    const scalar = (x: unknown): boolean =>
      typeof x === 'string' ||
      typeof x === 'boolean' ||
      (typeof x === 'number' && Number.isFinite(x));
    const checkValue = (item: string | number | boolean, itemPath: JsonPath): void => {
      const problem = contextValueProblem(key, item);
      if (!problem) return;
      const code = problem.severity === 'error' ? 'invalid-context-value' : 'literal-context-value';
      if (problem.severity === 'error') c.error(code, itemPath, problem.message);
      else c.warning(code, itemPath, problem.message);
    };
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (!scalar(item))
          c.error(
            'wrong-type',
            [...at, i],
            `Values of ${quote(key)} must be strings, numbers or booleans, not ${describe(item)}.`,
          );
        else checkValue(item as string | number | boolean, [...at, i]);
      });
    } else if (!scalar(v)) {
      c.error(
        'wrong-type',
        at,
        `The value of ${quote(key)} must be a string, number, boolean, or an array of them, not ${describe(v)}.`,
      );
    } else checkValue(v as string | number | boolean, at);
  }
}

function checkPrincipalExists(
  c: Checker,
  text: string,
  path: JsonPath,
): ReturnType<typeof parsePrincipal> {
  const ref = parsePrincipal(text);
  if (typeof ref === 'string') {
    c.error('invalid-principal', path, ref);
    return ref;
  }
  if (ref.kind === 'service' || ref.kind === 'anonymous') return ref;
  const account = getAccount(c.scenario, ref.account);
  if (!account) {
    c.error(
      'unknown-account',
      path,
      `Account ${ref.account} is not in the scenario's "accounts"; add it there (an empty {} is enough).`,
    );
    return ref;
  }
  const missing = (what: string, record: unknown, name: string): void => {
    const near = caseInsensitiveMatch(record, name);
    c.error(
      `unknown-${what.replace(' ', '-')}`,
      path,
      `Account ${ref.account} has no ${what} ${quote(name)}.${near ? ` Did you mean ${quote(near)}?` : ''}`,
    );
  };
  const checkPath = (what: string, actual: unknown, given: string, name: string): void => {
    const expected = typeof actual === 'string' ? actual : '/';
    if (expected !== given) {
      c.error(
        'wrong-path',
        path,
        `The ${what} ${name} has path ${quote(expected)}, so its ARN is arn:aws:iam::${ref.account}:${what === 'instance profile' ? 'instance-profile' : what}${expected}${name}.`,
      );
    }
  };
  switch (ref.kind) {
    case 'user': {
      const user = getUser(account, ref.name);
      if (!user) missing('user', account.users, ref.name);
      else checkPath('user', user.path, ref.path, ref.name);
      break;
    }
    case 'role': {
      const role = getRole(account, ref.name);
      if (!role) missing('role', account.roles, ref.name);
      else checkPath('role', role.path, ref.path, ref.name);
      break;
    }
    case 'assumed-role':
      if (!getRole(account, ref.name)) missing('role', account.roles, ref.name);
      if (!/^[\w+=,.@-]{2,64}$/.test(ref.sessionName))
        c.error(
          'invalid-session-name',
          path,
          `${quote(ref.sessionName)} is not a valid session name: 2 to 64 letters, digits and + = , . @ _ -.`,
        );
      break;
    case 'instance-profile': {
      const profile = getInstanceProfile(account, ref.name);
      if (!profile) missing('instance profile', account.instanceProfiles, ref.name);
      else checkPath('instance profile', profile.path, ref.path, ref.name);
      break;
    }
    default:
      break;
  }
  return ref;
}

export function checkRequests(c: Checker, value: unknown): void {
  if (!Array.isArray(value)) {
    c.error('wrong-type', ['requests'], `"requests" must be an array, not ${describe(value)}.`);
    return;
  }
  const ids = new Map<string, number>();
  value.forEach((item, index) => {
    const path: JsonPath = ['requests', index];
    const request = c.object(item, path, `request ${index}`, REQUEST_KEYS);
    if (!request) return;
    if (Object.hasOwn(request, 'id') && c.string(request.id, [...path, 'id'], 'The request id')) {
      const first = ids.get(request.id);
      if (first !== undefined)
        c.error(
          'duplicate-request-id',
          [...path, 'id'],
          `Request id ${quote(request.id)} is already used by request ${first}; ids must be unique.`,
        );
      else ids.set(request.id, index);
    }
    for (const key of ['principal', 'action', 'resource']) {
      if (!Object.hasOwn(request, key))
        c.error('missing-property', path, `Request ${index} needs "${key}".`);
    }
    let principal: ReturnType<typeof parsePrincipal> | undefined;
    if (
      Object.hasOwn(request, 'principal') &&
      c.string(request.principal, [...path, 'principal'], 'The principal')
    ) {
      principal = checkPrincipalExists(c, request.principal, [...path, 'principal']);
    }
    let action: string | undefined;
    if (
      Object.hasOwn(request, 'action') &&
      c.string(request.action, [...path, 'action'], 'The action')
    ) {
      const problem = requestActionProblem(request.action);
      if (problem) c.error('invalid-action', [...path, 'action'], problem);
      else action = request.action.toLowerCase();
    }
    let resource: string | undefined;
    if (
      Object.hasOwn(request, 'resource') &&
      c.string(request.resource, [...path, 'resource'], 'The resource')
    ) {
      const problem = requestResourceProblem(request.resource);
      if (problem) c.error('invalid-arn', [...path, 'resource'], problem);
      else resource = request.resource;
    }
    if (Object.hasOwn(request, 'context')) checkContext(c, request.context, [...path, 'context']);
    if (
      Object.hasOwn(request, 'expect') &&
      c.string(request.expect, [...path, 'expect'], 'expect') &&
      !EXPECTS.includes(request.expect)
    ) {
      c.error(
        'invalid-expect',
        [...path, 'expect'],
        `${quote(request.expect)} is not a decision: use ${EXPECTS.map((e) => `"${e}"`).join(', ')}.`,
      );
    }
    if (Object.hasOwn(request, 'assume')) {
      checkAssume(c, request.assume, [...path, 'assume'], principal, {
        context: checkContext,
        principal: checkPrincipalExists,
      });
      if (Object.hasOwn(request, 'sessionPolicy') && request.sessionPolicy !== null)
        c.error(
          'session-policy-not-allowed',
          [...path, 'sessionPolicy'],
          'With "assume", the session that makes the request is the last STS call\'s: give its session policy there ("sessionPolicy" of the last entry of "assume").',
        );
    } else if (Object.hasOwn(request, 'sessionPolicy') && request.sessionPolicy !== null) {
      const at = [...path, 'sessionPolicy'];
      if (!isRecord(request.sessionPolicy))
        c.error(
          'wrong-type',
          at,
          `The session policy must be a policy document (an object) or null, not ${describe(request.sessionPolicy)}.`,
        );
      else if (principal && typeof principal !== 'string') {
        if (principal.kind === 'role' || principal.kind === 'assumed-role')
          c.documents.push({ path: at, kind: 'session' });
        else if (principal.kind === 'oidc-provider' || principal.kind === 'saml-provider') {
          c.warning(
            'session-policy-ignored',
            at,
            'A session policy passed to AssumeRoleWithWebIdentity or AssumeRoleWithSAML limits the session it creates, not the call itself; it has no effect on this request.',
          );
        } else {
          c.error(
            'session-policy-not-allowed',
            at,
            `Only role sessions have session policies; this principal is ${principal.kind === 'instance-profile' ? 'an instance profile, whose session EC2 creates without one' : `a ${principal.kind}`}.`,
          );
        }
      }
    }
    if (Object.hasOwn(request, 'policyArns')) {
      const at = [...path, 'policyArns'];
      if (Object.hasOwn(request, 'assume'))
        c.error(
          'session-policy-not-allowed',
          at,
          'With "assume", the session that makes the request is the last STS call\'s: give its managed session policies there ("policyArns" of the last entry of "assume").',
        );
      else if (
        principal &&
        typeof principal !== 'string' &&
        (principal.kind === 'role' || principal.kind === 'assumed-role')
      )
        checkPolicyArns(c, request.policyArns, at, request.sessionPolicy, principal.account);
      else if (principal && typeof principal !== 'string')
        c.error(
          'session-policy-not-allowed',
          at,
          `Only role sessions have session policies; this principal is a ${principal.kind}.`,
        );
    }
    if (principal && typeof principal !== 'string' && resource !== undefined) {
      if (
        (principal.kind === 'anonymous' || principal.kind === 'service') &&
        resourceOwner(c.scenario, resource).account === undefined
      ) {
        c.error(
          'unknown-resource-owner',
          [...path, 'resource'],
          `The owner account of ${resource === '*' ? 'resource "*"' : resource} is unknown, and ${principal.kind === 'anonymous' ? 'an anonymous caller' : 'a service principal'} has no account of its own to assume. Add the resource under "resources" with its "account".`,
        );
      }
    }
    if (action && resource && TRUST_ACTIONS.has(action)) {
      const arn = parseArn(resource);
      if (arn?.service === 'iam' && arn.resource.startsWith('role/')) {
        const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
        const account = getAccount(c.scenario, arn.account);
        if (!account) {
          c.error(
            'unknown-account',
            [...path, 'resource'],
            `Account ${arn.account} is not in the scenario's "accounts", so role ${name} and its trust policy are unknown.`,
          );
        } else {
          const role = getRole(account, name);
          if (!role) {
            const near = caseInsensitiveMatch(account.roles, name);
            c.error(
              'unknown-role',
              [...path, 'resource'],
              `Account ${arn.account} has no role ${quote(name)} to assume.${near ? ` Did you mean ${quote(near)}?` : ''}`,
            );
          } else {
            const rolePath = typeof role.path === 'string' ? role.path : '/';
            const expected = `arn:${arn.partition}:iam::${arn.account}:role${rolePath}${name}`;
            if (resource !== expected) {
              c.error(
                'wrong-path',
                [...path, 'resource'],
                `Role ${name} has path ${quote(rolePath)}, so its ARN is ${expected}.`,
              );
            }
          }
        }
      }
    }
  });
}

/** Why a request's action cannot be asked about (a request names one action, no wildcards), or null. */
export function requestActionProblem(action: string): string | null {
  return /^[A-Za-z0-9-]+:[A-Za-z0-9-]+$/.test(action)
    ? null
    : `${quote(action)} is not an action: write service:Action, e.g. "s3:GetObject" (a request names one action, so no wildcards).`;
}

/** Why a request's resource cannot be asked about (it must be an ARN or "*"), or null. */
export function requestResourceProblem(resource: string): string | null {
  return resource === '*' || parseArn(resource)
    ? null
    : `${quote(resource)} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) or "*".`;
}
