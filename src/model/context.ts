/**
 * The condition keys AWS derives from a request, per kind of principal, following AWS's page
 * of global condition context keys. docs/scenario-format-notes.md lists them exactly.
 *
 * Keys AWS fills in only when the caller or the network supplies them (aws:SourceIp,
 * aws:RequestedRegion, aws:SourceVpc, aws:MultiFactorAuthAge, aws:SourceArn, ...) are never
 * derived: a request's `context` gives them, or they are absent.
 */
import type { ContextValue, Principal } from '../engine/index.ts';

export interface DerivationInput {
  principal: Principal;
  /** Tags of the principal: its user's or role's, with session tags over them (session-tags.ts). */
  principalTags?: Record<string, string>;
  /** The source identity of a role session (set once in a chain, session-tags.ts). */
  sourceIdentity?: string;
  /** The organization id, when the principal's account is in the organization. */
  principalOrgId?: string;
  resourceAccount?: string;
  resourceOrgId?: string;
  resourceTags?: Record<string, string>;
  /**
   * The key prefix for the resource's tags: `aws:ResourceTag/` (default), or
   * `s3:ExistingObjectTag/` for S3 objects, whose tags AWS exposes under that key instead.
   */
  resourceTagPrefix?: string;
  /** The clock: aws:CurrentTime, aws:EpochTime and aws:TokenIssueTime read it. */
  now: Date;
}

/** AWS's unique-id prefixes: AIDA for users, AROA for roles. */
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A user's or role's ARN without its path: `arn:aws:iam::A:user/eng/bob` → `…:user/bob`. */
const IAM_PATH = /^(arn:[^:]*:iam::[^:]*:(?:user|role)\/)(?:[^#]*\/)?([^/]*)$/;

/**
 * A stable, made-up unique id in AWS's shape (prefix + 17 characters), so `aws:userid` and
 * `${aws:userid}` have realistic values when the world gives no `id`. The same ARN always gives
 * the same id, and the path does not count: AWS keeps an entity's id when its path changes
 * ("Rename an IAM user"), so a path edited by hand in the world keeps the id too.
 */
export function pseudoUniqueId(prefix: 'AIDA' | 'AROA', arn: string): string {
  const source = arn.replace(IAM_PATH, '$1$2');
  // FNV-1a, re-seeded per character position, spread over base32 letters.
  let out = '';
  let hash = 0x811c9dc5;
  for (let i = 0; out.length < 17; i++) {
    for (let j = 0; j < source.length; j++) {
      hash ^= source.charCodeAt(j) + i;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += ID_ALPHABET[hash >>> 27]; // the top bits: FNV mixes its low bits poorly
  }
  return prefix + out;
}

/** ISO 8601 in UTC without milliseconds, as AWS writes aws:CurrentTime. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The ARN of the role behind a role session, without a session name. */
function roleIdSource(principal: Principal): string {
  return principal.roleArn ?? principal.arn;
}

/** The keys AWS puts in the request context for this request, before the scenario's own `context`. */
export function deriveContext(input: DerivationInput): Record<string, ContextValue> {
  const { principal, now } = input;
  // "Always included" (each key's Availability line on AWS's page "AWS global condition
  // context keys"). aws:ViaAWSService is false: the program models no forward access sessions.
  const context: Record<string, ContextValue> = {
    'aws:CurrentTime': isoSeconds(now),
    'aws:EpochTime': Math.floor(now.getTime() / 1000),
    'aws:SecureTransport': true,
    'aws:ViaAWSService': false,
  };
  const signed =
    principal.type === 'user' ||
    principal.type === 'role-session' ||
    principal.type === 'federated-user' ||
    principal.type === 'root';
  if (signed) {
    context['aws:PrincipalArn'] =
      principal.type === 'role-session' ? roleIdSource(principal) : principal.arn;
    if (principal.account !== undefined) context['aws:PrincipalAccount'] = principal.account;
    context['aws:PrincipalIsAWSService'] = false;
    if (input.principalOrgId !== undefined) context['aws:PrincipalOrgID'] = input.principalOrgId;
    for (const [key, value] of Object.entries(input.principalTags ?? {}))
      context[`aws:PrincipalTag/${key}`] = value;
  }
  switch (principal.type) {
    case 'user':
      context['aws:PrincipalType'] = 'User';
      context['aws:username'] = principal.arn.slice(principal.arn.lastIndexOf('/') + 1);
      context['aws:userid'] = principal.uniqueId ?? pseudoUniqueId('AIDA', principal.arn);
      break;
    case 'role-session':
      context['aws:PrincipalType'] = 'AssumedRole';
      context['aws:userid'] =
        `${principal.uniqueId ?? pseudoUniqueId('AROA', roleIdSource(principal))}:${principal.sessionName ?? 'session'}`;
      // Temporary credentials: AWS includes these two; the session was made without MFA.
      context['aws:TokenIssueTime'] = isoSeconds(now);
      context['aws:MultiFactorAuthPresent'] = false;
      break;
    case 'federated-user':
      // "Global condition context keys" (aws:PrincipalType, aws:userid): FederatedUser, and
      // ACCOUNT:NAME for a GetFederationToken session; no aws:username.
      context['aws:PrincipalType'] = 'FederatedUser';
      context['aws:userid'] = `${principal.account ?? ''}:${principal.sessionName ?? ''}`;
      context['aws:TokenIssueTime'] = isoSeconds(now);
      context['aws:MultiFactorAuthPresent'] = false;
      break;
    case 'root':
      context['aws:PrincipalType'] = 'Account';
      if (principal.account !== undefined) context['aws:userid'] = principal.account;
      break;
    case 'service':
      context['aws:PrincipalIsAWSService'] = true;
      if (principal.serviceName !== undefined) {
        context['aws:PrincipalServiceName'] = principal.serviceName;
        context['aws:PrincipalServiceNamesList'] = [principal.serviceName];
      }
      break;
    case 'anonymous':
      // aws:PrincipalAccount, aws:PrincipalType and aws:userid are in every request, anonymous
      // ones included, and the page gives "anonymous" as the account of an anonymous request.
      context['aws:PrincipalAccount'] = 'anonymous';
      context['aws:PrincipalType'] = 'Anonymous';
      context['aws:userid'] = 'anonymous';
      break;
    case 'federated':
      // An AssumeRoleWithWebIdentity/SAML call is not signed with AWS credentials: the
      // provider's claims (e.g. token.actions.githubusercontent.com:sub) come from `context`.
      // aws:FederatedProvider is in the trust policy's context when an OIDC provider calls
      // AssumeRoleWithWebIdentity: the provider's ARN, or the bare name of a provider built
      // into AWS (Amazon Cognito's cognito-identity.amazonaws.com).
      if (principal.arn.includes(':oidc-provider/')) {
        const host = principal.arn.slice(principal.arn.indexOf(':oidc-provider/') + 15);
        context['aws:FederatedProvider'] =
          host === 'cognito-identity.amazonaws.com' ? host : principal.arn;
      }
      break;
  }
  // "Monitor and control actions taken with assumed roles": once set, the source identity is in
  // every request the session makes (aws:SourceIdentity).
  if (input.sourceIdentity !== undefined) context['aws:SourceIdentity'] = input.sourceIdentity;
  if (input.resourceAccount !== undefined) context['aws:ResourceAccount'] = input.resourceAccount;
  if (input.resourceOrgId !== undefined) context['aws:ResourceOrgID'] = input.resourceOrgId;
  const tagPrefix = input.resourceTagPrefix ?? 'aws:ResourceTag/';
  for (const [key, value] of Object.entries(input.resourceTags ?? {}))
    context[`${tagPrefix}${key}`] = value;
  return context;
}

/**
 * The scenario's `context` over the derived keys: a given key replaces the derived key of the
 * same name in any letter case, and keeps the spelling it was given.
 */
export function mergeContext(
  derived: Record<string, ContextValue>,
  given: Record<string, ContextValue> | undefined,
): Record<string, ContextValue> {
  const result: Record<string, ContextValue> = {};
  const givenLower = new Set(Object.keys(given ?? {}).map((k) => k.toLowerCase()));
  for (const [key, value] of Object.entries(derived)) {
    if (!givenLower.has(key.toLowerCase())) result[key] = value;
  }
  for (const [key, value] of Object.entries(given ?? {})) {
    Object.defineProperty(result, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}
