/**
 * What can this principal do, and who can act on this resource: every cell decided by the
 * engine, with the work collapsed (classes.ts: actions no statement tells apart share one
 * decision per resource).
 */
import type {
  AccessLevel,
  ActionInfo,
  ServiceInfo,
  ServiceReference,
} from '../data/service-reference.ts';
import { arnCouldMatch } from '../data/arn-match.ts';
import { parseArn, type Scenario } from '../model/index.ts';
import { bucketOf } from '../model/index.ts';
import { externalGrants, resourcePolicyFor } from '../model/index.ts';
import { boundedCache, matchAction, weakCache } from '../engine/index.ts';
import { classesOf, type ActionClass } from './classes.ts';
import { decideCell, type Verdict } from './decide.ts';
import { ResourceClasses } from './resource-classes.ts';
import { PrincipalGroups } from './principal-groups.ts';
import { actionPatterns, resourcePatterns, worldPrincipals, worldResources } from './world.ts';
import type {
  ActionRow,
  AnalysisStats,
  AnalysisWorld,
  Cell,
  OutsideCaller,
  ServiceGroup,
  WhatCanResult,
  WhoCanQuery,
  WhoCanResult,
} from './types.ts';

/** A principal or resource the world does not have, or a service the reference lacks. */
export class AnalysisInputError extends Error {}

/** AWS's order of access levels, as its service reference tables list them. */
export const ACCESS_LEVELS: readonly AccessLevel[] = [
  'List',
  'Read',
  'Write',
  'Permissions management',
  'Tagging',
];

/** Which cells a question asks for: `action` false leaves out every cell of that action. */
export interface CellFilter {
  action(action: string): boolean;
  cell(action: string, resource: string): boolean;
}

export interface WhatCanOptions {
  /** Service prefixes to analyze (default: every service the reference has loaded). */
  services?: string[];
  /** Only these cells: the others are neither decided nor listed (change impact asks for those an edit can change). */
  only?: CellFilter;
}

/** A resource of a cell, with its resource class (resource-classes.ts). */
type Target = {
  arn: string;
  kind: Cell['resourceKind'];
  key: string;
  byName: boolean;
  /** Verdict keys by action, for a target that reads the action's name (`byName`). */
  keys?: Map<string, string>;
  /** The last principal asked whether it decides alone on this target, and the answer. */
  aloneFor?: string;
  aloneIn?: WorldAnalysis;
  alone?: boolean;
};

const OBJECT_TEMPLATE = /^arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}$/;

/** What the analysis reads of an action of the reference, read once: its name and ARN templates. */
interface ActionFacts {
  /** `service:Name`. */
  name: string;
  templates: string[];
  /** The templates as one string (targets are kept by it). */
  key: string;
}

function factsOf(action: ActionInfo): ActionFacts {
  let found = actionFacts.get(action);
  if (!found) {
    const templates = action.resourceTypes.flatMap((t) => t.arnTemplate ?? []);
    const name = `${action.service}:${action.name}`;
    found = actionFacts.set(action, { name, templates, key: templates.join('\n') });
  }
  return found;
}

const actionFacts = weakCache<ActionInfo, ActionFacts>('analysis: actions read');

/** Action classes by the world's action patterns (their text), then by service. */
const classesByPatterns = boundedCache<string, WeakMap<ServiceInfo, ActionClass[]>>(
  'analysis: action classes by patterns',
  16,
);

function sharedClassesOf(patterns: readonly string[]): WeakMap<ServiceInfo, ActionClass[]> {
  const key = patterns.join('\n');
  return classesByPatterns.get(key) ?? classesByPatterns.set(key, new WeakMap());
}

/**
 * What the analysis reads of an ARN template of the reference, the same in every world: its
 * service part and "any other resource" of it in each account it was asked for.
 */
interface TemplateFacts {
  /** The service part, lower case; undefined when it is a variable (any service). */
  service: string | undefined;
  /** An S3 object's template: each bucket of the world has "any other object". */
  object: boolean;
  /** `otherArn` of the template, by account. */
  others: Map<string, string>;
}

const templates = boundedCache<string, TemplateFacts>('analysis: ARN templates read', 20_000);

function templateFacts(template: string): TemplateFacts {
  let found = templates.get(template);
  if (!found) {
    const service = template.split(':')[2] ?? '';
    found = templates.set(template, {
      service: service.includes('$') ? undefined : service.toLowerCase(),
      object: OBJECT_TEMPLATE.test(template),
      others: new Map(),
    });
  }
  return found;
}

/** "Any other resource" of an ARN template in an account, once per template and account. */
function otherOf(template: string, account: string): string {
  const { others } = templateFacts(template);
  let arn = others.get(account);
  if (arn === undefined) others.set(account, (arn = otherArn(template, account)));
  return arn;
}

/** Fills an ARN template's variables for "any other resource of this type". */
function otherArn(template: string, account: string): string {
  return template.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    if (name === 'Partition') return 'aws';
    if (name === 'Region') return 'us-east-1';
    if (name === 'Account') return account;
    return `any-other-${name.replace(/Name.*$|Id$/, '').toLowerCase() || 'resource'}`;
  });
}

/**
 * The targets of a world's actions (its resources of each ARN type, "any other" one of each type,
 * `*`) with their resource classes. They depend only on the world's resources, its Resource and
 * NotResource patterns and its resource entries: worlds equal in those (the same world asked
 * again, an edit of an identity policy that kept its patterns) share one index.
 */
class TargetIndex {
  readonly resourceClasses: ResourceClasses;
  /** Targets by account, then by the action's ARN templates (`templateKey`). */
  readonly targets = new Map<string, Map<string, Target[]>>();

  constructor(
    readonly resources: string[],
    patterns: Iterable<string>,
    scenario: Scenario,
  ) {
    this.resourceClasses = new ResourceClasses(patterns, scenario);
  }

  /** The world's resources by their ARN's service (lower case). */
  private byService: Map<string, string[]> | undefined;

  /** The world's resources that could be of a template's service (all when it is a variable). */
  private ofService(service: string | undefined): string[] {
    if (service === undefined) return this.resources;
    if (!this.byService) {
      this.byService = new Map();
      for (const arn of this.resources) {
        const service = (arn.split(':')[2] ?? '').toLowerCase();
        let list = this.byService.get(service);
        if (!list) this.byService.set(service, (list = []));
        list.push(arn);
      }
    }
    return this.byService.get(service) ?? [];
  }

  /** The world's resources that could be of this ARN type (template), once per template. */
  private readonly byTemplate = new Map<string, string[]>();

  ofTemplate(template: string): string[] {
    let arns = this.byTemplate.get(template);
    if (!arns) {
      const facts = templateFacts(template);
      const candidates = this.ofService(facts.service);
      arns = candidates.length === 0 ? [] : candidates.filter((a) => arnCouldMatch(a, template));
      // An object of each bucket of the world: "any other object" of that bucket.
      if (facts.object)
        for (const arn of this.resources)
          if (/^arn:aws:s3:::[^/]+$/.test(arn)) arns.push(`${arn}/any-other-object`);
      this.byTemplate.set(template, arns);
    }
    return arns;
  }

  target(arn: string, kind: Cell['resourceKind']): Target {
    const { resourceClasses } = this;
    return { arn, kind, key: resourceClasses.keyOf(arn), byName: resourceClasses.readsName(arn) };
  }

  /** An action without resource types acts on `*`. */
  private star: Target[] | undefined;

  /** The world's resources of one ARN type, and any other one of it, by account and template. */
  private readonly ofOneTemplate = new Map<string, Map<string, Target[]>>();

  private targetsOf(template: string, account: string): Target[] {
    let byTemplate = this.ofOneTemplate.get(account);
    if (!byTemplate) this.ofOneTemplate.set(account, (byTemplate = new Map()));
    let list = byTemplate.get(template);
    if (!list) {
      list = this.ofTemplate(template).map((arn) =>
        this.target(arn, arn.endsWith('/any-other-object') ? 'other' : 'entry'),
      );
      const other = otherOf(template, account);
      if (!list.some((t) => t.arn === other)) list.push(this.target(other, 'other'));
      byTemplate.set(template, list);
    }
    return list;
  }

  /**
   * The world's resources of the action's ARN types, and any other one of each type in the
   * principal's account.
   */
  targetsFor(action: ActionInfo, account: string): Target[] {
    return this.byActionIn(account).get(action) ?? this.targetsOfAction(action, account);
  }

  /** Each action's targets in one account, kept by the action (one look-up a cell row). */
  private readonly byAction = new Map<string, Map<ActionInfo, Target[]>>();

  byActionIn(account: string): Map<ActionInfo, Target[]> {
    let found = this.byAction.get(account);
    if (!found) this.byAction.set(account, (found = new Map()));
    return found;
  }

  targetsOfAction(action: ActionInfo, account: string): Target[] {
    const found = this.targetsOfActionUncached(action, account);
    this.byActionIn(account).set(action, found);
    return found;
  }

  private targetsOfActionUncached(action: ActionInfo, account: string): Target[] {
    const types = action.resourceTypes;
    if (types.length === 0) return (this.star ??= [this.target('*', '*')]);
    if (types.length === 1 && types[0]!.arnTemplate !== undefined)
      return this.targetsOf(types[0]!.arnTemplate, account);
    const { templates, key } = factsOf(action);
    if (templates.length === 0) return (this.star ??= [this.target('*', '*')]);
    let byKey = this.targets.get(account);
    if (!byKey) this.targets.set(account, (byKey = new Map()));
    let out = byKey.get(key);
    if (!out) {
      const seen = new Set<string>();
      out = [];
      for (const template of templates)
        for (const target of this.targetsOf(template, account))
          if (!seen.has(target.arn)) {
            seen.add(target.arn);
            out.push(target);
          }
      byKey.set(key, out);
    }
    return out;
  }
}

const targetIndexes = boundedCache<string, TargetIndex>('analysis: targets by resources', 8);

/** The target index of a world: one already made for a world alike, or a new one. */
function targetIndexOf(world: AnalysisWorld, resources: string[]): TargetIndex {
  const patterns = [...resourcePatterns(world)];
  const key = JSON.stringify([resources, patterns, world.scenario.resources ?? null]);
  return (
    targetIndexes.get(key) ??
    targetIndexes.set(key, new TargetIndex(resources, patterns, world.scenario))
  );
}

/**
 * The analysis of one world, kept for many questions: the world's patterns, resources, classes
 * of actions and resources and each ARN type's targets are read once, and every verdict decided
 * is kept, so a later question (another principal, one alike, another slice of services, a
 * who-can after a what-can) decides only what no earlier one did. The world must not change
 * while it is used: an edit makes a new world, and a new WorldAnalysis.
 */
export class WorldAnalysis {
  readonly patterns: string[];
  readonly resources: string[];
  readonly resourceClasses: ResourceClasses;
  /** Principals alike share their verdicts (principal-groups.ts). */
  readonly principalGroups: PrincipalGroups;
  readonly classes = new Map<string, ActionClass[]>();
  /** Verdicts by principal and action class, then by resource class. */
  readonly verdicts = new Map<string, Map<string, Verdict>>();
  decisions = 0;
  requests = 0;

  constructor(
    readonly world: AnalysisWorld,
    readonly reference: ServiceReference,
  ) {
    this.patterns = [...actionPatterns(world)];
    this.resources = worldResources(world.scenario);
    this.index = targetIndexOf(world, this.resources);
    this.resourceClasses = this.index.resourceClasses;
    this.principalGroups = new PrincipalGroups(world);
  }

  classesFor(prefix: string): ActionClass[] {
    let classes = this.classes.get(prefix);
    if (!classes) {
      const service = this.reference.service(prefix);
      if (!service)
        throw new AnalysisInputError(`The service reference for "${prefix}" is not loaded.`);
      // The classes depend only on the service and the world's action patterns: a world with
      // the same patterns (the same one asked again, an edit that kept them) shares them.
      const byPatterns = (this.#sharedClasses ??= sharedClassesOf(this.patterns));
      classes = byPatterns.get(service);
      if (!classes) byPatterns.set(service, (classes = classesOf(service, this.patterns)));
      this.classes.set(prefix, classes);
    }
    return classes;
  }

  #sharedClasses: WeakMap<ServiceInfo, ActionClass[]> | undefined;

  /** The world's targets (shared with the worlds alike: TargetIndex). */
  readonly index: TargetIndex;

  /**
   * The world's resources of the action's ARN types, and any other one of each type in the
   * principal's account.
   */
  targetsFor(action: ActionInfo, account: string): Target[] {
    return this.index.targetsFor(action, account);
  }

  ofTemplate(template: string): string[] {
    return this.index.ofTemplate(template);
  }

  /** The verdicts of one principal (and the principals alike) for one action class, by resource class. */
  verdictsFor(principal: string, cls: ActionClass): Map<string, Verdict> {
    const key = `${this.principalGroups.keyOf(principal)}\n${cls.id}`;
    let byResource = this.verdicts.get(key);
    if (!byResource) this.verdicts.set(key, (byResource = new Map()));
    return byResource;
  }

  /** One cell, decided once per resource class of `verdicts` (verdictsFor's map). */
  cell(principal: string, verdicts: Map<string, Verdict>, action: string, target: Target): Cell {
    let key = target.key;
    if (target.byName) {
      const keys = (target.keys ??= new Map());
      key = keys.get(action) ?? `${target.key}\n${action}`;
      keys.set(action, key);
    }
    // A resource that could name the principal is decided for the principal alone.
    if (target.aloneFor !== principal || target.aloneIn !== this) {
      target.alone = this.principalGroups.decidesAlone(target.arn, principal);
      target.aloneFor = principal;
      target.aloneIn = this;
    }
    if (target.alone) key = `${key}\n${principal}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      // Any member of the class on any resource of the resource class decides for all of them.
      const decided = decideCell(this.world, principal, action, target.arn);
      verdict = decided.verdict;
      this.decisions += decided.decisions;
      this.requests++;
      verdicts.set(key, verdict);
    }
    const cell: Cell = {
      principal,
      action,
      resource: target.arn,
      resourceKind: target.kind,
      status: verdict.status,
      decision: verdict.decision,
      step: verdict.step,
    };
    if (verdict.layer !== undefined) cell.layer = verdict.layer;
    if (verdict.keys !== undefined) cell.keys = verdict.keys;
    return cell;
  }

  /** Every action of the loaded services (or of `options.services`) the principal may perform, on which resources. */
  whatCan(principal: string, options: WhatCanOptions = {}): WhatCanResult {
    const { world, reference } = this;
    requirePrincipal(world, principal);
    const start = { requests: this.requests, decisions: this.decisions };
    const account = accountOf(principal);
    const prefixes =
      options.services ??
      reference.services.map((s) => s.prefix).filter((p) => reference.isLoaded(p));
    const rows: { service: string; row: ActionRow }[] = [];
    let classCount = 0;
    const { index } = this;
    const byAction = index.byActionIn(account);
    for (const prefix of prefixes) {
      const classes = this.classesFor(prefix);
      classCount += classes.length;
      for (const cls of classes) {
        const verdicts = this.verdictsFor(principal, cls);
        const { members, names } = cls;
        for (let i = 0; i < members.length; i++) {
          const action = members[i]!;
          const name = names[i]!;
          const { only } = options;
          if (only && !only.action(name)) continue;
          let targets = byAction.get(action) ?? index.targetsOfAction(action, account);
          if (only) targets = targets.filter((t) => only.cell(name, t.arn));
          if (targets.length === 0) continue;
          const cells = targets.map((t) => this.cell(principal, verdicts, name, t));
          rows.push({
            service: action.service,
            row: { action: name, access: action.access, cells },
          });
        }
      }
    }
    return { principal, services: group(rows), stats: stats(this, start, rows, classCount) };
  }

  /** Every principal of the world that may act on the resource, and who outside it may. */
  whoCan(resource: string, query: WhoCanQuery): WhoCanResult {
    const { world, reference } = this;
    if (!hasResource(world, resource))
      throw new AnalysisInputError(
        `${resource} is not a resource of this world (its resource entries, objects of its buckets, users, roles and customer managed policies).`,
      );
    const start = { requests: this.requests, decisions: this.decisions };
    const prefix = parseArn(resource)?.service ?? '';
    const classes = this.classesFor(prefix);
    let wanted: (a: ActionInfo) => boolean;
    if ('action' in query) {
      const info = reference.action(query.action);
      if (!info || info.service.toLowerCase() !== prefix.toLowerCase())
        throw new AnalysisInputError(
          `${query.action} is not an action of service "${prefix}" in AWS's service reference.`,
        );
      wanted = (a) => a === info;
    } else {
      const level = 'accessLevel' in query ? query.accessLevel : undefined;
      wanted = (a) =>
        (level === undefined || a.access === level) &&
        a.resourceTypes.some(
          (t) => t.arnTemplate !== undefined && arnCouldMatch(resource, t.arnTemplate),
        );
    }
    const selected = classes
      .map((cls) => ({ cls, members: cls.members.filter(wanted) }))
      .filter((c) => c.members.length > 0);
    const target: Target = {
      arn: resource,
      kind: 'entry',
      key: `=${resource}`,
      byName: this.resourceClasses.readsName(resource),
    };
    const named = selected.map(({ cls, members }) => ({
      cls,
      members: members.map((action) => ({ action, name: `${action.service}:${action.name}` })),
    }));
    const principals = worldPrincipals(world.scenario).map((principal) => {
      const rows: { service: string; row: ActionRow }[] = [];
      for (const { cls, members } of named) {
        const verdicts = this.verdictsFor(principal, cls);
        for (const { action, name } of members) {
          const cell = this.cell(principal, verdicts, name, target);
          rows.push({
            service: action.service,
            row: { action: name, access: action.access, cells: [cell] },
          });
        }
      }
      return { principal, services: group(rows), rows };
    });
    const actions = selected.flatMap((c) => c.members.map((a) => `${a.service}:${a.name}`));
    const allRows = principals.flatMap((p) => p.rows);
    return {
      resource,
      principals: principals.map(({ principal, services }) => ({ principal, services })),
      outside: outsideCallers(world, resource, actions),
      stats: stats(this, start, allRows, selected.length),
    };
  }
}

function group(rows: { service: string; row: ActionRow }[]): ServiceGroup[] {
  const services = new Map<string, Map<AccessLevel, ActionRow[]>>();
  for (const { service, row } of rows) {
    let levels = services.get(service);
    if (!levels) services.set(service, (levels = new Map()));
    let list = levels.get(row.access);
    if (!list) levels.set(row.access, (list = []));
    list.push(row);
  }
  return [...services].map(([service, levels]) => ({
    service,
    levels: ACCESS_LEVELS.filter((a) => levels.has(a)).map((access) => ({
      access,
      actions: levels.get(access)!,
    })),
  }));
}

/** The work of one question: what `analysis` counted since `start` (its counters then). */
function stats(
  analysis: WorldAnalysis,
  start: { requests: number; decisions: number },
  rows: { row: ActionRow }[],
  classes: number,
): AnalysisStats {
  return {
    actions: rows.length,
    classes,
    cells: rows.reduce((n, r) => n + r.row.cells.length, 0),
    requests: analysis.requests - start.requests,
    decisions: analysis.decisions - start.decisions,
  };
}

/** Throws AnalysisInputError when the world has no such principal. */
export function requirePrincipal(world: AnalysisWorld, principal: string): void {
  const principals = worldPrincipals(world.scenario);
  if (principals.includes(principal)) return;
  // The same kind and name in the same account under an IAM path (role/web/Name for role/Name,
  // as an ARN is often written without its path): the likely one meant.
  const named = /^(arn:[^:]+:iam::\d{12}:(?:user|role|instance-profile))\/(?:.*\/)?([^/]+)$/.exec(
    principal,
  );
  const near = named
    ? principals.find((p) => p.startsWith(`${named[1]}/`) && p.endsWith(`/${named[2]}`))
    : undefined;
  throw new AnalysisInputError(
    `${principal} is not a principal of this world (its users, roles, instance profiles, root users and the identity providers its trust policies name).${near ? ` Did you mean ${near} (with its path)?` : ''}`,
  );
}

/** The account a principal's "any other resource" belongs to: its own. */
function accountOf(principal: string): string {
  return parseArn(principal)?.account || '123456789012';
}

/** Every action of the loaded services the principal may perform, on which resources. */
export function whatCan(
  world: AnalysisWorld,
  principal: string,
  reference: ServiceReference,
  options: WhatCanOptions = {},
): WhatCanResult {
  return new WorldAnalysis(world, reference).whatCan(principal, options);
}

/** True when the world has the resource, or it is an object of a bucket the world has. */
function hasResource(world: AnalysisWorld, resource: string): boolean {
  const all = worldResources(world.scenario);
  return (
    all.includes(resource) ||
    (bucketOf(resource) !== undefined && all.includes(bucketOf(resource)!))
  );
}

/** Every principal of the world that may act on the resource, and who outside it may. */
export function whoCan(
  world: AnalysisWorld,
  resource: string,
  query: WhoCanQuery,
  reference: ServiceReference,
): WhoCanResult {
  return new WorldAnalysis(world, reference).whoCan(resource, query);
}

/** The callers outside the world's principals that the resource's policy admits. */
function outsideCallers(
  world: AnalysisWorld,
  resource: string,
  actions: string[],
): OutsideCaller[] {
  const policy = resourcePolicyFor(world.scenario, resource);
  if (!policy) return [];
  const principals = new Set(worldPrincipals(world.scenario));
  const out: OutsideCaller[] = [];
  for (const grant of externalGrants(policy.document, policy.account)) {
    if (principals.has(grant.value)) continue; // decided cell by cell above
    const allowed = actions.filter(
      (a) => grant.actions.some((p) => matchAction(p, a)) !== grant.notAction,
    );
    if (allowed.length === 0) continue;
    out.push({
      kind: grant.kind,
      value: grant.value,
      policy: policy.path,
      statement: grant.statement,
      ...(grant.sid !== undefined ? { sid: grant.sid } : {}),
      actions: allowed,
      conditionKeys: grant.conditionKeys,
    });
  }
  return out;
}
