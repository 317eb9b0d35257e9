/**
 * Multi-step requests: the STS calls a request's `assume` makes before the request itself
 * ("alice assumes role X in account B, then reads the bucket"). Each hop is decided by the
 * engine as the caller of that hop — the trust policy and the caller's identity side — with
 * `sts:TagSession` and `sts:SetSourceIdentity` decided too when the call passes tags or a source
 * identity; the session it makes calls the next hop, and the last session makes the request.
 *
 * AWS pages: "Methods to assume a role" and "Roles terms and concepts" (role chaining: a chained
 * session lasts at most one hour), "Pass session tags in AWS STS", "Chaining roles with session
 * tags", "Monitor and control actions taken with assumed roles", "Permissions for
 * GetFederationToken" (a federated user has its IAM user's policies intersected with the session
 * policy; with none passed, only resource-based policies naming it grant anything).
 */
import type { ContextValue, EvaluationInput, JsonPath, PolicySource } from '../engine/index.ts';
import { parseArn } from './arn.ts';
import type { AssumeStep } from './scenario-types.ts';
import { passedSessionPolicies, type PolicyReferenceResolver } from './session-policy-arns.ts';
import {
  callContext,
  needsSetSourceIdentity,
  NO_CARRY,
  nextCarry,
  passedSessionProblem,
  passesTags,
  principalTagsOf,
  type PassedSession,
  type SessionCarry,
} from './session-tags.ts';

/** A principal with what it acts with (resolve.ts builds them). */
export interface ChainPrincipal {
  principal: EvaluationInput['request']['principal'];
  identityPolicies: PolicySource[];
  boundary?: PolicySource;
  tags?: Record<string, string>;
  sourceIdentity?: string;
}

/** A call decided before the request (an instance profile's or a hop's). */
export interface ChainStepInput {
  title: string;
  input: EvaluationInput;
  /** Why the chain stops when this step is not allowed. */
  failure: string;
  /** The stop trace's title; absent: an instance profile's step. */
  stage?: string;
}

/** What resolve.ts lends the chain: sessions of roles, and engine inputs. */
export interface ChainWorld {
  /** A fresh session of the role with this ARN (its own policies and tags). */
  roleSession(roleArn: string, sessionName: string, path: JsonPath): ChainPrincipal;
  /** A managed policy passed as a session policy (PolicyArns), resolved in `account`. */
  managedPolicy: PolicyReferenceResolver;
  /** The role's MaxSessionDuration in seconds, when the world says it. */
  maxSessionDuration?(roleArn: string): number | undefined;
  /** The engine input for `who` performing `action` on `resource`. */
  input(
    who: ChainPrincipal,
    action: string,
    resource: string,
    context: Record<string, ContextValue>,
    sessionPolicies: PolicySource[] | undefined,
    notes: string[],
  ): EvaluationInput;
}

export interface ResolvedChain {
  steps: ChainStepInput[];
  /** The session that makes the request, unless a hop cannot be made (then `stop`). */
  last?: { who: ChainPrincipal; sessionPolicies?: PolicySource[]; notes: string[] };
  stop?: { reason: string; toAllow: string[] };
}

/** AWS's limit for a chained role session ("Roles terms and concepts": role chaining). */
export const CHAINED_SESSION_LIMIT_SECONDS = 3600;

const ALLOW_ALL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
const NO_PERMISSIONS = { Version: '2012-10-17', Statement: [] as unknown[] };

function nameOf(who: ChainPrincipal): string {
  const p = who.principal;
  if (p.type === 'role-session' || p.type === 'federated-user') return p.sessionName ?? 'session';
  if (p.type === 'federated') return p.arn.includes(':saml-provider/') ? 'saml' : 'web-identity';
  if (p.type === 'root') return 'root';
  return p.arn.slice(p.arn.lastIndexOf('/') + 1);
}

function describeWho(who: ChainPrincipal): string {
  const p = who.principal;
  if (p.type === 'role-session') return `role session ${p.arn}`;
  if (p.type === 'federated') return `identity provider ${p.arn}`;
  return p.arn;
}

function passedOf(hop: AssumeStep): PassedSession {
  const passed: PassedSession = {
    tags: hop.tags ?? {},
    transitiveTagKeys: hop.transitiveTagKeys ?? [],
  };
  if (hop.sourceIdentity !== undefined) passed.sourceIdentity = hop.sourceIdentity;
  return passed;
}

/** The session policies a call passes, inline and managed (`account`: where PolicyArns live). */
function hopSessionPolicies(
  world: ChainWorld,
  hop: AssumeStep,
  hopPath: JsonPath,
  label: string,
  account: string,
): PolicySource[] | undefined {
  return passedSessionPolicies(
    hop.sessionPolicy,
    [...hopPath, 'sessionPolicy'],
    `of ${label.toLowerCase()}`,
    hop.policyArns,
    [...hopPath, 'policyArns'],
    account,
    world.managedPolicy,
  );
}

/** The action that makes a role session for this caller. */
function assumeAction(who: ChainPrincipal): string {
  if (who.principal.type !== 'federated') return 'sts:AssumeRole';
  return who.principal.arn.includes(':saml-provider/')
    ? 'sts:AssumeRoleWithSAML'
    : 'sts:AssumeRoleWithWebIdentity';
}

/**
 * Resolves the hops of `assume` from `start`. Policy decisions are left to the engine (each
 * step's input); what fails before any policy is read (a clashing transitive tag, a changed
 * source identity, a chained session over one hour) stops the chain at that hop.
 */
export function resolveChain(
  world: ChainWorld,
  start: ChainPrincipal,
  hops: readonly AssumeStep[],
  path: JsonPath,
): ResolvedChain {
  const steps: ChainStepInput[] = [];
  let who = start;
  let carry: SessionCarry = NO_CARRY;
  let sessionPolicies: PolicySource[] | undefined;
  let notes: string[] = [];
  for (const [i, hop] of hops.entries()) {
    const hopPath = [...path, 'assume', i];
    const label = `Hop ${i + 1} of ${hops.length}`;
    const passed = passedOf(hop);
    const caller = who.principal;
    const problem = passedSessionProblem(carry, passed);
    if (problem) return { steps, stop: { reason: `${label}: ${problem}`, toAllow: [] } };

    if (hop.federatedUser !== undefined) {
      // GetFederationToken: the IAM user's (or root user's) own call, on the federated user.
      const account = caller.account ?? '';
      const partition = parseArn(caller.arn)?.partition ?? 'aws';
      const arn = `arn:${partition}:sts::${account}:federated-user/${hop.federatedUser}`;
      const context = { ...callContext(carry, passed, undefined), ...(hop.context ?? {}) };
      const actions = ['sts:GetFederationToken', ...(passesTags(passed) ? ['sts:TagSession'] : [])];
      for (const action of actions) {
        steps.push({
          title: `${label}: ${describeWho(who)} calls ${action} for federated user ${hop.federatedUser}`,
          input: world.input(who, action, arn, context, sessionPolicies, []),
          failure: `${label} stopped the request: ${describeWho(who)} may not perform ${action} for federated user ${hop.federatedUser}, so the federated user session is never made.`,
          stage: 'Multi-step request',
        });
      }
      // The root user may do anything in its account; its federated user is limited by the
      // session policy alone.
      const identityPolicies =
        caller.type === 'root'
          ? [
              {
                id: hopPath,
                name: "the root user's full access to its account (implied)",
                kind: 'identity' as const,
                document: ALLOW_ALL,
              },
            ]
          : who.identityPolicies;
      who = {
        principal: {
          type: 'federated-user',
          arn,
          account,
          sessionName: hop.federatedUser,
          ...(caller.type === 'user' ? { userArn: caller.arn } : {}),
        },
        identityPolicies,
        ...(who.boundary ? { boundary: who.boundary } : {}),
        tags: principalTagsOf(who.tags ?? {}, NO_CARRY, passed),
      };
      sessionPolicies = hopSessionPolicies(world, hop, hopPath, label, account) ?? [
        {
          id: hopPath,
          name: `(none passed at ${label.toLowerCase()}: without one, a federated user has no permissions from its user's policies)`,
          kind: 'session',
          document: NO_PERMISSIONS,
        },
      ];
      carry = NO_CARRY;
      notes = [
        `The request is made by federated user ${hop.federatedUser}, from GetFederationToken at ${label.toLowerCase()}: its permissions are its IAM user's policies intersected with the session policy ("Permissions for GetFederationToken").`,
      ];
      continue;
    }

    const roleArn = hop.role ?? '';
    const chained = caller.type === 'role-session';
    if (chained && (hop.durationSeconds ?? 0) > CHAINED_SESSION_LIMIT_SECONDS) {
      return {
        steps,
        stop: {
          reason: `${label}: a role session assuming another role is role chaining, which limits the new session to one hour, and this call asks for ${hop.durationSeconds} seconds; AWS fails the call ("Roles terms and concepts": role chaining).`,
          toAllow: [
            `Ask for at most ${CHAINED_SESSION_LIMIT_SECONDS} seconds at ${label.toLowerCase()}.`,
          ],
        },
      };
    }
    // IAM API Reference, AssumeRole (DurationSeconds) and CreateRole (MaxSessionDuration): a
    // longer session than the role's maximum fails the call with a ValidationError.
    const max = world.maxSessionDuration?.(roleArn);
    if (max !== undefined && (hop.durationSeconds ?? 0) > max) {
      return {
        steps,
        stop: {
          reason: `${label}: the call asks for ${hop.durationSeconds} seconds, more than the MaxSessionDuration of ${roleArn} (${max} seconds); AWS fails it (ValidationError: the requested DurationSeconds exceeds the MaxSessionDuration set for this role).`,
          toAllow: [
            `Ask for at most ${max} seconds at ${label.toLowerCase()}, or raise the role's maxSessionDuration (up to 43200).`,
          ],
        },
      };
    }
    const sessionName = hop.sessionName ?? nameOf(who);
    const context = { ...callContext(carry, passed, sessionName), ...(hop.context ?? {}) };
    const main = assumeAction(who);
    const actions = [
      main,
      ...(passesTags(passed) ? ['sts:TagSession'] : []),
      ...(needsSetSourceIdentity(carry, passed) ? ['sts:SetSourceIdentity'] : []),
    ];
    for (const action of actions) {
      const why =
        action === 'sts:TagSession'
          ? ' (it passes session tags)'
          : action === 'sts:SetSourceIdentity'
            ? carry.sourceIdentity !== undefined
              ? ' (the calling session carries a source identity)'
              : ' (it sets a source identity)'
            : '';
      steps.push({
        title: `${label}: ${describeWho(who)} calls ${action} on ${roleArn}${why}`,
        input: world.input(who, action, roleArn, context, sessionPolicies, [
          ...(chained
            ? [
                `Role chaining: a role session assumes ${roleArn}; the new session lasts at most one hour.`,
              ]
            : []),
        ]),
        failure: `${label} stopped the request: ${describeWho(who)} may not perform ${action} on ${roleArn}${why}, so the session is never made and nothing after it happens.`,
        stage: 'Multi-step request',
      });
    }
    const session = world.roleSession(roleArn, sessionName, [...hopPath, 'role']);
    const sourceIdentity = carry.sourceIdentity ?? passed.sourceIdentity;
    who = {
      ...session,
      tags: principalTagsOf(session.tags ?? {}, carry, passed),
      ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    };
    // PolicyArns name policies of the role's account ("PolicyArns" of AssumeRole).
    sessionPolicies = hopSessionPolicies(
      world,
      hop,
      hopPath,
      label,
      parseArn(roleArn)?.account ?? '',
    );
    carry = nextCarry(carry, passed);
    notes = [
      `The request is made by ${who.principal.arn}, the session made at ${label.toLowerCase()}${chained ? ' by role chaining (at most one hour)' : ''}.`,
      ...(Object.keys(carry.transitive).length > 0
        ? [
            `Transitive session tags carried on: ${Object.entries(carry.transitive)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}.`,
          ]
        : []),
    ];
  }
  return { steps, last: { who, ...(sessionPolicies ? { sessionPolicies } : {}), notes } };
}
