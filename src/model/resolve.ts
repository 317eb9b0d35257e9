/**
 * Resolution: turns one request of a scenario into the engine's `EvaluationInput` — who the
 * principal is, which identity policies, boundary, session policies, resource-based policy,
 * SCPs and RCPs apply, and the full request context.
 *
 * An instance profile is a chain: EC2 must first be allowed to assume the profile's role (a
 * request of its own, decided by the engine), then the request is decided as that role's session.
 */
import {
  type ContextValue,
  type EvaluationInput,
  type JsonPath,
  type KmsGrant,
  type PolicyLevel,
  type PolicySource,
  type Principal,
  type ResourceLayer,
  type S3BucketSettings,
  type S3AclInput,
  TRUST_ACTIONS,
} from '../engine/index.ts';
import type { ManagedPolicyCatalog } from '../data/managed-policies.ts';
import {
  bucketOf,
  isBucketOrObjectArn,
  iamArn,
  parseArn,
  parsePrincipal,
  type PrincipalRef,
} from './arn.ts';
import { resolveChain, type ChainStepInput, type ChainWorld, type ResolvedChain } from './chain.ts';
import { deriveContext, mergeContext } from './context.ts';
import { entityUniqueId } from './world/index.ts';
import { bucketSettings } from './s3-settings.ts';
import { aclInput } from './s3-acl.ts';
import { passedSessionPolicies } from './session-policy-arns.ts';
import {
  accessPointContext,
  accessPointPolicy,
  bucketLayer,
  findAccessPoint,
  parseAccessPointArn,
  underlyingArn,
} from './access-points.ts';
import { authenticationFailure, withSignInContext, type SignIn } from './credentials.ts';
import { placeAccounts, rcpLevels, scpLevels } from './organization.ts';
import { orgPathOf } from './org-paths.ts';
import {
  awsManagedKeyPolicy,
  grantsOf,
  isAwsManaged,
  isKeyArn,
  kmsContext,
  managedKeyService,
} from './kms-keys.ts';
import {
  endpointContext,
  endpointPolicy,
  findEndpoint,
  type EndpointRef,
} from './vpc-endpoints.ts';
import { getOwn, isRecord } from './own.ts';
import { requestLimitProblems } from './limits.ts';
import { resourceOwner } from './owner.ts';
import type { Account, Scenario, ScenarioProblem, ScenarioRequest } from './scenario-types.ts';
import { requestActionProblem, requestResourceProblem } from './validate-requests.ts';
import {
  getAccount,
  getInstanceProfile,
  getResourceEntry,
  getRole,
  getUser,
  resolvePolicyRef,
} from './world.ts';

/** The session name EC2 gives the role session of an instance (the instance id). */
export const INSTANCE_SESSION_NAME = 'i-0123456789abcdef0';

/**
 * Services whose resources RCPs govern (AWS Organizations' list of services that support RCPs):
 * the first five at launch (S3, STS, KMS, SQS, Secrets Manager), then ECR and OpenSearch
 * Serverless (June 2025), Cognito and CloudWatch Logs (January 2026), DynamoDB (February 2026).
 * Which Cognito service prefix AWS counts is not confirmed here: `cognito-identity` is assumed.
 */
export const RCP_SERVICES = [
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'ecr',
  'aoss',
  'cognito-identity',
  'logs',
  'dynamodb',
];

export interface ResolveOptions {
  /** AWS managed policy documents by ARN: at least those the scenario references (see `referencedManagedPolicies`). */
  catalog: ManagedPolicyCatalog;
  /** The clock for aws:CurrentTime, aws:EpochTime, aws:TokenIssueTime (default: now). */
  now?: Date;
  /** The request's index in `scenario.requests`, for policy ids and messages (default: found by identity, else 0). */
  index?: number;
}

export type { ChainStepInput } from './chain.ts';

export type ResolvedRequest =
  | {
      ok: true;
      /** Steps to decide first, in order; each must be allowed for the chain to go on. */
      chain: ChainStepInput[];
      /** The request itself; absent when the chain cannot reach it (then `stop` says why). */
      input?: EvaluationInput;
      stop?: { reason: string; toAllow: string[] };
    }
  | { ok: false; problems: ScenarioProblem[] };

class ResolveError extends Error {
  constructor(
    readonly code: string,
    readonly path: JsonPath,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_KEY_POLICY = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
});

const EMPTY_TRUST = { Version: '2012-10-17', Statement: [] as unknown[] };

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Collects identity policies, merging repeated attachments of one customer managed policy. */
class PolicyCollector {
  readonly policies: PolicySource[] = [];
  readonly #byId = new Map<string, PolicySource>();

  constructor(
    readonly scenario: Scenario,
    readonly catalog: ManagedPolicyCatalog,
  ) {}

  add(source: PolicySource, attachedTo: string): void {
    const key = JSON.stringify(source.id);
    const existing = this.#byId.get(key);
    if (existing) {
      existing.name = `${existing.name.slice(0, -1)}; also attached to ${attachedTo})`;
      return;
    }
    this.#byId.set(key, source);
    this.policies.push(source);
  }

  /** A policy reference as a PolicySource; `refPath` is where the reference stands. */
  reference(
    accountId: string,
    ref: string,
    refPath: JsonPath,
    kind: 'identity' | 'boundary',
    attachedTo: string,
  ): PolicySource {
    const target = resolvePolicyRef(this.scenario, accountId, ref, (arn) => this.catalog.has(arn));
    if (target.kind === 'customer') {
      return {
        id: target.id,
        name: `${target.name} (customer managed, ${kind === 'boundary' ? 'boundary of' : 'attached to'} ${attachedTo})`,
        kind,
        document: target.document,
      };
    }
    if (target.kind === 'aws') {
      return {
        id: refPath,
        name: `${target.name} (AWS managed, ${kind === 'boundary' ? 'boundary of' : 'attached to'} ${attachedTo})`,
        kind,
        document: this.catalog.get(target.arn),
      };
    }
    const notLoaded = ref.startsWith('arn:aws:iam::aws:policy/');
    throw new ResolveError(
      notLoaded ? 'managed-policy-not-loaded' : target.code,
      refPath,
      notLoaded ? `The AWS managed policy ${ref} is not in the loaded catalog.` : target.message,
    );
  }

  /** Inline and managed policies of a user, group or role. */
  addOwn(accountId: string, entity: unknown, entityPath: JsonPath, attachedTo: string): void {
    for (const [name, document] of Object.entries(
      isRecord(getOwn(entity, 'inline'))
        ? (getOwn(entity, 'inline') as Record<string, unknown>)
        : {},
    )) {
      this.add(
        {
          id: [...entityPath, 'inline', name],
          name: `${name} (inline, ${attachedTo})`,
          kind: 'identity',
          document,
        },
        attachedTo,
      );
    }
    stringArray(getOwn(entity, 'policies')).forEach((ref, i) => {
      this.add(
        this.reference(accountId, ref, [...entityPath, 'policies', i], 'identity', attachedTo),
        attachedTo,
      );
    });
  }

  boundary(
    accountId: string,
    entity: unknown,
    entityPath: JsonPath,
    attachedTo: string,
  ): PolicySource | undefined {
    const ref = getOwn(entity, 'boundary');
    return typeof ref === 'string'
      ? this.reference(accountId, ref, [...entityPath, 'boundary'], 'boundary', attachedTo)
      : undefined;
  }
}

/** The principal with its policies, tags and account. */
interface ResolvedPrincipal {
  principal: Principal;
  identityPolicies: PolicySource[];
  boundary?: PolicySource;
  tags?: Record<string, string>;
  /** A role session's source identity (chain.ts). */
  sourceIdentity?: string;
}

function requireAccount(scenario: Scenario, id: string, path: JsonPath): Account {
  const account = getAccount(scenario, id);
  if (!account)
    throw new ResolveError(
      'unknown-account',
      path,
      `Account ${id} is not in the scenario's "accounts".`,
    );
  return account;
}

function roleSession(
  scenario: Scenario,
  collector: PolicyCollector,
  partition: string,
  accountId: string,
  roleName: string,
  sessionName: string,
  path: JsonPath,
): ResolvedPrincipal {
  const account = requireAccount(scenario, accountId, path);
  const role = getRole(account, roleName);
  if (!role)
    throw new ResolveError('unknown-role', path, `Account ${accountId} has no role "${roleName}".`);
  const rolePath = typeof role.path === 'string' ? role.path : '/';
  const roleArn = iamArn(partition, accountId, 'role', rolePath, roleName);
  const entityPath = ['accounts', accountId, 'roles', roleName];
  const label = `role ${roleName}`;
  collector.addOwn(accountId, role, entityPath, label);
  return {
    principal: {
      type: 'role-session',
      arn: `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      account: accountId,
      roleArn,
      sessionName,
      uniqueId: entityUniqueId(role, 'roles', accountId, roleName),
      serviceLinkedRole: rolePath.startsWith('/aws-service-role/'),
    },
    identityPolicies: collector.policies,
    boundary: collector.boundary(accountId, role, entityPath, label),
    tags: stringRecord(role.tags),
  };
}

function resolvePrincipal(
  scenario: Scenario,
  ref: PrincipalRef,
  collector: PolicyCollector,
  path: JsonPath,
): ResolvedPrincipal {
  switch (ref.kind) {
    case 'user': {
      const account = requireAccount(scenario, ref.account, path);
      const user = getUser(account, ref.name);
      if (!user)
        throw new ResolveError(
          'unknown-user',
          path,
          `Account ${ref.account} has no user "${ref.name}".`,
        );
      const entityPath = ['accounts', ref.account, 'users', ref.name];
      collector.addOwn(ref.account, user, entityPath, `user ${ref.name}`);
      for (const group of stringArray(user.groups)) {
        const groupValue = getOwn(account.groups, group);
        if (!isRecord(groupValue))
          throw new ResolveError(
            'unknown-group',
            [...entityPath, 'groups'],
            `Account ${ref.account} has no group "${group}".`,
          );
        collector.addOwn(
          ref.account,
          groupValue,
          ['accounts', ref.account, 'groups', group],
          `group ${group}`,
        );
      }
      const userArn = iamArn(
        ref.partition,
        ref.account,
        'user',
        typeof user.path === 'string' ? user.path : '/',
        ref.name,
      );
      return {
        principal: {
          type: 'user',
          arn: userArn,
          account: ref.account,
          uniqueId: entityUniqueId(user, 'users', ref.account, ref.name),
        },
        identityPolicies: collector.policies,
        boundary: collector.boundary(ref.account, user, entityPath, `user ${ref.name}`),
        tags: stringRecord(user.tags),
      };
    }
    case 'role':
      return roleSession(
        scenario,
        collector,
        ref.partition,
        ref.account,
        ref.name,
        'session',
        path,
      );
    case 'assumed-role':
      return roleSession(
        scenario,
        collector,
        ref.partition,
        ref.account,
        ref.name,
        ref.sessionName,
        path,
      );
    case 'root':
      requireAccount(scenario, ref.account, path);
      return {
        principal: {
          type: 'root',
          arn: `arn:${ref.partition}:iam::${ref.account}:root`,
          account: ref.account,
        },
        identityPolicies: [],
      };
    case 'oidc-provider':
    case 'saml-provider':
      requireAccount(scenario, ref.account, path);
      return {
        principal: { type: 'federated', arn: ref.arn, account: ref.account },
        identityPolicies: [],
      };
    case 'service':
      return {
        principal: { type: 'service', arn: ref.service, serviceName: ref.service },
        identityPolicies: [],
      };
    case 'anonymous':
      return { principal: { type: 'anonymous', arn: 'anonymous' }, identityPolicies: [] };
    case 'instance-profile':
      throw new ResolveError('internal', path, 'An instance profile is resolved as a chain.');
  }
}

/** The request's resource: its policy, tags and owner. */
interface ResolvedResource {
  resourcePolicy?: PolicySource;
  s3Bucket?: S3BucketSettings;
  /** S3 Object Ownership and ACLs on the bucket or object (s3-acl.ts). */
  s3Acl?: S3AclInput;
  tags: Record<string, string>;
  account?: string;
  notes: string[];
  /** KMS grants on the key. */
  grants?: KmsGrant[];
  /** The resource is an AWS managed KMS key (RCPs do not govern it). */
  awsManagedKey?: boolean;
  /** Further resource-based policies that must permit too (the bucket behind an access point). */
  layers?: ResourceLayer[];
  /** For a request through an access point: its condition keys, its VPC restriction, and the bucket or object behind it. */
  accessPoint?: {
    context: Record<string, ContextValue>;
    vpc?: string;
    name: string;
    underlying: string;
  };
}

/** A request through an S3 access point: its policy, and the bucket behind it as a layer (access-points.ts). */
function resolveAccessPoint(
  scenario: Scenario,
  resource: string,
  owner: string | undefined,
  path: JsonPath,
): ResolvedResource {
  const ref = findAccessPoint(scenario, resource);
  if (!ref) {
    const ap = parseAccessPointArn(resource);
    throw new ResolveError(
      'unknown-access-point',
      path,
      ap
        ? `Account ${ap.account} has no access point ${quoteName(ap.name)}${ap.region ? ` in ${ap.region}` : ''} under "accessPoints".`
        : `${resource} is not an access point ARN (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME or .../accesspoint/NAME/object/KEY).`,
    );
  }
  const underlying = underlyingArn(ref, resource);
  const bucketOwner = resourceOwner(scenario, underlying, ref.account).account;
  const bucketEntry = getResourceEntry(scenario, ref.bucketArn);
  const notes: string[] = [];
  if (getResourceEntry(scenario, ref.bucketArn) === undefined)
    notes.push(
      `Bucket ${ref.bucket} behind access point ${ref.name} has no entry in "resources", so it is taken to belong to the access point's account ${ref.account}, with no bucket policy.`,
    );
  const policy = accessPointPolicy(ref);
  const settings = bucketSettings(scenario, ref.bucketArn, bucketOwner, {
    where: `access point ${ref.name}${ref.defaultBlock ? " (AWS's default for a new access point)" : ''}`,
    settings: ref.publicAccessBlock,
  });
  return {
    ...(policy ? { resourcePolicy: policy } : {}),
    ...(settings ? { s3Bucket: settings } : {}),
    tags: stringRecord(getResourceEntry(scenario, underlying)?.tags),
    account: owner,
    notes,
    layers: [bucketLayer(ref, resource, bucketOwner, getOwn(bucketEntry, 'policy'))],
    accessPoint: {
      context: accessPointContext(ref),
      name: ref.name,
      underlying,
      ...(ref.vpc !== undefined ? { vpc: ref.vpc } : {}),
    },
  };
}

const quoteName = (name: string): string => JSON.stringify(name.slice(0, 80));

/** A customer managed key's policy: its own, or AWS's default key policy. */
function resolveKeyPolicy(
  resource: string,
  policy: unknown,
  keyAccount: string,
  notes: string[],
): PolicySource {
  if (policy !== undefined && policy !== null)
    return {
      id: ['resources', resource, 'policy'],
      name: `of ${resource}`,
      kind: 'kms',
      document: policy,
    };
  notes.push(
    `Key ${resource} has no key policy in the scenario, so it has AWS's default key policy, which lets account ${keyAccount}'s IAM policies grant access.`,
  );
  return {
    id: ['resources', resource, 'policy'],
    name: `of ${resource} (AWS's default key policy)`,
    kind: 'kms',
    document: DEFAULT_KEY_POLICY(keyAccount),
  };
}

function resolveResource(
  scenario: Scenario,
  action: string,
  resource: string,
  principalAccount: string | undefined,
  /** Where the resource is named, for an unknown access point (resolveRequest checks the request's own first). */
  path: JsonPath = ['resources'],
): ResolvedResource {
  if (parseAccessPointArn(resource))
    return resolveAccessPoint(
      scenario,
      resource,
      resourceOwner(scenario, resource, principalAccount).account,
      path,
    );
  const notes: string[] = [];
  const owner = resourceOwner(scenario, resource, principalAccount);
  if (owner.source === 'principal') {
    notes.push(
      `The owner of ${resource === '*' ? 'resource "*"' : resource} is not given (no "account" in its resource entry, none in its ARN), so it is assumed to be the principal's account ${owner.account}.`,
    );
  } else if (owner.source === 'bucket-entry') {
    notes.push(
      `${resource} is an object in bucket ${bucketOf(resource)}, so it is taken to belong to the bucket's account ${owner.account}.`,
    );
  }
  const entry = getResourceEntry(scenario, resource);
  let tags = stringRecord(entry?.tags);
  let resourcePolicy: PolicySource | undefined;
  let s3Bucket: S3BucketSettings | undefined;
  let s3Acl: S3AclInput | undefined;
  const arn = parseArn(resource);

  if (
    arn?.service === 'iam' &&
    (arn.resource.startsWith('role/') || arn.resource.startsWith('user/'))
  ) {
    const isRole = arn.resource.startsWith('role/');
    const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
    const account = getAccount(scenario, arn.account);
    const entity = isRole ? getRole(account, name) : getUser(account, name);
    if (entity) tags = { ...stringRecord(entity.tags), ...tags };
    if (isRole && TRUST_ACTIONS.has(action.toLowerCase())) {
      const trust = getOwn(entity, 'trust');
      resourcePolicy = {
        id: ['accounts', arn.account, 'roles', name, 'trust'],
        name:
          trust === undefined
            ? `of role ${name} (none written: it trusts nobody)`
            : `of role ${name}`,
        kind: 'trust',
        document: trust ?? EMPTY_TRUST,
      };
    }
  } else if (arn?.service === 's3') {
    const bucket = bucketOf(resource) ?? resource;
    const bucketEntry = getResourceEntry(scenario, bucket);
    if (isBucketOrObjectArn(bucket)) s3Bucket = bucketSettings(scenario, bucket, owner.account);
    const bucketOwner =
      bucket === resource
        ? owner.account
        : resourceOwner(scenario, bucket, principalAccount).account;
    s3Acl = aclInput(
      scenario,
      resource,
      bucketOwner,
      owner.account,
      s3Bucket?.setBy.IgnorePublicAcls,
    );
    const policy = getOwn(bucketEntry, 'policy');
    if (policy !== undefined && policy !== null) {
      resourcePolicy = {
        id: ['resources', bucket, 'policy'],
        name: `of bucket ${bucket}`,
        kind: 'resource',
        document: policy,
      };
    }
  } else if (arn && isKeyArn(resource)) {
    const policy = getOwn(entry, 'policy');
    const grants = grantsOf(entry, resource);
    if (isAwsManaged(entry)) {
      const service = managedKeyService(entry) ?? 'unknown';
      const keyAccount = owner.account ?? arn.account;
      notes.push(
        `Key ${resource} is an AWS managed key (alias aws/${service}): its key policy is AWS's, which lets principals of account ${keyAccount} use it only through ${service}.`,
      );
      return {
        resourcePolicy: {
          id: ['resources', resource],
          name: `of ${resource} (AWS managed key for ${service}: AWS's key policy)`,
          kind: 'kms',
          document: awsManagedKeyPolicy(keyAccount, arn.region, service),
        },
        tags,
        account: owner.account,
        notes,
        grants,
        awsManagedKey: true,
      };
    }
    resourcePolicy = resolveKeyPolicy(resource, policy, owner.account ?? arn.account, notes);
    if (grants.length > 0) return { resourcePolicy, tags, account: owner.account, notes, grants };
  } else {
    const policy = getOwn(entry, 'policy');
    if (policy !== undefined && policy !== null) {
      resourcePolicy = {
        id: ['resources', resource, 'policy'],
        name: `of ${resource}`,
        kind: 'resource',
        document: policy,
      };
    }
  }
  return {
    resourcePolicy,
    tags,
    account: owner.account,
    notes,
    ...(s3Bucket ? { s3Bucket } : {}),
    ...(s3Acl ? { s3Acl } : {}),
  };
}

interface OrgResult {
  scps?: PolicyLevel[];
  scpExemption?: string;
  rcps?: PolicyLevel[];
  rcpExemption?: string;
  principalOrgId?: string;
  resourceOrgId?: string;
  /** aws:PrincipalOrgPaths / aws:ResourceOrgPaths (org-paths.ts). */
  principalOrgPath?: string;
  resourceOrgPath?: string;
}

function resolveOrganization(
  scenario: Scenario,
  principal: Principal,
  action: string,
  resourceAccount: string | undefined,
  awsManagedKey = false,
): OrgResult {
  const organization = scenario.organization;
  if (!isRecord(organization)) return {};
  const placements = placeAccounts(organization);
  const management =
    typeof organization.managementAccount === 'string' ? organization.managementAccount : undefined;
  const orgId = typeof organization.id === 'string' ? organization.id : undefined;
  const result: OrgResult = {};

  const principalPlace =
    principal.account !== undefined ? placements.get(principal.account) : undefined;
  if (
    principalPlace &&
    orgId &&
    (principal.type === 'user' ||
      principal.type === 'role-session' ||
      principal.type === 'federated-user' ||
      principal.type === 'root')
  ) {
    result.principalOrgId = orgId;
    result.principalOrgPath = orgPathOf(organization, principalPlace);
  }
  if (principal.type === 'service')
    result.scpExemption = 'SCPs never restrict AWS service principals.';
  else if (principal.type === 'anonymous')
    result.scpExemption =
      'SCPs restrict principals of member accounts; an anonymous caller has none.';
  else if (principal.type === 'federated')
    result.scpExemption =
      'SCPs restrict principals of member accounts; a federated identity provider is not one.';
  else if (principal.serviceLinkedRole)
    result.scpExemption = 'SCPs never restrict service-linked roles.';
  else if (!principalPlace)
    result.scpExemption = `SCPs do not apply: the principal's account ${principal.account} is not in the organization.`;
  else if (principal.account === management)
    result.scpExemption = `SCPs never restrict principals of the management account ${management}.`;
  else result.scps = scpLevels(organization, principalPlace);

  const resourcePlace = resourceAccount !== undefined ? placements.get(resourceAccount) : undefined;
  if (resourcePlace && orgId) {
    result.resourceOrgId = orgId;
    result.resourceOrgPath = orgPathOf(organization, resourcePlace);
  }
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  if (!RCP_SERVICES.includes(service))
    result.rcpExemption = `RCPs do not apply to ${service} (they govern only ${RCP_SERVICES.join(', ')}).`;
  else if (principal.serviceLinkedRole)
    result.rcpExemption = 'RCPs never restrict requests made by service-linked roles.';
  else if (awsManagedKey)
    result.rcpExemption =
      'RCPs do not apply to AWS managed keys ("Resource control policies in AWS KMS").';
  else if (!resourcePlace)
    result.rcpExemption = `RCPs do not apply: the resource's account ${resourceAccount ?? '(unknown)'} is not in the organization.`;
  else if (resourceAccount === management)
    result.rcpExemption = `RCPs never restrict resources of the management account ${management}.`;
  else result.rcps = rcpLevels(organization, resourcePlace);
  return result;
}

/** Builds the engine input for one principal acting on one resource. */
function buildInput(
  scenario: Scenario,
  resolved: ResolvedPrincipal,
  action: string,
  resource: string,
  given: Record<string, ContextValue> | undefined,
  sessionPolicies: PolicySource[] | undefined,
  now: Date,
  extraNotes: string[],
  signIn?: SignIn,
  endpoint?: EndpointRef,
): EvaluationInput {
  const res = resolveResource(scenario, action, resource, resolved.principal.account);
  const org = resolveOrganization(
    scenario,
    resolved.principal,
    action,
    res.account,
    res.awsManagedKey,
  );
  const derivedKeys = deriveContext({
    principal: resolved.principal,
    principalTags: resolved.tags,
    sourceIdentity: resolved.sourceIdentity,
    principalOrgId: org.principalOrgId,
    resourceAccount: res.account,
    resourceOrgId: org.resourceOrgId,
    resourceTags: res.tags,
    // S3 exposes an object's tags as s3:ExistingObjectTag/<key>, not aws:ResourceTag/<key>.
    resourceTagPrefix:
      bucketOf(res.accessPoint?.underlying ?? resource) !== undefined
        ? 's3:ExistingObjectTag/'
        : undefined,
    now,
  });
  // The keys that follow from how the caller signed in (MFA, token issue time).
  // The data-perimeter keys: organization paths, the endpoint's keys, kms:CallerAccount.
  if (org.principalOrgPath !== undefined)
    derivedKeys['aws:PrincipalOrgPaths'] = [org.principalOrgPath];
  if (org.resourceOrgPath !== undefined)
    derivedKeys['aws:ResourceOrgPaths'] = [org.resourceOrgPath];
  Object.assign(
    derivedKeys,
    endpoint ? endpointContext(endpoint) : {},
    isKeyArn(resource) ? kmsContext(resolved.principal, action) : {},
    res.accessPoint?.context ?? {},
  );
  const derived = withSignInContext(derivedKeys, resolved.principal, signIn, now);
  // A user or root user signed with GetSessionToken's credentials: the engine limits what they
  // may call (src/engine/sts-callers.ts, sessionTokenRefusal).
  const tokenCaller =
    signIn?.method === 'sessionToken' &&
    (resolved.principal.type === 'user' || resolved.principal.type === 'root');
  const input: EvaluationInput = {
    request: {
      principal: tokenCaller
        ? { ...resolved.principal, sessionToken: { mfa: signIn.mfa === true } }
        : resolved.principal,
      action,
      resource,
      context: mergeContext(derived, given),
    },
    identityPolicies: resolved.identityPolicies,
  };
  if (res.account !== undefined) input.request.resourceAccount = res.account;
  if (res.resourcePolicy) input.resourcePolicy = res.resourcePolicy;
  if (res.s3Bucket) input.s3Bucket = res.s3Bucket;
  if (res.s3Acl) input.s3Acl = res.s3Acl;
  if (resolved.boundary) input.boundary = resolved.boundary;
  if (sessionPolicies && sessionPolicies.length > 0) input.sessionPolicies = sessionPolicies;
  if (org.scps) input.scps = org.scps;
  if (org.scpExemption) input.scpExemption = org.scpExemption;
  if (org.rcps) input.rcps = org.rcps;
  if (org.rcpExemption) input.rcpExemption = org.rcpExemption;
  if (endpoint) input.vpcEndpoint = { id: endpoint.id, policy: endpointPolicy(endpoint) };
  if (res.grants && res.grants.length > 0) input.kmsGrants = res.grants;
  if (res.layers && res.layers.length > 0) input.resourceLayers = res.layers;
  if (res.accessPoint?.vpc !== undefined)
    input.networkOrigin = { accessPoint: res.accessPoint.name, vpc: res.accessPoint.vpc };
  const notes = [...extraNotes, ...res.notes];
  if (notes.length > 0) input.notes = notes;
  return input;
}

/**
 * Resolves one request of a validated scenario. Problems come back as data: they mean the
 * scenario was not valid (validate first) or the catalog lacks a referenced AWS managed policy.
 */
export function resolveRequest(
  scenario: Scenario,
  request: ScenarioRequest,
  options: ResolveOptions,
): ResolvedRequest {
  const found = scenario.requests?.indexOf(request) ?? -1;
  const index = options.index ?? (found >= 0 ? found : 0);
  const path: JsonPath = ['requests', index];
  const now = options.now ?? new Date();
  try {
    // A request beyond AWS's limits is not decided: its cost would not be bounded (README, "Budget").
    const overLimit = requestLimitProblems(request, path)[0];
    if (overLimit) throw new ResolveError(overLimit.code, overLimit.path, overLimit.message);
    // A request that does not name one action and one resource cannot be decided.
    const actionProblem = requestActionProblem(String(request.action ?? ''));
    if (actionProblem) throw new ResolveError('invalid-action', [...path, 'action'], actionProblem);
    const resourceProblem = requestResourceProblem(String(request.resource ?? ''));
    if (resourceProblem)
      throw new ResolveError('invalid-arn', [...path, 'resource'], resourceProblem);
    if (parseAccessPointArn(request.resource))
      resolveAccessPoint(scenario, request.resource, undefined, [...path, 'resource']);
    const ref = parsePrincipal(request.principal);
    if (typeof ref === 'string')
      throw new ResolveError('invalid-principal', [...path, 'principal'], ref);
    const collector = new PolicyCollector(scenario, options.catalog);
    const given = isRecord(request.context) ? request.context : undefined;
    let endpoint: EndpointRef | undefined;
    if (typeof request.vpcEndpoint === 'string') {
      endpoint = findEndpoint(scenario, request.vpcEndpoint);
      if (!endpoint)
        throw new ResolveError(
          'unknown-vpc-endpoint',
          [...path, 'vpcEndpoint'],
          `No account of the scenario has VPC endpoint ${request.vpcEndpoint} under "vpcEndpoints".`,
        );
    }

    // A multi-step request: the hops first, each decided as its caller (chain.ts).
    const chainWorld = (start: ResolvedPrincipal, startSignIn?: SignIn): ChainWorld => ({
      managedPolicy: (account, arn, at) =>
        collector.reference(account, arn, at, 'identity', 'the session'),
      maxSessionDuration: (roleArn) => {
        const arn = parseArn(roleArn);
        const role = getRole(
          getAccount(scenario, arn?.account ?? ''),
          roleArn.slice(roleArn.lastIndexOf('/') + 1),
        );
        const max = getOwn(role, 'maxSessionDuration');
        return typeof max === 'number' ? max : undefined;
      },
      roleSession: (roleArn, sessionName, at) => {
        const arn = parseArn(roleArn);
        const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
        return roleSession(
          scenario,
          new PolicyCollector(scenario, options.catalog),
          arn?.partition ?? 'aws',
          arn?.account ?? '',
          name,
          sessionName,
          at,
        );
      },
      input: (who, action, resource, context, sessionPolicies, notes) =>
        buildInput(
          scenario,
          who,
          action,
          resource,
          context,
          sessionPolicies,
          now,
          notes,
          who === start ? startSignIn : undefined,
        ),
    });

    /** The request after its STS calls (`before`: steps decided first, EC2's for an instance profile). */
    const chained = (chain: ResolvedChain, before: ChainStepInput[] = []): ResolvedRequest => {
      const steps = [...before, ...chain.steps];
      if (!chain.last) return { ok: true, chain: steps, stop: chain.stop };
      return {
        ok: true,
        chain: steps,
        // The last session makes the request, through the request's VPC endpoint if it names one.
        input: buildInput(
          scenario,
          chain.last.who,
          request.action,
          request.resource,
          given,
          chain.last.sessionPolicies,
          now,
          chain.last.notes,
          undefined,
          endpoint,
        ),
      };
    };

    if (ref.kind === 'instance-profile') {
      const account = requireAccount(scenario, ref.account, [...path, 'principal']);
      const profile = getInstanceProfile(account, ref.name);
      if (!profile)
        throw new ResolveError(
          'unknown-instance-profile',
          [...path, 'principal'],
          `Account ${ref.account} has no instance profile "${ref.name}".`,
        );
      const roleName = typeof profile.role === 'string' ? profile.role : undefined;
      if (roleName === undefined || !getRole(account, roleName)) {
        const reason =
          roleName === undefined
            ? `Instance profile ${ref.name} holds no role, so code on the instance has no AWS credentials and every request it makes is implicitly denied.`
            : `Instance profile ${ref.name} names role ${roleName}, which does not exist, so code on the instance has no AWS credentials.`;
        return {
          ok: true,
          chain: [],
          stop: { reason, toAllow: [`Put a role in instance profile ${ref.name}.`] },
        };
      }
      const roleArn = iamArn(
        ref.partition,
        ref.account,
        'role',
        typeof getRole(account, roleName)?.path === 'string'
          ? getRole(account, roleName)?.path
          : '/',
        roleName,
      );
      const ec2: ResolvedPrincipal = {
        principal: { type: 'service', arn: 'ec2.amazonaws.com', serviceName: 'ec2.amazonaws.com' },
        identityPolicies: [],
      };
      const trustInput = buildInput(
        scenario,
        ec2,
        'sts:AssumeRole',
        roleArn,
        undefined,
        undefined,
        now,
        [
          `EC2 assumes role ${roleName} to give the instance launched with profile ${ref.name} its credentials.`,
        ],
      );
      const session = roleSession(
        scenario,
        collector,
        ref.partition,
        ref.account,
        roleName,
        INSTANCE_SESSION_NAME,
        [...path, 'principal'],
      );
      const input = buildInput(
        scenario,
        session,
        request.action,
        request.resource,
        given,
        undefined,
        now,
        [
          `Code on the instance acts as ${session.principal.arn}, the session EC2 created from instance profile ${ref.name}.`,
        ],
        undefined,
        endpoint,
      );
      const first: ChainStepInput = {
        title: `EC2 assumes role ${roleName} for instance profile ${ref.name}`,
        input: trustInput,
        failure: `The trust policy of role ${roleName} does not let ec2.amazonaws.com perform sts:AssumeRole, so the instance gets no credentials and the request is implicitly denied.`,
      };
      if (Array.isArray(request.assume) && request.assume.length > 0) {
        // The instance's role session (EC2's credentials) makes the first STS call.
        return chained(resolveChain(chainWorld(session), session, request.assume, path), [first]);
      }
      return { ok: true, chain: [first], input };
    }

    const resolved = resolvePrincipal(scenario, ref, collector, [...path, 'principal']);
    const signIn = isRecord(request.signIn) ? (request.signIn as SignIn) : undefined;
    if (signIn && (ref.kind === 'user' || ref.kind === 'root')) {
      const account = getAccount(scenario, ref.account);
      const failure = authenticationFailure(
        ref.kind === 'user'
          ? {
              kind: 'user',
              name: ref.name,
              account: ref.account,
              record: getUser(account, ref.name) as Record<string, unknown> | undefined,
            }
          : {
              kind: 'root',
              name: 'root',
              account: ref.account,
              record: isRecord(account?.rootUser)
                ? (account.rootUser as Record<string, unknown>)
                : undefined,
            },
        signIn,
      );
      if (failure) throw new ResolveError('authentication-failed', [...path, 'signIn'], failure);
    }
    if (Array.isArray(request.assume) && request.assume.length > 0) {
      return chained(resolveChain(chainWorld(resolved, signIn), resolved, request.assume, path));
    }
    const sessionPolicies =
      resolved.principal.type === 'role-session'
        ? passedSessionPolicies(
            request.sessionPolicy,
            [...path, 'sessionPolicy'],
            'of this request',
            request.policyArns,
            [...path, 'policyArns'],
            resolved.principal.account ?? '',
            (account, arn, at) => collector.reference(account, arn, at, 'identity', 'the session'),
          )
        : undefined;
    return {
      ok: true,
      chain: [],
      input: buildInput(
        scenario,
        resolved,
        request.action,
        request.resource,
        given,
        sessionPolicies,
        now,
        [],
        signIn,
        endpoint,
      ),
    };
  } catch (error) {
    if (!(error instanceof ResolveError)) throw error;
    return {
      ok: false,
      problems: [{ code: error.code, severity: 'error', message: error.message, path: error.path }],
    };
  }
}

/** Every AWS managed policy ARN the scenario references, so callers can load just those. */
export function referencedManagedPolicies(scenario: unknown): string[] {
  const found = new Set<string>();
  for (const account of Object.values(
    isRecord(getOwn(scenario, 'accounts'))
      ? (getOwn(scenario, 'accounts') as Record<string, unknown>)
      : {},
  )) {
    for (const kind of ['users', 'groups', 'roles']) {
      for (const entity of Object.values(
        isRecord(getOwn(account, kind)) ? (getOwn(account, kind) as Record<string, unknown>) : {},
      )) {
        for (const ref of [
          ...stringArray(getOwn(entity, 'policies')),
          getOwn(entity, 'boundary'),
        ]) {
          if (typeof ref === 'string' && ref.startsWith('arn:aws:iam::aws:policy/')) found.add(ref);
        }
      }
    }
  }
  // Managed session policies (PolicyArns) of requests and of their STS calls.
  const requests = getOwn(scenario, 'requests');
  for (const request of Array.isArray(requests) ? requests : []) {
    const hops = getOwn(request, 'assume');
    for (const holder of [request, ...(Array.isArray(hops) ? hops : [])])
      for (const ref of stringArray(getOwn(holder, 'policyArns')))
        if (ref.startsWith('arn:aws:iam::aws:policy/')) found.add(ref);
  }
  return [...found].sort();
}
