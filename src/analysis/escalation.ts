/**
 * Privilege escalation: a graph of the world's principals where an edge P → Q says P can act as
 * Q (assume it, run code as it through a service, take its credentials, rewrite its trust), and
 * "who can reach this target" (admin, a principal, or an action on a resource) as shortest paths
 * over it. Every edge and every last step carries the concrete requests that make it possible,
 * each decided by the engine through the model (requests.ts); a step that changes the world (a
 * policy written, a trust policy rewritten) is decided again on the changed world.
 *
 * A cheap, sound filter keeps the work near the edges that can exist: a request needs an Allow
 * statement whose Action and Resource could match it in the caller's identity policies (or a
 * resource policy on the resource), and an assume-role request needs a trust statement whose
 * Principal could name the caller. The filter only skips requests the engine would deny; the
 * truth test checks it against the graph built without it. It is applied once per principal and
 * family before pairing with targets ("may P do iam:PassRole on anything?"), and the roles whose
 * trust could admit a caller are looked up in an index of trust principals, so a world of
 * thousands of roles does not pair every principal with every role.
 *
 * Edges out of a principal that is admin already (allowed every admin probe) are not listed, as
 * PMapper does not track them: on the way to admin they are never used. `escalationPaths` adds
 * them when the target is something else (a principal, or a request an admin may be denied).
 */
import { matchAction, matchArnPattern } from '../engine/index.ts';
import {
  isArn,
  parseArn,
  resolveRequest,
  type Scenario,
  type ScenarioRequest,
} from '../model/index.ts';
import {
  adminProbes,
  applyEdit,
  CREDENTIAL_ACTIONS,
  EC2_LAUNCH,
  PASS_ROLE_SERVICES,
  selfChanges,
  trustFor,
  type WorldEdit,
} from './escalation-families.ts';
import { decideRequests, type RequestVerdict } from './requests.ts';
import type { AnalysisWorld, Status } from './types.ts';
import { worldPrincipals } from './world.ts';

export type NodeKind = 'user' | 'role' | 'instance-profile' | 'federated' | 'service';

export interface EscalationNode {
  id: string;
  kind: NodeKind;
  /** A user, role or instance profile allowed (or conditionally allowed) every admin probe: the requests. */
  admin?: { status: Exclude<Status, 'denied'>; requests: RequestVerdict[] };
}

export type EdgeFamily =
  'assume-role' | 'pass-role' | 'instance-profile' | 'credentials' | 'trust-policy';

/** P → Q: P can act as Q. `requests` allow it; `after` (trust-policy) are decided on the changed world. */
export interface EscalationEdge {
  from: string;
  to: string;
  family: EdgeFamily;
  /** The step in words, e.g. `iam:PassRole to lambda.amazonaws.com`. */
  via: string;
  status: Exclude<Status, 'denied'>;
  requests: RequestVerdict[];
  after?: RequestVerdict[];
  /** The change the step makes to the world, when it makes one. */
  edit?: WorldEdit;
}

/** P may change its own permissions: the request that may, and the change it makes. */
export interface PermissionChange {
  principal: string;
  via: string;
  change: string;
  request: RequestVerdict;
  edit: WorldEdit;
}

export interface EscalationGraph {
  nodes: EscalationNode[];
  edges: EscalationEdge[];
  changes: PermissionChange[];
  /** Admins (allowed every probe) whose outgoing edges and changes are not listed. */
  omitted: string[];
  stats: { candidates: number; decisions: number };
}

export type EscalationTarget =
  | { kind: 'admin' }
  | { kind: 'principal'; principal: string }
  | { kind: 'request'; action: string; resource: string };

/** One hop of a path: an edge, or (last) the permission change that reaches the target. */
export type PathHop =
  | ({ kind: 'edge' } & EscalationEdge)
  | ({ kind: 'change'; after: RequestVerdict[] } & PermissionChange);

export interface EscalationPath {
  from: string;
  status: Exclude<Status, 'denied'>;
  hops: PathHop[];
}

export interface EscalationReport {
  target: EscalationTarget;
  /** Principals that meet the target already, with the requests that show it. */
  holders: { principal: string; status: Exclude<Status, 'denied'>; requests: RequestVerdict[] }[];
  /** One shortest path for each user, role or identity provider that can reach it, shortest first. */
  paths: EscalationPath[];
}

/**
 * Who holds the target already, as principals: an instance profile is not one (its role,
 * listed too, is what holds it; the profile is a step of a path to it). The Access drawer's
 * "Already:" and the command line's `--escalation` both list these.
 */
export function holdingPrincipals(report: EscalationReport): string[] {
  return report.holders.map((h) => h.principal).filter((p) => !p.includes(':instance-profile/'));
}

export interface EscalationOptions {
  /** Skip the sound pre-filter (the truth test compares both). Default true. */
  prefilter?: boolean;
  /** Also list the edges out of principals that are admin already. Default false. */
  adminEdges?: boolean;
  /** Called as the work goes on with the share done, 0 to 1 (for a progress bar in the worker). */
  onProgress?: (share: number) => void;
}

type Doc = Record<string, unknown>;
const isRecord = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
const statementsOf = (doc: unknown): Doc[] => {
  const raw = isRecord(doc) ? doc['Statement'] : undefined;
  return (Array.isArray(raw) ? raw : [raw]).filter(isRecord);
};

const accountOf = (arn: string): string => parseArn(arn)?.account ?? '';

/** True when a statement's Action/NotAction could cover the action. */
function coversAction(st: Doc, action: string): boolean {
  if (Object.hasOwn(st, 'NotAction'))
    return !strings(st['NotAction']).some((p) => matchAction(p, action));
  return strings(st['Action']).some((p) => matchAction(p, action));
}

/** True when some Allow statement of the documents could allow the action on the resource (conditions ignored). */
function mayAllow(docs: unknown[] | undefined, action: string, resource: string): boolean {
  if (docs === undefined) return true;
  return docs.some((doc) =>
    statementsOf(doc).some((st) => {
      if (st['Effect'] !== 'Allow' || !coversAction(st, action)) return false;
      if (!Object.hasOwn(st, 'Resource')) return true;
      return strings(st['Resource']).some(
        (p) => p.includes('$') || resource === '*' || matchArnPattern(p, resource),
      );
    }),
  );
}

/** True when a trust policy has an Allow statement for the action whose Principal could be the caller. */
function trustMayAdmit(trust: unknown, caller: string, action: string): boolean {
  const account = accountOf(caller);
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(caller);
  const names = (value: string): boolean => {
    if (value === caller || /[*?]/.test(value)) return true;
    if (account && (value === account || value === `arn:aws:iam::${account}:root`)) return true;
    if (role && value.startsWith(`arn:aws:sts::${role[1]}:assumed-role/${role[2]}/`)) return true;
    // Unique ids and other forms the filter does not read: let the engine decide.
    return !isArn(value) && !/^\d{12}$/.test(value) && !value.endsWith('.amazonaws.com');
  };
  return statementsOf(trust).some((st) => {
    if (st['Effect'] !== 'Allow' || !coversAction(st, action)) return false;
    if (Object.hasOwn(st, 'NotPrincipal')) return true;
    const principal = st['Principal'];
    if (principal === '*') return true;
    if (!isRecord(principal)) return true;
    return Object.entries(principal).some(([type, values]) =>
      type === 'CanonicalUser' ? false : strings(values).some(names),
    );
  });
}

const ASSUME_FOR: Record<string, string> = {
  'oidc-provider': 'sts:AssumeRoleWithWebIdentity',
  'saml-provider': 'sts:AssumeRoleWithSAML',
};

interface RoleInfo {
  arn: string;
  trust: unknown;
  account: string;
  name: string;
  path: (string | number)[];
}

/** Reads the world's roles, instance profiles and the services its roles trust. */
function worldParts(scenario: Scenario) {
  const roles: RoleInfo[] = [];
  const profiles: { arn: string; role: string }[] = [];
  const services = new Set<string>();
  for (const [account, value] of Object.entries(scenario.accounts ?? {})) {
    for (const [name, role] of Object.entries(value.roles ?? {})) {
      const arn = `arn:aws:iam::${account}:role${role.path ?? '/'}${name}`;
      roles.push({
        arn,
        trust: role.trust,
        account,
        name,
        path: ['accounts', account, 'roles', name, 'trust'],
      });
      for (const st of statementsOf(role.trust))
        if (isRecord(st['Principal']))
          for (const s of strings(st['Principal']['Service']))
            if (!s.includes('*')) services.add(s);
    }
    for (const [name, profile] of Object.entries(value.instanceProfiles ?? {})) {
      const role = roles.find((r) => r.account === account && r.name === profile.role);
      if (role)
        profiles.push({
          arn: `arn:aws:iam::${account}:instance-profile${profile.path ?? '/'}${name}`,
          role: role.arn,
        });
    }
  }
  return { roles, profiles, services: [...services].sort() };
}

const NOW = new Date();

/** The identity policy documents of a principal as the model resolves them (undefined: unknown). */
function identityDocs(world: AnalysisWorld, principal: string): unknown[] | undefined {
  const resolved = resolveRequest(
    world.scenario,
    { principal, action: 'sts:GetCallerIdentity', resource: '*' },
    { catalog: world.catalog, now: world.now ?? NOW },
  );
  if (!resolved.ok || !resolved.input) return undefined;
  return resolved.input.identityPolicies.map((p) => p.document);
}

const worst = (list: { status: Status }[]): Status =>
  list.some((r) => r.status === 'denied')
    ? 'denied'
    : list.some((r) => r.status === 'conditional')
      ? 'conditional'
      : 'allowed';

/** Collects requests once and decides them all together. */
class Batch {
  private readonly index = new Map<string, number>();
  readonly requests: ScenarioRequest[] = [];
  verdicts: RequestVerdict[] = [];

  add(request: ScenarioRequest): number {
    const key = JSON.stringify([
      request.principal,
      request.action,
      request.resource,
      request.context,
    ]);
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.requests.push(request) - 1;
      this.index.set(key, at);
    }
    return at;
  }

  /** Decides the requests in chunks, so `progress` can follow (the share decided). */
  decide(world: AnalysisWorld, progress: (share: number) => void = () => {}): void {
    this.verdicts = [];
    for (let i = 0; i < this.requests.length; i += Batch.CHUNK) {
      this.verdicts.push(...decideRequests(world, this.requests.slice(i, i + Batch.CHUNK)));
      progress(Math.min(1, (i + Batch.CHUNK) / this.requests.length));
    }
  }

  private static readonly CHUNK = 500;
}

/** Where a trust policy's principal value could admit callers: `*` anyone, `#acct`, `@acct/role`, `=arn`. */
function trustKey(value: string): string {
  if (/[*?]/.test(value)) return '*';
  const account = /^(?:(\d{12})|arn:aws:iam::(\d{12}):root)$/.exec(value);
  if (account) return `#${account[1] ?? account[2]}`;
  const assumed = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(value);
  if (assumed) return `@${assumed[1]}/${assumed[2]}`;
  if (isArn(value) || value.endsWith('.amazonaws.com')) return `=${value}`;
  return '*'; // unique ids and other forms trustMayAdmit does not read
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * The roles whose trust could admit a caller, found by the principals their Allow statements
 * name (the keys `trustMayAdmit` reads), so a caller is paired only with those roles.
 */
class TrustIndex {
  private readonly by = new Map<string, number[]>();

  constructor(private readonly roles: RoleInfo[]) {
    roles.forEach((role, i) => {
      const keys = new Set<string>();
      for (const st of statementsOf(role.trust)) {
        if (st['Effect'] !== 'Allow') continue;
        const principal = st['Principal'];
        if (Object.hasOwn(st, 'NotPrincipal') || !isRecord(principal)) keys.add('*');
        else
          for (const [type, values] of Object.entries(principal))
            if (type !== 'CanonicalUser') for (const v of strings(values)) keys.add(trustKey(v));
      }
      for (const key of keys) {
        let list = this.by.get(key);
        if (!list) this.by.set(key, (list = []));
        list.push(i);
      }
    });
  }

  /** The roles, in world order, whose trust names the caller, its account or role, or anyone. */
  candidates(caller: string): RoleInfo[] {
    const keys = ['*', `=${caller}`];
    const account = accountOf(caller);
    if (account) keys.push(`#${account}`);
    const role = ROLE_ARN.exec(caller);
    if (role) keys.push(`@${role[1]}/${role[2]}`);
    const at = new Set(keys.flatMap((k) => this.by.get(k) ?? []));
    return [...at].sort((a, b) => a - b).map((i) => this.roles[i]!);
  }
}

type Pending = Omit<EscalationEdge, 'status' | 'requests' | 'after'> & { at: number[] };
type PendingChange = Omit<PermissionChange, 'request'> & { at: number };

/** The requests behind every possible edge and change of the principals it expands, decided together. */
class EdgeCollector {
  private readonly batch = new Batch();
  private readonly pending: Pending[] = [];
  private readonly pendingChanges: PendingChange[] = [];
  private readonly serviceRoles = new Map<string, RoleInfo[]>();
  private readonly roleHasPolicy: boolean;
  private readonly userHasPolicy: boolean;
  private readonly index: TrustIndex;

  constructor(
    private readonly world: AnalysisWorld,
    private readonly parts: ReturnType<typeof worldParts> & { users: string[] },
    private readonly filter: boolean,
    private readonly docsOf: (principal: string) => unknown[] | undefined,
  ) {
    this.index = new TrustIndex(parts.roles);
    this.roleHasPolicy = parts.roles.some((r) => this.hasPolicy(r.arn));
    this.userHasPolicy = parts.users.some((u) => this.hasPolicy(u));
  }

  private hasPolicy(arn: string): boolean {
    return this.world.scenario.resources?.[arn]?.policy !== undefined;
  }

  /** The roles whose trust may admit the caller for the action (every role without the filter). */
  private admitting(caller: string, action = 'sts:AssumeRole'): RoleInfo[] {
    if (!this.filter) return this.parts.roles;
    return this.index.candidates(caller).filter((r) => trustMayAdmit(r.trust, caller, action));
  }

  private serviceAdmits(service: string): RoleInfo[] {
    let roles = this.serviceRoles.get(service);
    if (!roles) this.serviceRoles.set(service, (roles = this.admitting(service)));
    return roles;
  }

  /** Collects the requests behind the node's outgoing edges (and, for a user or role, its changes). */
  expand(node: EscalationNode): void {
    const { batch, pending, filter, parts } = this;
    const from = node.id;
    if (node.kind === 'federated' || node.kind === 'service') {
      const type = parseArn(from)?.resource.split('/')[0] ?? '';
      const action = node.kind === 'service' ? 'sts:AssumeRole' : ASSUME_FOR[type];
      if (!action) return;
      for (const role of this.admitting(from, action))
        pending.push({
          from,
          to: role.arn,
          family: 'assume-role',
          via: action,
          at: [batch.add({ principal: from, action, resource: role.arn })],
        });
      return;
    }
    if (node.kind === 'instance-profile') {
      const profile = parts.profiles.find((p) => p.arn === from)!;
      pending.push({
        from,
        to: profile.role,
        family: 'instance-profile',
        via: 'ec2.amazonaws.com assumes the profile role',
        at: [
          batch.add({
            principal: 'ec2.amazonaws.com',
            action: 'sts:AssumeRole',
            resource: profile.role,
          }),
        ],
      });
      return;
    }
    const docs = filter ? this.docsOf(from) : undefined;
    const may = (action: string, resource: string) =>
      !filter || this.hasPolicy(resource) || mayAllow(docs, action, resource);
    // Once per family, before pairing with targets: may the principal do it on anything at all?
    const mayAny = (action: string, onPolicy: boolean) =>
      !filter || onPolicy || mayAllow(docs, action, '*');
    const account = accountOf(from);
    for (const role of this.admitting(from))
      if (role.arn !== from)
        pending.push({
          from,
          to: role.arn,
          family: 'assume-role',
          via: 'sts:AssumeRole',
          at: [batch.add({ principal: from, action: 'sts:AssumeRole', resource: role.arn })],
        });
    if (mayAny('iam:UpdateAssumeRolePolicy', this.roleHasPolicy))
      for (const role of parts.roles)
        if (role.arn !== from && may('iam:UpdateAssumeRolePolicy', role.arn))
          pending.push({
            from,
            to: role.arn,
            family: 'trust-policy',
            via: 'iam:UpdateAssumeRolePolicy',
            edit: { path: role.path, value: trustFor(from) },
            at: [
              batch.add({
                principal: from,
                action: 'iam:UpdateAssumeRolePolicy',
                resource: role.arn,
              }),
            ],
          });
    for (const action of CREDENTIAL_ACTIONS)
      if (mayAny(action, this.userHasPolicy))
        for (const user of parts.users)
          if (user !== from && may(action, user))
            pending.push({
              from,
              to: user,
              family: 'credentials',
              via: action,
              at: [batch.add({ principal: from, action, resource: user })],
            });
    const mayPass = mayAny('iam:PassRole', this.roleHasPolicy);
    for (const family of mayPass ? PASS_ROLE_SERVICES : []) {
      const launch = family.launch(account);
      if (!launch.every((r) => may(r.action, r.resource))) continue;
      for (const role of this.serviceAdmits(family.service)) {
        if (role.arn === from || !may('iam:PassRole', role.arn)) continue;
        pending.push({
          from,
          to: role.arn,
          family: 'pass-role',
          via: `iam:PassRole to ${family.service}`,
          at: [
            ...launch.map((r) => batch.add({ principal: from, ...r })),
            batch.add({
              principal: from,
              action: 'iam:PassRole',
              resource: role.arn,
              context: { 'iam:PassedToService': family.service },
            }),
            batch.add({ principal: family.service, action: 'sts:AssumeRole', resource: role.arn }),
          ],
        });
      }
    }
    const ec2 = EC2_LAUNCH(account);
    if (mayPass && may(ec2.action, ec2.resource))
      for (const profile of parts.profiles)
        if (may('iam:PassRole', profile.role))
          pending.push({
            from,
            to: profile.arn,
            family: 'instance-profile',
            via: 'ec2:RunInstances with the profile',
            at: [
              batch.add({ principal: from, ...ec2 }),
              batch.add({
                principal: from,
                action: 'iam:PassRole',
                resource: profile.role,
                context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
              }),
            ],
          });
    const [, kind, name] = /^arn:aws:iam::\d{12}:(user|role)\/(?:.*\/)?([^/]+)$/.exec(from) ?? [];
    if (kind && name)
      for (const change of selfChanges(this.world.scenario, account, kind as 'user' | 'role', name))
        if (may(change.action, change.resource))
          this.pendingChanges.push({
            principal: from,
            via: change.action,
            change: change.change,
            edit: change.edit,
            at: batch.add({ principal: from, action: change.action, resource: change.resource }),
          });
  }

  /** Decides the collected requests (`progress` gets the share decided) and keeps what is not denied. */
  finish(progress: (share: number) => void = () => {}) {
    const { world, batch } = this;
    batch.decide(world, progress);
    let decisions = batch.requests.length;
    const edges: EscalationEdge[] = [];
    for (const { at, ...edge } of this.pending) {
      const requests = at.map((i) => batch.verdicts[i]!);
      let status = worst(requests);
      if (status === 'denied') continue;
      let after: RequestVerdict[] | undefined;
      if (edge.edit) {
        after = decideRequests({ ...world, scenario: applyEdit(world.scenario, edge.edit) }, [
          { principal: edge.from, action: 'sts:AssumeRole', resource: edge.to },
        ]);
        decisions++;
        status = worst([...requests, ...after]);
        if (status === 'denied') continue;
      }
      edges.push({
        ...edge,
        status: status as EscalationEdge['status'],
        requests,
        ...(after ? { after } : {}),
      });
    }
    const changes = this.pendingChanges
      .map(({ at, ...change }) => ({ ...change, request: batch.verdicts[at]! }))
      .filter((c) => c.request.status !== 'denied');
    const candidates = this.pending.length + this.pendingChanges.length;
    return { edges, changes, candidates, decisions };
  }
}

/** Reads the world's parts once, with each principal's identity documents resolved once. */
function worldContext(world: AnalysisWorld) {
  const parts = worldParts(world.scenario);
  const principals = worldPrincipals(world.scenario).filter((p) => !p.endsWith(':root'));
  const users = principals.filter((p) => /:user\//.test(p));
  const docs = new Map<string, unknown[] | undefined>();
  const docsOf = (principal: string) => {
    if (!docs.has(principal)) docs.set(principal, identityDocs(world, principal));
    return docs.get(principal);
  };
  return { parts: { ...parts, users }, principals, docsOf };
}

/** Builds the escalation graph of a world. */
export function escalationGraph(
  world: AnalysisWorld,
  options: EscalationOptions = {},
): EscalationGraph {
  const filter = options.prefilter ?? true;
  const progress = options.onProgress ?? (() => {});
  const { parts, principals, docsOf } = worldContext(world);
  const { profiles, services } = parts;
  const nodes: EscalationNode[] = [
    ...principals.map((id): EscalationNode => {
      const type = parseArn(id)?.resource.split('/')[0] ?? '';
      const kind: NodeKind =
        type === 'user'
          ? 'user'
          : type === 'role'
            ? 'role'
            : type === 'instance-profile'
              ? 'instance-profile'
              : 'federated';
      return { id, kind };
    }),
    ...services.map((id): EscalationNode => ({ id, kind: 'service' })),
  ].filter((n) => n.kind !== 'instance-profile' || profiles.some((p) => p.arn === n.id));
  // Who is admin already: every admin probe decided once per user, role and instance profile
  // (skipped, with the filter, when an identity policy cannot allow one of them).
  const probes = new Batch();
  const probed: [EscalationNode, number[]][] = [];
  for (const node of nodes) {
    if (node.kind !== 'user' && node.kind !== 'role' && node.kind !== 'instance-profile') continue;
    const requests = targetRequests({ kind: 'admin' }, node.id);
    if (filter && !requests.every((r) => mayAllow(docsOf(node.id), r.action, r.resource))) continue;
    probed.push([node, requests.map((r) => probes.add(r))]);
  }
  probes.decide(world);
  for (const [node, at] of probed) {
    const requests = at.map((i) => probes.verdicts[i]!);
    const status = worst(requests);
    if (status !== 'denied') node.admin = { status, requests };
  }
  progress(0.1);
  const collector = new EdgeCollector(world, parts, filter, docsOf);
  const omitted: string[] = [];
  nodes.forEach((node, i) => {
    if (!options.adminEdges && isAdmin(node)) omitted.push(node.id);
    else collector.expand(node);
    if (i % 100 === 99) progress(0.1 + (0.2 * i) / nodes.length);
  });
  const { edges, changes, candidates, decisions } = collector.finish((share) =>
    progress(0.3 + 0.7 * share),
  );
  progress(1);
  return {
    nodes,
    edges,
    changes,
    omitted,
    stats: { candidates, decisions: decisions + probes.requests.length },
  };
}

/** A user or role allowed every admin probe as the world gives them: its edges lead nowhere new. */
const isAdmin = (node: EscalationNode): boolean =>
  (node.kind === 'user' || node.kind === 'role') && node.admin?.status === 'allowed';

/** The requests that show a principal meets the target (none for a principal target). */
function targetRequests(target: EscalationTarget, principal: string): ScenarioRequest[] {
  if (target.kind === 'principal') return [];
  if (target.kind === 'request')
    return [{ principal, action: target.action, resource: target.resource }];
  return adminProbes(accountOf(principal)).map((r) => ({ principal, ...r }));
}

/** Who can reach the target, and how: one shortest path per user, role or identity provider. */
export function escalationPaths(
  world: AnalysisWorld,
  graph: EscalationGraph,
  target: EscalationTarget,
  options: EscalationOptions = {},
): EscalationReport {
  const filter = options.prefilter ?? true;
  const dist = new Map<string, number>();
  const next = new Map<string, PathHop>();
  const status = new Map<string, Exclude<Status, 'denied'>>();
  const holders: EscalationReport['holders'] = [];
  const queue: string[] = [];
  if (target.kind === 'principal') {
    if (graph.nodes.some((n) => n.id === target.principal)) {
      holders.push({ principal: target.principal, status: 'allowed', requests: [] });
    }
  } else if (target.kind === 'admin') {
    // The graph decided the admin probes of every user, role and instance profile.
    for (const node of graph.nodes)
      if (node.admin) holders.push({ principal: node.id, ...node.admin });
  } else {
    const verdicts = decideRequests(
      world,
      graph.nodes.flatMap((n) => targetRequests(target, n.id)),
    );
    graph.nodes.forEach((node, i) => {
      const s = verdicts[i]!.status;
      if (s !== 'denied') holders.push({ principal: node.id, status: s, requests: [verdicts[i]!] });
    });
  }
  // Edges out of admins serve only targets other than admin: add them for those.
  let { edges, changes } = graph;
  if (target.kind !== 'admin' && graph.omitted.length > 0) {
    const { parts, docsOf } = worldContext(world);
    const collector = new EdgeCollector(world, parts, filter, docsOf);
    for (const node of graph.nodes) if (graph.omitted.includes(node.id)) collector.expand(node);
    const more = collector.finish();
    edges = [...edges, ...more.edges];
    changes = [...changes, ...more.changes];
  }
  for (const h of holders) {
    dist.set(h.principal, 0);
    status.set(h.principal, h.status);
    queue.push(h.principal);
  }
  // A principal that may change its own permissions reaches the target in one hop when the
  // changed world lets it (decided there).
  if (target.kind !== 'principal')
    for (const change of changes) {
      if (dist.has(change.principal)) continue;
      const after = decideRequests(
        { ...world, scenario: applyEdit(world.scenario, change.edit) },
        targetRequests(target, change.principal),
      );
      const s = worst([change.request, ...after]);
      if (s === 'denied') continue;
      dist.set(change.principal, 1);
      status.set(change.principal, s);
      next.set(change.principal, { kind: 'change', ...change, after });
      queue.push(change.principal);
    }
  const into = new Map<string, EscalationEdge[]>();
  for (const edge of edges) {
    let list = into.get(edge.to);
    if (!list) into.set(edge.to, (list = []));
    list.push(edge);
  }
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const edge of into.get(at) ?? []) {
      if (dist.has(edge.from)) continue;
      dist.set(edge.from, dist.get(at)! + 1);
      status.set(edge.from, edge.status === 'conditional' ? 'conditional' : status.get(at)!);
      next.set(edge.from, { kind: 'edge', ...edge });
      queue.push(edge.from);
    }
  }
  const paths: EscalationPath[] = [];
  for (const node of graph.nodes) {
    if (!['user', 'role', 'federated'].includes(node.kind) || !next.has(node.id)) continue;
    const hops: PathHop[] = [];
    for (let at: string | undefined = node.id; at !== undefined && next.has(at);) {
      const hop: PathHop = next.get(at)!;
      hops.push(hop);
      at = hop.kind === 'edge' ? hop.to : undefined;
    }
    paths.push({ from: node.id, status: status.get(node.id)!, hops });
  }
  paths.sort((a, b) => a.hops.length - b.hops.length || a.from.localeCompare(b.from));
  return { target, holders, paths };
}

/** A path in words: `user/alice -(iam:PassRole to lambda.amazonaws.com)-> role/Admin -> admin`. */
export function pathText(path: EscalationPath, target: EscalationTarget): string {
  const short = (arn: string) => parseArn(arn)?.resource ?? arn;
  const end =
    target.kind === 'admin'
      ? 'admin'
      : target.kind === 'principal'
        ? short(target.principal)
        : `${target.action} on ${target.resource}`;
  const parts = [short(path.from)];
  for (const hop of path.hops)
    if (hop.kind === 'edge') parts.push(`-(${hop.via})->`, short(hop.to));
    else parts.push(`-(${hop.via})->`, end);
  if (path.hops.at(-1)?.kind === 'edge' && target.kind !== 'principal') parts.push('->', end);
  return parts.join(' ');
}
