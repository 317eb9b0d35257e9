/**
 * Change impact: what access an edit adds or removes. Two versions of a world are compared cell
 * by cell over the union of what each principal of either world may do (`whatCan` in both, on
 * the union of their cells); every (principal, action, resource) whose verdict changes is listed,
 * grouped by direction, principal and resource, with one concrete request per group that shows
 * the change (the request the two worlds decide differently). IAM Access Analyzer's
 * CheckNoNewAccess answers only pass or fail; this names the access and gives the request.
 */
import type { ServiceReference } from '../data/service-reference.ts';
import type { ScenarioRequest } from '../model/index.ts';
import { whatCan, type CellFilter } from './analyze.ts';
import { decideCell, type Verdict } from './decide.ts';
import type { AnalysisWorld, Cell, ServiceGroup, Status } from './types.ts';
import {
  isRecord,
  matchAction,
  matchArnPattern,
  validatePolicy,
  type JsonPath,
  type PolicySource,
} from '../engine/index.ts';
import {
  externalGrants,
  jsonEqual,
  parseArn,
  referencedManagedPolicies,
  resolveRequest,
  resourcePolicies,
} from '../model/index.ts';
import { worldPrincipals, worldResources } from './world.ts';

/** One cell's verdict before and after. */
export interface ChangedAction {
  action: string;
  before: Verdict;
  after: Verdict;
}

export interface ImpactGroup {
  direction: 'added' | 'removed';
  principal: string;
  resource: string;
  actions: ChangedAction[];
  /** A request the two worlds decide differently: "add as request" makes the change a test. */
  counterexample: ScenarioRequest;
}

/**
 * A caller outside the world's principals that a resource or trust policy admits (public,
 * another account, an organization, an identity provider), newly or no longer: found from the
 * policies' statements as `whoCan` finds them (src/model/external-access.ts).
 */
export interface OutsideChange {
  direction: 'added' | 'removed';
  resource: string;
  kind: string;
  value: string;
  /** The statement's Action (or NotAction) patterns and condition keys. */
  actions: string[];
  notAction: boolean;
  conditionKeys: string[];
  /** Where the statement stands in the world that has it. */
  statement: JsonPath;
}

export interface ImpactResult {
  added: ImpactGroup[];
  removed: ImpactGroup[];
  outside: OutsideChange[];
  /** Cells compared (of the principals the edit can change), and how many changed. */
  cells: number;
  changed: number;
}

export interface ImpactOptions {
  /** Service prefixes to compare (default: `impactServices`). */
  services?: string[];
  /** Compare every principal and every cell, not only those the edit can change (the truth checks do: from scratch). */
  everyone?: boolean;
}

/** The Action patterns of the world's documents (and the AWS managed ones it attaches); null when one uses NotAction. */
function patternsOf(world: AnalysisWorld): string[] | null {
  const out: string[] = [];
  let notAction = false;
  const walk = (node: unknown, key: string | undefined): void => {
    if (typeof node === 'string') {
      if (key === 'Action') out.push(node.toLowerCase());
      if (key === 'NotAction') notAction = true;
    } else if (Array.isArray(node)) for (const item of node) walk(item, key);
    else if (typeof node === 'object' && node !== null)
      for (const [k, v] of Object.entries(node)) if (k !== 'requests') walk(v, k);
  };
  walk(world.scenario, undefined);
  for (const arn of referencedManagedPolicies(world.scenario)) walk(world.catalog.get(arn), 'doc');
  return notAction ? null : out;
}

/**
 * The services whose cells an edit can change. A service that no Action pattern of either world
 * can match (by its service part: `*` and `s3*` match many) and no resource of either world
 * belongs to is decided alike in both worlds: only what the model adds itself (FullAWSAccess,
 * RCPFullAWSAccess, the root user's own account) can allow it, and that is the same unless the
 * organization or the set of accounts changed. Then, or when a policy uses NotAction (it matches
 * every service it does not list), every service of `prefixes` is compared.
 */
export function impactServices(
  before: AnalysisWorld,
  after: AnalysisWorld,
  prefixes: readonly string[],
): string[] {
  const loaded = [...prefixes];
  const accounts = (w: AnalysisWorld) => Object.keys(w.scenario.accounts ?? {}).sort();
  const old = patternsOf(before);
  const now = patternsOf(after);
  if (
    !old ||
    !now ||
    !jsonEqual(before.scenario.organization ?? null, after.scenario.organization ?? null) ||
    !jsonEqual(accounts(before), accounts(after))
  )
    return loaded;
  const patterns = new Set([...old, ...now]);
  const named = new Set<string>();
  for (const w of [before, after])
    for (const arn of worldResources(w.scenario)) {
      const service = parseArn(arn)?.service;
      if (service) named.add(service.toLowerCase());
    }
  return loaded.filter(
    (prefix) =>
      named.has(prefix.toLowerCase()) ||
      [...patterns].some((p) => {
        const service = p.includes(':') ? p.slice(0, p.indexOf(':')) : p;
        return matchAction(`${service}:x`, `${prefix}:x`);
      }),
  );
}

/** Where two JSON values differ: the paths of the first differing node on each branch. */
function differences(
  a: unknown,
  b: unknown,
  path: JsonPath = [],
  out: JsonPath[] = [],
): JsonPath[] {
  const record = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (record(a) && record(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      if (!(Object.hasOwn(a, key) && Object.hasOwn(b, key) && jsonEqual(a[key], b[key])))
        differences(a[key], b[key], [...path, key], out);
  } else if (!jsonEqual(a, b)) out.push(path);
  return out;
}

/** True for a path inside an identity policy document: a customer managed policy or an inline one. */
const inIdentityDocument = (path: JsonPath): boolean =>
  path[0] === 'accounts' &&
  ((path[2] === 'policies' && path.length >= 4) ||
    (['users', 'groups', 'roles'].includes(String(path[2])) &&
      path[4] === 'inline' &&
      path.length >= 6));

/**
 * The principals whose cells the edit can change, each with the cells it can change (undefined:
 * any). When the two worlds differ only inside identity policy documents, a principal's
 * decisions read them only through its identity side (its identity policies and permissions
 * boundary, as the model resolves them): a principal whose identity side is the same in both
 * worlds keeps every cell, and is not analyzed again; one whose side changed keeps every cell
 * no added or removed statement could apply to (`editedCells`). Any other edit (a resource or
 * trust policy, tags, membership, the organization) may change any cell of anyone: then every
 * principal of either world, every cell.
 */
function touchedPrincipals(
  before: AnalysisWorld,
  after: AnalysisWorld,
  all: string[],
): { principal: string; only?: CellFilter }[] {
  if (!differences(before.scenario, after.scenario).every(inIdentityDocument))
    return all.map((principal) => ({ principal }));
  const out: { principal: string; only?: CellFilter }[] = [];
  for (const principal of all) {
    const old = sideOf(before, principal);
    const now = sideOf(after, principal);
    if (old !== undefined && jsonEqual(old, now)) continue;
    const only = editedCells(old, now);
    out.push(only ? { principal, only } : { principal });
  }
  return out;
}

/** What decides whether a statement could apply to a request: its Action and Resource elements. */
interface StatementScope {
  actions: string[];
  notAction: boolean;
  /** Lower-case service parts of the action patterns; undefined when one could be any service. */
  services: Set<string> | undefined;
  resources: string[];
  notResource: boolean;
}

const asStrings = (v: unknown): string[] | undefined =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? (v as string[])
      : undefined;

const statementList = (doc: unknown): unknown[] => {
  const raw = isRecord(doc) ? doc['Statement'] : undefined;
  return Array.isArray(raw) ? raw : [raw];
};

/** A statement's scope; undefined when its elements are not plain strings (then it could apply anywhere). */
function scopeOf(statement: unknown): StatementScope | undefined {
  if (!isRecord(statement)) return undefined;
  const notAction = Object.hasOwn(statement, 'NotAction');
  const notResource = Object.hasOwn(statement, 'NotResource');
  const actions = asStrings(statement[notAction ? 'NotAction' : 'Action']);
  const resources = asStrings(statement[notResource ? 'NotResource' : 'Resource']);
  if (!actions || !resources) return undefined;
  let services: Set<string> | undefined = new Set();
  for (const pattern of actions) {
    const colon = pattern.indexOf(':');
    const service = colon < 0 ? '*' : pattern.slice(0, colon).toLowerCase();
    if (/[*?]/.test(service)) services = undefined;
    else services?.add(service);
  }
  return { actions, notAction, services, resources, notResource };
}

/** True when the statement's Action (or NotAction) matches the action. */
function appliesToAction(scope: StatementScope, action: string): boolean {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const named =
    (scope.services === undefined || scope.services.has(service)) &&
    scope.actions.some((p) => matchAction(p, action));
  return named !== scope.notAction;
}

/** True unless the statement surely applies to no request for this action on this resource. */
function couldApply(scope: StatementScope, action: string, resource: string): boolean {
  if (!appliesToAction(scope, action)) return false;
  // `*` (an action without resources) and patterns with variables are not told apart here.
  if (resource === '*') return true;
  const hit = scope.resources.some((p) => p.includes('${') || matchArnPattern(p, resource));
  if (scope.notResource)
    return !scope.resources.some((p) => !p.includes('${') && matchArnPattern(p, resource));
  return hit;
}

/** The statements of `a` not in `b` (by their JSON, counting repeats). */
function without(a: unknown[], b: unknown[]): unknown[] {
  const left = new Map<string, number>();
  for (const st of b) left.set(JSON.stringify(st), (left.get(JSON.stringify(st)) ?? 0) + 1);
  return a.filter((st) => {
    const key = JSON.stringify(st);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    return n === 0;
  });
}

/** A principal's identity side as the model resolves it: its identity policies and boundary. */
type Side = PolicySource[];

function sideOf(world: AnalysisWorld, principal: string): Side | undefined {
  const resolved = resolveRequest(
    world.scenario,
    { principal, action: 'sts:GetCallerIdentity', resource: '*' },
    { catalog: world.catalog, now: world.now ?? new Date() },
  );
  if (!resolved.ok || !resolved.input) return undefined;
  const { identityPolicies, boundary } = resolved.input;
  return boundary ? [...identityPolicies, boundary] : identityPolicies;
}

/**
 * The cells whose verdict an edit inside the principal's identity documents can change: those
 * some added or removed statement could apply to. Every other statement of each document is the
 * same in both worlds and decides each request the same way, so the request's decision, its
 * forced cases and the keys it names are the same (conditional.ts reads only statements whose
 * Action matches). Undefined (any cell) when the documents do not pair up, or when either
 * version of a changed one has an error: one statement can then change what the others are (a
 * duplicate Sid skips a statement that did not change).
 */
function editedCells(old: Side | undefined, now: Side | undefined): CellFilter | undefined {
  if (!old || !now || old.length !== now.length) return undefined;
  const scopes: StatementScope[] = [];
  for (let i = 0; i < old.length; i++) {
    const a = old[i]!;
    const b = now[i]!;
    if (a.document === b.document || jsonEqual(a.document, b.document)) continue;
    if (a.kind !== b.kind || !jsonEqual(a.id, b.id)) return undefined;
    const { Statement: _a, ...restA } = isRecord(a.document) ? a.document : {};
    const { Statement: _b, ...restB } = isRecord(b.document) ? b.document : {};
    if (!jsonEqual(restA, restB)) return undefined;
    for (const source of [a, b]) {
      const options = source.sizeLimit ? { sizeLimit: source.sizeLimit } : {};
      const problems = validatePolicy(source.document, source.kind, undefined, options);
      if (problems.some((p) => p.severity === 'error')) return undefined;
    }
    const sa = statementList(a.document);
    const sb = statementList(b.document);
    for (const st of [...without(sa, sb), ...without(sb, sa)]) {
      const scope = scopeOf(st);
      if (!scope) return undefined;
      scopes.push(scope);
    }
  }
  // Both worlds ask the same questions of the filter: each is answered once.
  const actions = new Map<string, boolean>();
  const cells = new Map<string, boolean>();
  return {
    action: (action) => {
      let answer = actions.get(action);
      if (answer === undefined) {
        answer = scopes.some((scope) => appliesToAction(scope, action));
        actions.set(action, answer);
      }
      return answer;
    },
    cell: (action, resource) => {
      const key = `${action}\n${resource}`;
      let answer = cells.get(key);
      if (answer === undefined) {
        answer = scopes.some((scope) => couldApply(scope, action, resource));
        cells.set(key, answer);
      }
      return answer;
    },
  };
}

const RANK: Record<Status, number> = { denied: 0, conditional: 1, allowed: 2 };

/** A principal the world does not have can do nothing there. */
const ABSENT: Verdict = {
  status: 'denied',
  decision: 'implicitDeny',
  step: 'resolution',
  layer: 'unresolved',
};

const cellsOf = (groups: ServiceGroup[]): Cell[] =>
  groups.flatMap((g) => g.levels.flatMap((l) => l.actions.flatMap((a) => a.cells)));

function verdictOfCell(cell: Cell): Verdict {
  const { status, decision, step, layer, keys } = cell;
  return { status, decision, step, ...(layer ? { layer } : {}), ...(keys ? { keys } : {}) };
}

/** The principal's cells in one world, by action and resource (empty when the world lacks it). */
function cellsIn(
  world: AnalysisWorld,
  principal: string,
  present: boolean,
  reference: ServiceReference,
  services: string[],
  only: CellFilter | undefined,
): Map<string, Cell> {
  const out = new Map<string, Cell>();
  if (!present) return out;
  const options = only ? { services, only } : { services };
  for (const cell of cellsOf(whatCan(world, principal, reference, options).services))
    out.set(`${cell.action}\n${cell.resource}`, cell);
  return out;
}

/** Every cell whose verdict differs between the two worlds, grouped, with a counterexample each. */
export function changeImpact(
  before: AnalysisWorld,
  after: AnalysisWorld,
  reference: ServiceReference,
  options: ImpactOptions = {},
): ImpactResult {
  const inBefore = new Set(worldPrincipals(before.scenario));
  const inAfter = new Set(worldPrincipals(after.scenario));
  const loaded = reference.services.map((s) => s.prefix).filter((p) => reference.isLoaded(p));
  const services = options.services ?? impactServices(before, after, loaded);
  const groups = new Map<string, ImpactGroup>();
  let cells = 0;
  let changed = 0;
  const everyone = [...new Set([...inBefore, ...inAfter])];
  const principals = options.everyone
    ? everyone.map((principal) => ({ principal, only: undefined }))
    : touchedPrincipals(before, after, everyone);
  for (const { principal, only } of principals) {
    const old = cellsIn(before, principal, inBefore.has(principal), reference, services, only);
    const now = cellsIn(after, principal, inAfter.has(principal), reference, services, only);
    const verdict = (
      world: AnalysisWorld,
      present: boolean,
      cell: Cell | undefined,
      other: Cell,
    ) => {
      if (cell) return verdictOfCell(cell);
      if (!present) return ABSENT;
      return decideCell(world, principal, other.action, other.resource).verdict;
    };
    for (const key of new Set([...old.keys(), ...now.keys()])) {
      cells++;
      const any = (old.get(key) ?? now.get(key))!;
      const was = verdict(before, inBefore.has(principal), old.get(key), any);
      const is = verdict(after, inAfter.has(principal), now.get(key), any);
      if (was.status === is.status) continue;
      changed++;
      const direction = RANK[is.status] > RANK[was.status] ? 'added' : 'removed';
      const id = `${direction}\n${principal}\n${any.resource}`;
      let group = groups.get(id);
      if (!group) {
        group = {
          direction,
          principal,
          resource: any.resource,
          actions: [],
          counterexample: {
            principal,
            action: any.action,
            resource: any.resource,
            expect: is.decision,
          },
        };
        groups.set(id, group);
      }
      group.actions.push({ action: any.action, before: was, after: is });
      // Prefer a request whose decision as the world gives it differs (not only under conditions).
      const shown = group.actions.find((a) => a.action === group!.counterexample.action)!;
      if (shown.before.decision === shown.after.decision && was.decision !== is.decision)
        group.counterexample = {
          principal,
          action: any.action,
          resource: any.resource,
          expect: is.decision,
        };
    }
  }
  const all = [...groups.values()].sort(
    (a, b) => a.principal.localeCompare(b.principal) || a.resource.localeCompare(b.resource),
  );
  return {
    added: all.filter((g) => g.direction === 'added'),
    removed: all.filter((g) => g.direction === 'removed'),
    outside: outsideChanges(before, after),
    cells,
    changed,
  };
}

/** The outside callers each world's resource policies admit, by what they are admitted to. */
function outsideGrants(world: AnalysisWorld): Map<string, Omit<OutsideChange, 'direction'>> {
  const inside = new Set(worldPrincipals(world.scenario));
  const out = new Map<string, Omit<OutsideChange, 'direction'>>();
  for (const ref of resourcePolicies(world.scenario))
    for (const g of externalGrants(ref.document, ref.account)) {
      // Services are not outside callers (as in the exposure findings); world principals have cells.
      if (g.kind === 'service' || inside.has(g.value)) continue;
      const actions = [...g.actions].sort();
      const conditionKeys = [...g.conditionKeys].sort();
      const key = JSON.stringify([
        ref.resource,
        g.kind,
        g.value,
        g.notAction,
        actions,
        conditionKeys,
      ]);
      out.set(key, {
        resource: ref.resource,
        kind: g.kind,
        value: g.value,
        actions,
        notAction: g.notAction,
        conditionKeys,
        statement: [...ref.path, ...g.statement],
      });
    }
  return out;
}

function outsideChanges(before: AnalysisWorld, after: AnalysisWorld): OutsideChange[] {
  const old = outsideGrants(before);
  const now = outsideGrants(after);
  return [
    ...[...now]
      .filter(([k]) => !old.has(k))
      .map(([, g]) => ({ direction: 'added' as const, ...g })),
    ...[...old]
      .filter(([k]) => !now.has(k))
      .map(([, g]) => ({ direction: 'removed' as const, ...g })),
  ];
}
