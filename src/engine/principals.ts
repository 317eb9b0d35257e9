/**
 * Matching of the Principal and NotPrincipal elements (AWS pages "AWS JSON policy elements:
 * Principal" and "AWS JSON policy elements: NotPrincipal").
 */
import type { Principal } from './types.ts';

/**
 * How a statement's Principal named the caller. It matters in the same account: a policy that
 * names the user, role or session grants on its own; one that names only the account delegates
 * to the account's identity policies ("Policy evaluation logic").
 */
export type PrincipalMatchKind =
  | 'wildcard' // "*" or {"AWS": "*"}: everyone, anonymous callers included
  | 'account' // the 12-digit account id or arn:aws:iam::A:root: the account, not a person
  | 'user' // the IAM user's ARN
  | 'role' // the role's ARN (for a session of that role)
  | 'session' // the assumed-role session ARN
  | 'service' // {"Service": "ec2.amazonaws.com"}
  | 'federated' // {"Federated": provider}
  | 'canonical'; // {"CanonicalUser": id}

/** A compiled Principal or NotPrincipal element. */
export interface CompiledPrincipal {
  any: boolean;
  arns: Set<string>;
  accounts: Set<string>;
  /** Unique ids of users (AIDA…) and roles (AROA…) ("IAM identifiers": unique identifiers). */
  ids: Set<string>;
  services: Set<string>;
  federated: Set<string>;
  canonical: Set<string>;
  /** Values as written, for the trace. */
  text: string;
}

const ACCOUNT = /^\d{12}$/;
/** A user's or role's unique id, as AWS stores a Principal ARN when the policy is saved. */
export const UNIQUE_ID = /^A(IDA|ROA)[A-Z0-9]{12,128}$/;
const ROOT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

const asList = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [v]
      : [];

/** Compiles an already validated element value (`"*"` or an object of principal types). */
export function compilePrincipal(value: unknown): CompiledPrincipal {
  const p: CompiledPrincipal = {
    any: false,
    arns: new Set(),
    accounts: new Set(),
    ids: new Set(),
    services: new Set(),
    federated: new Set(),
    canonical: new Set(),
    text: JSON.stringify(value),
  };
  if (value === '*') {
    p.any = true;
    return p;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return p;
  for (const [type, raw] of Object.entries(value as Record<string, unknown>)) {
    for (const v of asList(raw)) {
      if (type === 'AWS') {
        if (v === '*') p.any = true;
        else if (ACCOUNT.test(v)) p.accounts.add(v);
        else if (UNIQUE_ID.test(v)) p.ids.add(v);
        else {
          const root = ROOT_ARN.exec(v);
          if (root) p.accounts.add(root[1] as string);
          else p.arns.add(v);
        }
      } else if (type === 'Service') {
        if (v === '*') p.any = true;
        else p.services.add(v.toLowerCase());
      } else if (type === 'Federated') p.federated.add(v);
      else if (type === 'CanonicalUser') p.canonical.add(v);
    }
  }
  return p;
}

/**
 * True when the element names the caller's user or role by its unique id. AWS saves a Principal
 * ARN as the entity's unique id, so a user or role deleted and created again under the same name
 * (a new id) no longer matches ("AWS JSON policy elements: Principal", IAM roles and users).
 */
export function isNamedById(p: CompiledPrincipal, caller: Principal): boolean {
  return caller.uniqueId !== undefined && p.ids.has(caller.uniqueId);
}

function federatedNames(caller: Principal): string[] {
  // A provider may be named by its ARN or, for web identity providers, by its host name.
  const slash = caller.arn.indexOf('provider/');
  return slash < 0 ? [caller.arn] : [caller.arn, caller.arn.slice(slash + 9)];
}

/**
 * How the element names the caller, or undefined when it does not. When several forms match,
 * the one that grants the most is returned: the caller's own ARN, then "*", then the role's ARN,
 * then the account.
 */
export function matchPrincipal(
  p: CompiledPrincipal,
  caller: Principal,
): PrincipalMatchKind | undefined {
  switch (caller.type) {
    case 'role-session':
    case 'federated-user':
      if (p.arns.has(caller.arn)) return 'session';
      break;
    case 'user':
      if (p.arns.has(caller.arn) || isNamedById(p, caller)) return 'user';
      break;
    case 'service':
      if (p.services.has((caller.serviceName ?? caller.arn).toLowerCase())) return 'service';
      break;
    case 'federated':
      for (const n of federatedNames(caller)) if (p.federated.has(n)) return 'federated';
      break;
    default:
      break;
  }
  if (p.any) return 'wildcard';
  if (caller.canonicalUser !== undefined && p.canonical.has(caller.canonicalUser))
    return 'canonical';
  if (
    caller.type === 'role-session' &&
    ((caller.roleArn !== undefined && p.arns.has(caller.roleArn)) || isNamedById(p, caller))
  )
    return 'role';
  // A federated user's IAM user named by its ARN: the grant counts as the user's, so the
  // session policy still limits it ("Policies and permissions in IAM", session policies).
  if (
    caller.type === 'federated-user' &&
    caller.userArn !== undefined &&
    p.arns.has(caller.userArn)
  )
    return 'user';
  if (
    caller.account !== undefined &&
    (caller.type === 'user' ||
      caller.type === 'role-session' ||
      caller.type === 'root' ||
      caller.type === 'federated-user')
  ) {
    if (p.accounts.has(caller.account)) return 'account';
  }
  return undefined;
}

/**
 * True when a NotPrincipal element exempts the caller. AWS evaluates a request against each
 * form of the caller's identity, so an exemption must list all of them: the user (or session)
 * ARN and its account; the root user's account; the service; the provider. Naming a role's
 * ARN alone does not exempt its sessions.
 */
export function notPrincipalExempts(p: CompiledPrincipal, caller: Principal): boolean {
  if (p.any) return true;
  switch (caller.type) {
    case 'user':
      return (
        (p.arns.has(caller.arn) || isNamedById(p, caller)) &&
        caller.account !== undefined &&
        p.accounts.has(caller.account)
      );
    case 'role-session':
      // AWS may check the account, then the role, then the session: all three must be spared
      // (AWS JSON policy elements: NotPrincipal, "IAM role in the same or different account").
      return (
        p.arns.has(caller.arn) &&
        ((caller.roleArn !== undefined && p.arns.has(caller.roleArn)) || isNamedById(p, caller)) &&
        caller.account !== undefined &&
        p.accounts.has(caller.account)
      );
    case 'federated-user':
      return (
        p.arns.has(caller.arn) && caller.account !== undefined && p.accounts.has(caller.account)
      );
    case 'root':
      return caller.account !== undefined && p.accounts.has(caller.account);
    case 'service':
      return p.services.has((caller.serviceName ?? caller.arn).toLowerCase());
    case 'federated':
      return federatedNames(caller).some((n) => p.federated.has(n));
    default:
      return caller.canonicalUser !== undefined && p.canonical.has(caller.canonicalUser);
  }
}
