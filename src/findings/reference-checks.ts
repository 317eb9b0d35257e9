/**
 * Checks of one statement against AWS's service reference: do its actions exist, do its
 * resources fit its actions, do its condition keys apply to its actions, do its condition
 * operators fit its keys' types.
 *
 * Every check stays silent when it cannot be certain: a service that is not loaded, an
 * action `*`, `NotAction`, `NotResource`, a resource that is not an ARN. A finding means
 * AWS's own reference says the element cannot do what it seems to.
 */
import { isArn } from '../model/index.ts';
import {
  type JsonPath,
  parseOperator as parseConditionOperator,
  type OperatorFamily as EngineFamily,
} from '../engine/index.ts';
import {
  isKeyTemplate,
  splitAction,
  suggest,
  type ActionInfo,
  type ConditionKeyType,
  type ServiceReference,
} from '../data/service-reference.ts';
import { arnCouldMatch } from '../data/arn-match.ts';
import { DOCS } from './docs.ts';
import { isObject, type ElementValue, type StatementView } from './statements.ts';
import type { Finding } from './types.ts';

const hasWildcard = (s: string) => /[*?]/.test(s);

// ---- action names ----

/** A finding about one action name or pattern (`s3:GetObjekt`, `s4:*`), or undefined when it is fine or cannot be told. */
export function actionNameFinding(
  { value, path }: ElementValue,
  ref: ServiceReference,
): Finding | undefined {
  if (value === '*') return undefined;
  const [prefix, name] = splitAction(value);
  if (name === undefined || prefix === '') return undefined; // malformed: validation reports it
  if (hasWildcard(prefix)) {
    if (ref.servicesMatching(prefix).length > 0) return undefined;
    return {
      code: 'action-pattern-matches-nothing',
      severity: 'warning',
      message: `No AWS service prefix matches "${prefix}", so "${value}" matches no action.`,
      path,
      docs: DOCS.serviceReference,
    };
  }
  if (!ref.isKnownService(prefix)) {
    const guess = suggest(
      prefix,
      ref.services.map((s) => s.prefix),
    );
    return {
      code: 'unknown-service',
      severity: 'warning',
      message:
        `AWS has no service with the prefix "${prefix}", so "${value}" matches no request.` +
        (guess ? ` Did you mean "${guess}"?` : ''),
      path,
      docs: DOCS.serviceReference,
      ...(guess
        ? { fix: { description: `Use ${guess}:${name}`, path, replacement: `${guess}:${name}` } }
        : {}),
    };
  }
  const service = ref.service(prefix);
  if (!service) return undefined; // not loaded: cannot tell
  if (hasWildcard(name)) {
    if (ref.actionsMatching(value)?.length !== 0) return undefined;
    return {
      code: 'action-pattern-matches-nothing',
      severity: 'warning',
      message: `"${value}" matches no action of ${service.name}.`,
      path,
      docs: DOCS.serviceReference,
    };
  }
  if (ref.action(value)) return undefined;
  const guess = suggest(
    name,
    service.actions.map((a) => a.name),
  );
  return {
    code: 'unknown-action',
    severity: 'warning',
    message:
      `${service.name} has no action "${name}", so "${value}" matches no request.` +
      (guess ? ` Did you mean "${prefix}:${guess}"?` : ''),
    path,
    docs: DOCS.serviceReference,
    ...(guess
      ? {
          fix: {
            description: `Use ${prefix}:${guess}`,
            path,
            replacement: `${prefix}:${guess}`,
          },
        }
      : {}),
  };
}

/** Unknown services and actions, and action patterns that match nothing, in Action and NotAction. */
export function actionNameFindings(st: StatementView, ref: ServiceReference): Finding[] {
  const values = [...(st.action?.values ?? []), ...(st.notAction?.values ?? [])];
  return values.flatMap((v) => actionNameFinding(v, ref) ?? []);
}

// ---- resolving a statement's actions ----

interface ResolvedAction {
  value: ElementValue;
  actions: readonly ActionInfo[];
}

/**
 * The actions a statement's `Action` names, per value; undefined when that cannot be known
 * completely (no `Action`, `*`, a service that is not loaded, a non-string entry).
 */
function resolveActions(st: StatementView, ref: ServiceReference): ResolvedAction[] | undefined {
  if (!st.action || !st.action.allStrings || st.notAction) return undefined;
  const resolved: ResolvedAction[] = [];
  for (const value of st.action.values) {
    if (value.value === '*') return undefined;
    const actions = ref.actionsMatching(value.value);
    if (actions === undefined) return undefined;
    resolved.push({ value, actions });
  }
  return resolved;
}

/** A statement's actions that name resource types, and whether one of them accepts an ARN. */
interface ActionSet {
  /** Every action, once. */
  actions: ActionInfo[];
  /** The condition keys they declare (made when first asked). */
  keys?: ActionKeys;
  scoped: ActionInfo[];
  acceptsSome: (arn: string) => boolean;
}

/**
 * The action set of an Action element, once per reference and list of patterns: a big world
 * repeats the same lists (and `s3:*` alone brings hundreds of actions to try on each resource).
 */
const actionSets = new WeakMap<ServiceReference, Map<string, ActionSet>>();

function actionSet(ref: ServiceReference, resolved: ResolvedAction[]): ActionSet {
  const key = resolved.map((r) => r.value.value).join('\n');
  let sets = actionSets.get(ref);
  if (!sets) {
    sets = new Map();
    actionSets.set(ref, sets);
  }
  let set = sets.get(key);
  if (!set) {
    const actions = [...new Set(resolved.flatMap((r) => r.actions))];
    const scoped = actions.filter((a) => a.resourceTypes.length > 0);
    // Some action accepts the ARN when one of their resource types does: each template once
    // (hundreds of actions share a dozen), and any ARN when a type has none.
    const templates = new Set<string>();
    let anyArn = false;
    for (const a of scoped)
      for (const t of a.resourceTypes)
        if (t.arnTemplate === undefined) anyArn = true;
        else templates.add(t.arnTemplate);
    const fits = templateMatcher(ref);
    const memo = new Map<string, boolean>();
    set = {
      actions,
      scoped,
      acceptsSome: (arn) => {
        let ok = memo.get(arn);
        if (ok === undefined) {
          ok = anyArn;
          if (!ok) for (const t of templates) if ((ok = fits(arn, t))) break;
          if (memo.size >= 10_000) memo.clear();
          memo.set(arn, ok);
        }
        return ok;
      },
    };
    if (sets.size >= 10_000) sets.clear();
    sets.set(key, set);
  }
  return set;
}

// ---- resources ----

type Acceptor = (action: ActionInfo, arn: string) => boolean;

/** One acceptor per service reference, shared by every statement checked against it. */
const acceptors = new WeakMap<ServiceReference, Acceptor>();

/**
 * `accepts(action, arn)`: could the action act on a resource with this ARN? Memoized per
 * (ARN, template), since patterns like `ec2:*` bring hundreds of actions that share templates,
 * and across statements (a big world names the same resources in statement after statement).
 */
function acceptor(ref: ServiceReference): Acceptor {
  let accepts = acceptors.get(ref);
  if (!accepts) {
    accepts = newAcceptor(templateMatcher(ref));
    acceptors.set(ref, accepts);
  }
  return accepts;
}

/** `fits(arn, template)`: arnCouldMatch, memoized per reference (see `acceptor`). */
const templateMatchers = new WeakMap<
  ServiceReference,
  (arn: string, template: string) => boolean
>();

function templateMatcher(ref: ServiceReference): (arn: string, template: string) => boolean {
  let fits = templateMatchers.get(ref);
  if (!fits) {
    fits = memoArnCouldMatch();
    templateMatchers.set(ref, fits);
  }
  return fits;
}

function newAcceptor(matches: (arn: string, template: string) => boolean): Acceptor {
  return (action, arn) =>
    action.resourceTypes.some((t) => t.arnTemplate === undefined || matches(arn, t.arnTemplate));
}

function memoArnCouldMatch(): (arn: string, template: string) => boolean {
  const memo = new Map<string, boolean>();
  return (arn: string, template: string) => {
    const key = `${arn}\n${template}`;
    let result = memo.get(key);
    if (result === undefined) {
      result = arnCouldMatch(arn, template);
      // The app keeps its reference for the whole session: the memo starts over past a bound.
      if (memo.size >= 100_000) memo.clear();
      memo.set(key, result);
    }
    return result;
  };
}

/** Where the resource part of an ARN starts (after the fifth colon), or -1. */
function resourcePartStart(arn: string): number {
  let index = -1;
  for (let n = 0; n < 5; n++) {
    index = arn.indexOf(':', index + 1);
    if (index < 0) return -1;
  }
  return index + 1;
}

/** Nearby ARNs that might be what was meant: the objects inside it, or its parent. */
function nearbyArns(arn: string): string[] {
  const start = resourcePartStart(arn);
  if (start < 0) return [];
  const resource = arn.slice(start);
  const out = new Set<string>();
  if (!arn.endsWith('/*') && resource !== '' && !resource.endsWith('/')) out.add(`${arn}/*`);
  const last = resource.lastIndexOf('/');
  const first = resource.indexOf('/');
  if (last > 0) out.add(arn.slice(0, start + last));
  if (first > 0) out.add(arn.slice(0, start + first));
  out.delete(arn);
  return [...out];
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

/** "s3:GetObject acts on object (arn:aws:s3:::${BucketName}/${ObjectName})" for up to two actions. */
function describeResourceTypes(actions: ActionInfo[], partition: string): string {
  const parts = actions.slice(0, 2).map((a) => {
    // Shortest templates first: the plain forms (bucket, object) before access-point variants.
    const types = [...a.resourceTypes]
      .sort((x, y) => (x.arnTemplate?.length ?? 0) - (y.arnTemplate?.length ?? 0))
      .slice(0, 3)
      .map((t) =>
        t.arnTemplate ? `${t.name} (${t.arnTemplate.replace('${Partition}', partition)})` : t.name,
      );
    return `${a.service}:${a.name} acts on ${types.join(', ')}`;
  });
  return parts.join('; ') + (actions.length > 2 ? '; …' : '') + '.';
}

function docsFor(actions: ActionInfo[]) {
  return actions.every((a) => a.service === 's3') ? DOCS.s3Resources : DOCS.serviceReference;
}

/**
 * Resources no action of the statement accepts, actions none of its resources fit, and
 * resource ARNs given to actions that only accept `*`.
 */
export function resourceFindings(st: StatementView, ref: ServiceReference): Finding[] {
  const resolved = resolveActions(st, ref);
  const resource = st.resource;
  if (!resolved || !resource || !resource.allStrings || st.notResource) return [];
  const resources = resource.values;
  if (resources.length === 0 || resources.some((r) => r.value === '*')) return [];
  const { scoped, acceptsSome } = actionSet(ref, resolved);
  const accepts = acceptor(ref);
  const findings: Finding[] = [];

  // A resource that no action of the statement accepts.
  const acceptedBySome = new Map<string, boolean>();
  for (const r of resources) {
    if (!isArn(r.value)) continue;
    const ok = acceptsSome(r.value);
    acceptedBySome.set(r.value, ok);
    if (ok || scoped.length === 0) continue;
    const better = nearbyArns(r.value).find((arn) => acceptsSome(arn));
    findings.push({
      code: 'resource-matches-no-action',
      severity: 'warning',
      message:
        `No action in this statement acts on ${r.value}, so this resource never matches. ` +
        describeResourceTypes(scoped, partitionOf(r.value)) +
        (better ? ` Did you mean ${better}?` : ''),
      path: r.path,
      docs: docsFor(scoped),
      ...(better
        ? { fix: { description: `Use ${better}`, path: r.path, replacement: better } }
        : {}),
    });
  }

  const allArns = resources.every((r) => isArn(r.value));
  for (const { value, actions: matched } of resolved) {
    const [only] = matched;
    if (hasWildcard(value.value) || matched.length !== 1 || !only) continue;

    // An action that only accepts "*", given resource ARNs. An ARN whose resource part is only
    // "*" (arn:aws:s3:::*) is left alone: AWS's own examples grant such actions that way.
    if (only.resourceTypes.length === 0) {
      if (resources.some((r) => /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(r.value))) continue;
      const single = resolved.length === 1;
      findings.push({
        code: 'action-needs-star-resource',
        severity: 'warning',
        message:
          `AWS's service reference lists no resource types for ${only.service}:${only.name}: ` +
          `it only matches "Resource": "*", so this statement never applies to it.` +
          (single ? '' : ' Put it in a statement of its own with "Resource": "*".'),
        path: value.path,
        docs: docsFor([only]),
        ...(single
          ? {
              fix: {
                description: 'Use "Resource": "*"',
                path: resource.path,
                replacement: '*',
              },
            }
          : {}),
      });
      continue;
    }

    // An action that none of the statement's resources fit, while others' do.
    if (!allArns || resources.some((r) => accepts(only, r.value))) continue;
    if (!resources.some((r) => acceptedBySome.get(r.value))) continue; // reported per resource above
    const extra = resources.flatMap((r) => nearbyArns(r.value)).find((arn) => accepts(only, arn));
    const current = st.raw['Resource'];
    const list = Array.isArray(current) ? current : [current];
    findings.push({
      code: 'action-matches-no-resource',
      severity: 'warning',
      message:
        `None of this statement's resources fit ${only.service}:${only.name}, so the statement never applies to it. ` +
        describeResourceTypes([only], partitionOf(resources[0]?.value ?? '')) +
        (extra ? ` Add ${extra}?` : ''),
      path: value.path,
      docs: docsFor([only]),
      ...(extra
        ? {
            fix: {
              description: `Add ${extra}`,
              path: resource.path,
              replacement: [...list, extra],
            },
          }
        : {}),
    });
  }
  return findings;
}

// ---- conditions ----

type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';

interface ParsedOperator {
  /** `ForAllValues:` / `ForAnyValue:` or empty. */
  setPrefix: string;
  family: OperatorFamily;
  /** The comparison after the family, e.g. `LessThan` of `DateLessThan`. */
  comparison: string;
  ifExists: boolean;
}

const FAMILY_OF: Record<EngineFamily, OperatorFamily> = {
  string: 'String',
  numeric: 'Numeric',
  date: 'Date',
  bool: 'Bool',
  binary: 'Binary',
  ip: 'Ip',
  arn: 'Arn',
  null: 'Null',
};

/** The engine's reading of an operator (one grammar: src/engine), in the terms these checks use. */
function parseOperator(op: string): ParsedOperator | undefined {
  const parsed = parseConditionOperator(op);
  if (!parsed) return undefined;
  const family = FAMILY_OF[parsed.info.family];
  const name = parsed.info.name;
  return {
    // As written, so a quick fix keeps the author's spelling of the prefix.
    setPrefix: parsed.qualifier ? op.slice(0, op.indexOf(':') + 1) : '',
    family,
    comparison: name.startsWith(family) ? name.slice(family.length) : '',
    ifExists: parsed.ifExists,
  };
}

/** The key types each operator family fits; undefined: any type (no check). */
const FITS: Partial<Record<OperatorFamily, ConditionKeyType[]>> = {
  Bool: ['Bool'],
  Date: ['Date'],
  Numeric: ['Numeric'],
  Ip: ['IPAddress'],
  Arn: ['ARN', 'String'],
};

const FAMILY_VALUES: Record<OperatorFamily, string> = {
  String: 'strings',
  Numeric: 'numbers',
  Date: 'dates',
  Bool: 'booleans',
  Binary: 'binary values',
  Ip: 'IP addresses',
  Arn: 'ARNs',
  Null: 'presence',
};

/** An operator of a family that fits the key type, for the quick fix, when the translation is exact. */
function fittingOperator(op: ParsedOperator, keyType: string): string | undefined {
  let base: string | undefined;
  if (op.family === 'Bool' && (keyType === 'String' || keyType === 'ARN')) base = 'StringEquals';
  else if (op.family === 'Date' && keyType === 'Numeric') base = `Numeric${op.comparison}`;
  else if (op.family === 'Numeric' && keyType === 'Date') base = `Date${op.comparison}`;
  if (!base) return undefined;
  return `${op.setPrefix}${base}${op.ifExists ? 'IfExists' : ''}`;
}

/** A copy of an object with one key renamed, in the same place. */
function renameKey(object: Record<string, unknown>, from: string, to: string) {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k === from ? to : k, v]));
}

/** A statement's actions and every condition key AWS lists for them (on the action or its resource types). */
interface ActionKeys {
  actions: ActionInfo[];
  declared: string[];
}

function keysOf(actions: ActionInfo[]): ActionKeys {
  const declared = new Set<string>();
  for (const a of actions) {
    for (const k of a.conditionKeys) declared.add(k);
    for (const t of a.resourceTypes) for (const k of t.conditionKeys) declared.add(k);
  }
  return { actions, declared: [...declared] };
}

function keyFinding(
  st: StatementView,
  op: string,
  key: string,
  path: JsonPath,
  actionKeys: ActionKeys | undefined,
  ref: ServiceReference,
): Finding | undefined {
  const block = st.condition?.[op];
  const renameFix = (guess: string) =>
    isObject(block) && !(guess in block)
      ? {
          fix: {
            description: `Use ${guess}`,
            path: [...st.path, 'Condition', op],
            replacement: renameKey(block, key, guess),
          },
        }
      : {};

  if (key.toLowerCase().startsWith('aws:')) {
    if (ref.findConditionKey(key)) return undefined;
    const guess = suggest(
      key,
      ref.globalConditionKeys.map((k) => k.key).filter((k) => !isKeyTemplate(k)),
    );
    return {
      code: 'unknown-global-condition-key',
      severity: 'warning',
      message:
        `"${key}" is not an AWS global condition key, so it is never in a request.` +
        (guess ? ` Did you mean "${guess}"?` : ''),
      path,
      docs: DOCS.globalConditionKeys,
      ...(guess ? renameFix(guess) : {}),
    };
  }
  if (ref.globalConditionKey(key)) return undefined;
  const [prefix, rest] = splitAction(key);
  // Keys of identity providers (saml:, accounts.google.com:) and of services not loaded: cannot tell.
  const service = rest === undefined ? undefined : ref.service(prefix);
  if (!service) return undefined;
  const listedForActions = actionKeys?.declared.some((d) => ref.keyMatches(d, key)) ?? false;
  if (!ref.findConditionKey(key) && !listedForActions) {
    const guess = suggest(
      key,
      service.conditionKeys.map((k) => k.key).filter((k) => !isKeyTemplate(k)),
    );
    return {
      code: 'unknown-condition-key',
      severity: 'warning',
      message:
        `${service.name} has no condition key "${key}", so it is never in a request.` +
        (guess ? ` Did you mean "${guess}"?` : ''),
      path,
      docs: DOCS.serviceReference,
      ...(guess ? renameFix(guess) : {}),
    };
  }
  if (!actionKeys || actionKeys.actions.length === 0 || listedForActions) return undefined;
  const { actions, declared } = actionKeys;
  const guess = suggest(
    key,
    declared.filter((k) => !isKeyTemplate(k)),
  );
  const names = actions
    .slice(0, 3)
    .map((a) => `${a.service}:${a.name}`)
    .join(', ');
  return {
    code: 'condition-key-not-applicable',
    severity: 'warning',
    message:
      `AWS's service reference lists "${key}" for none of this statement's actions ` +
      `(${names}${actions.length > 3 ? ', …' : ''}), so it is never in their requests.` +
      (guess ? ` Did you mean "${guess}"?` : ''),
    path,
    docs: DOCS.serviceReference,
    ...(guess ? renameFix(guess) : {}),
  };
}

function typeFinding(
  st: StatementView,
  op: string,
  key: string,
  path: JsonPath,
  ref: ServiceReference,
): Finding | undefined {
  const parsed = parseOperator(op);
  if (!parsed) return undefined;
  const fits = FITS[parsed.family];
  if (!fits) return undefined;
  const info = ref.findConditionKey(key);
  if (!info) return undefined;
  const type = info.type.replace(/^ArrayOf/, '');
  if (fits.includes(type as ConditionKeyType)) return undefined;
  // Global keys are typed with care; a service key typed String may hold a date or number
  // its service compares as such, so only Bool on a String key is certain there.
  if (type === 'String' && parsed.family !== 'Bool' && !ref.globalConditionKey(key)) {
    return undefined;
  }
  // AWS documents aws:EpochTime for both date and numeric operators.
  if (parsed.family === 'Numeric' && info.key.toLowerCase() === 'aws:epochtime') return undefined;
  const block = st.condition?.[op];
  const better = fittingOperator(parsed, type);
  const canFix =
    better !== undefined &&
    isObject(block) &&
    Object.keys(block).length === 1 &&
    st.condition !== undefined &&
    !(better in st.condition);
  return {
    code: 'condition-operator-type-mismatch',
    severity: 'warning',
    message:
      `${op} compares ${FAMILY_VALUES[parsed.family]}, ` +
      `but "${key}" holds ${info.type} values.` +
      (better ? ` Use ${better}.` : ''),
    path,
    docs: DOCS.conditionOperators,
    ...(canFix && st.condition
      ? {
          fix: {
            description: `Use ${better}`,
            path: [...st.path, 'Condition'],
            replacement: renameKey(st.condition, op, better),
          },
        }
      : {}),
  };
}

/** Condition keys that apply to none of the statement's actions, and operators of the wrong type. */
export function conditionFindings(st: StatementView, ref: ServiceReference): Finding[] {
  if (!st.condition) return [];
  const resolved = resolveActions(st, ref);
  const set = resolved && actionSet(ref, resolved);
  const actionKeys = set && (set.keys ??= keysOf(set.actions));
  const findings: Finding[] = [];
  for (const [op, block] of Object.entries(st.condition)) {
    if (!isObject(block)) continue;
    for (const key of Object.keys(block)) {
      const path = [...st.path, 'Condition', op, key];
      const keyProblem = keyFinding(st, op, key, path, actionKeys, ref);
      if (keyProblem) findings.push(keyProblem);
      else {
        const typeProblem = typeFinding(st, op, key, path, ref);
        if (typeProblem) findings.push(typeProblem);
      }
    }
  }
  return findings;
}
