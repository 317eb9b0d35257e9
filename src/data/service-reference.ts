/// <reference types="vite/client" />
/**
 * AWS's service reference for the app: which services, actions, resource types (ARN templates)
 * and condition keys exist. Used by editor autocomplete, the request builder and the findings.
 *
 * The data is generated at install/build time (scripts/gen-service-reference.mjs) into
 * src/data/generated/. Each service is its own lazily loaded chunk, so the first visit loads
 * none of it: callers ask for the services a scenario mentions (`loadReferenceFor`), then use
 * the synchronous `ServiceReference` they get back.
 *
 * Works in Vite (import.meta.glob makes one chunk per file) and in plain Node/tsx
 * (where import.meta.glob does not exist, the JSON files are imported directly).
 */
import type {
  AccessLetter,
  ConditionKeyType,
  KeyRef,
  ServiceFile,
  ServiceIndexFile,
} from './service-reference-format.ts';
import { editDistance } from './edit-distance.ts';

export type { ConditionKeyType } from './service-reference-format.ts';

/** How AWS classifies what an action does. */
export type AccessLevel = 'Read' | 'Write' | 'List' | 'Tagging' | 'Permissions management';

/** A condition key as declared by AWS; `key` may contain a variable such as `${TagKey}`. */
export interface ConditionKeyInfo {
  key: string;
  type: ConditionKeyType;
}

/** A resource type an action can act on. */
export interface ResourceTypeInfo {
  name: string;
  /** ARN template, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`; absent when the service does not define the type. */
  arnTemplate?: string;
  /** Keys of the resource type itself plus those AWS lists for this action on this resource type. */
  conditionKeys: string[];
}

export interface ActionInfo {
  /** Service prefix, lower case, e.g. `s3`. */
  service: string;
  /** AWS's spelling, e.g. `GetObject`. */
  name: string;
  access: AccessLevel;
  /** Empty: the action supports no resource-level permissions and only accepts `"Resource": "*"`. */
  resourceTypes: ResourceTypeInfo[];
  /** Condition keys listed on the action itself. */
  conditionKeys: string[];
}

export interface ServiceInfo {
  prefix: string;
  name: string;
  actions: ActionInfo[];
  resourceTypes: ResourceTypeInfo[];
  conditionKeys: ConditionKeyInfo[];
}

export interface ServiceSummary {
  prefix: string;
  name: string;
}

const ACCESS_LEVELS: Record<AccessLetter, AccessLevel> = {
  R: 'Read',
  W: 'Write',
  L: 'List',
  T: 'Tagging',
  P: 'Permissions management',
};

const keyMatchers = new Map<string, RegExp>();

/**
 * Matches one declared condition key, variables included, case-insensitively. AWS spells
 * variables three ways: `${TagKey}`, `<key>`, and a final `/tag-key` (`secretsmanager:ResourceTag/tag-key`).
 */
function keyMatcher(declared: string): RegExp {
  const cached = keyMatchers.get(declared);
  if (cached) return cached;
  const escaped = declared
    .replace(/\/tag-key$/, '/${TagKey}')
    .split(/(\$\{[^}]*\}|<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? '.+' : part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')))
    .join('');
  const matcher = new RegExp(`^${escaped}$`, 'i');
  keyMatchers.set(declared, matcher);
  return matcher;
}

/** True when a declared key holds a variable part. */
export function isKeyTemplate(key: string): boolean {
  return /\$\{|<|\/tag-key$/.test(key);
}

/** AWS's global-key list spells variables as `aws:PrincipalTag/tag-key`; the services spell them `${TagKey}`. */
function normalizeGlobalKey(key: string): string {
  return key.replace(/\/tag-key$/, '/${TagKey}');
}

/**
 * True when `text` matches an IAM wildcard pattern (`*` any run of characters, `?` one),
 * case-insensitively. A two-pointer scan that backtracks only to the last `*`: time stays
 * proportional to the product of the lengths, whatever the pattern (a RegExp of `.*` runs
 * can take exponential time on a near miss, and patterns come from what people type).
 */
export function matchesWildcard(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let i = 0; // position in text
  let j = 0; // position in pattern
  let star = -1; // pattern position after the last `*` seen
  let resume = 0; // text position to resume from when backtracking to that `*`
  while (i < t.length) {
    if (j < p.length && (p[j] === '?' || p[j] === t[i])) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = ++j;
      resume = i;
    } else if (star >= 0) {
      j = star;
      i = ++resume;
    } else {
      return false;
    }
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}

class ConditionKeyTable {
  private readonly exact = new Map<string, ConditionKeyInfo>();
  private readonly templates: { matcher: RegExp; info: ConditionKeyInfo }[] = [];

  constructor(keys: readonly ConditionKeyInfo[]) {
    for (const info of keys) {
      if (isKeyTemplate(info.key)) this.templates.push({ matcher: keyMatcher(info.key), info });
      else this.exact.set(info.key.toLowerCase(), info);
    }
  }

  find(key: string): ConditionKeyInfo | undefined {
    return (
      this.exact.get(key.toLowerCase()) ?? this.templates.find((t) => t.matcher.test(key))?.info
    );
  }
}

function expandService(file: ServiceFile): ServiceInfo {
  const keys = file.conditionKeys.map(([key, type]) => ({ key, type: type as ConditionKeyType }));
  const keyName = (ref: KeyRef): string =>
    typeof ref === 'number' ? (keys[ref]?.key ?? String(ref)) : ref;
  const resourceTypes = new Map<string, ResourceTypeInfo>();
  for (const [name, [arn, ...refs]] of Object.entries(file.resourceTypes)) {
    resourceTypes.set(name, { name, arnTemplate: arn, conditionKeys: refs.map(keyName) });
  }
  const actions = Object.entries(file.actions).map(([name, [access, types, refs]]) => {
    const resourceTypeUses = types.map((entry): ResourceTypeInfo => {
      const [typeName, ...rowKeys] = typeof entry === 'string' ? [entry] : entry;
      const declared = resourceTypes.get(typeName);
      return {
        name: typeName,
        ...(declared?.arnTemplate === undefined ? {} : { arnTemplate: declared.arnTemplate }),
        conditionKeys: [...(declared?.conditionKeys ?? []), ...rowKeys.map(keyName)],
      };
    });
    return {
      service: file.prefix,
      name,
      access: ACCESS_LEVELS[access],
      resourceTypes: resourceTypeUses,
      conditionKeys: refs.map(keyName),
    };
  });
  return {
    prefix: file.prefix,
    name: file.name,
    actions,
    resourceTypes: [...resourceTypes.values()],
    conditionKeys: keys,
  };
}

interface LoadedService {
  info: ServiceInfo;
  actions: Map<string, ActionInfo>;
  keys: ConditionKeyTable;
}

/**
 * The service reference for a set of loaded services. Every question is synchronous.
 * Answers about a service that is known but not loaded are `undefined` ("cannot tell"),
 * never an empty list, so checks built on it stay silent instead of guessing.
 */
export class ServiceReference {
  /** Every service AWS defines (prefix and name), loaded or not. */
  readonly services: readonly ServiceSummary[];
  /** AWS global condition keys, e.g. `aws:SourceIp` (`String`... types as AWS documents them). */
  readonly globalConditionKeys: readonly ConditionKeyInfo[];
  private readonly known = new Set<string>();
  private readonly loaded = new Map<string, LoadedService>();
  private readonly globals: ConditionKeyTable;

  constructor(index: ServiceIndexFile, services: readonly ServiceFile[]) {
    this.services = index.services.map(([prefix, name]) => ({ prefix, name }));
    for (const { prefix } of this.services) this.known.add(prefix.toLowerCase());
    this.globalConditionKeys = index.globalConditionKeys.map(([key, type]) => ({
      key: normalizeGlobalKey(key),
      type: type as ConditionKeyType,
    }));
    this.globals = new ConditionKeyTable(this.globalConditionKeys);
    for (const file of services) {
      const info = expandService(file);
      this.loaded.set(info.prefix.toLowerCase(), {
        info,
        actions: new Map(info.actions.map((a) => [a.name.toLowerCase(), a])),
        keys: new ConditionKeyTable(info.conditionKeys),
      });
    }
  }

  /** True when AWS defines a service with this prefix (case-insensitive). */
  isKnownService(prefix: string): boolean {
    return this.known.has(prefix.toLowerCase());
  }

  /** True when the service's details are loaded. */
  isLoaded(prefix: string): boolean {
    return this.loaded.has(prefix.toLowerCase());
  }

  /** The loaded service, or undefined when unknown or not loaded. */
  service(prefix: string): ServiceInfo | undefined {
    return this.loaded.get(prefix.toLowerCase())?.info;
  }

  /** Prefixes of known services that a prefix pattern (may hold `*` and `?`) matches. */
  servicesMatching(prefixPattern: string): string[] {
    if (!/[*?]/.test(prefixPattern)) {
      return this.isKnownService(prefixPattern) ? [prefixPattern.toLowerCase()] : [];
    }
    return this.services
      .filter((s) => matchesWildcard(prefixPattern, s.prefix))
      .map((s) => s.prefix);
  }

  /** One action by full name (`s3:GetObject`, any case); undefined when unknown or not loaded. */
  action(fullName: string): ActionInfo | undefined {
    const [prefix, name] = splitAction(fullName);
    if (name === undefined) return undefined;
    return this.loaded.get(prefix.toLowerCase())?.actions.get(name.toLowerCase());
  }

  /**
   * Actions an action pattern (`s3:Get*`, `*`, any case) matches. Undefined when a service the
   * pattern could reach is not loaded, so the answer would be incomplete.
   */
  actionsMatching(pattern: string): readonly ActionInfo[] | undefined {
    // A reference never changes once built, so each pattern is matched once: a big world repeats
    // the same patterns in statement after statement (1,000 statements, a few dozen patterns).
    if (this.matched.has(pattern)) return this.matched.get(pattern);
    const actions = this.matchActions(pattern);
    this.matched.set(pattern, actions);
    return actions;
  }

  private readonly matched = new Map<string, readonly ActionInfo[] | undefined>();

  private matchActions(pattern: string): ActionInfo[] | undefined {
    if (pattern === '*') return this.allLoadedOrUndefined(() => true);
    const [prefixPattern, namePattern] = splitAction(pattern);
    if (namePattern === undefined) return [];
    const prefixes = this.servicesMatching(prefixPattern);
    if (prefixes.some((p) => !this.isLoaded(p))) return undefined;
    if (prefixes.length === 1 && !/[*?]/.test(namePattern)) {
      const exact = this.action(pattern);
      return exact ? [exact] : [];
    }
    return prefixes.flatMap(
      (p) => this.service(p)?.actions.filter((a) => matchesWildcard(namePattern, a.name)) ?? [],
    );
  }

  private allLoadedOrUndefined(keep: (a: ActionInfo) => boolean): ActionInfo[] | undefined {
    if (this.services.some((s) => !this.isLoaded(s.prefix))) return undefined;
    return [...this.loaded.values()].flatMap((s) => s.info.actions.filter(keep));
  }

  /** The resource types an action accepts ([] when it only accepts `*`); undefined when unknown. */
  resourceTypesForAction(action: string): ResourceTypeInfo[] | undefined {
    return this.action(action)?.resourceTypes;
  }

  /** The ARN templates of the resource types an action accepts; undefined when unknown. */
  arnTemplatesForAction(action: string): string[] | undefined {
    return this.resourceTypesForAction(action)?.flatMap((t) => t.arnTemplate ?? []);
  }

  /**
   * Every condition key that can apply to an action: the action's own keys, its resource types'
   * keys, and the global keys. Undefined when the action is unknown or not loaded.
   */
  conditionKeysForAction(action: string): ConditionKeyInfo[] | undefined {
    const info = this.action(action);
    if (!info) return undefined;
    const names = new Set<string>();
    for (const k of info.conditionKeys) names.add(k);
    for (const t of info.resourceTypes) for (const k of t.conditionKeys) names.add(k);
    const table = this.loaded.get(info.service.toLowerCase())?.keys;
    const own = [...names].map(
      (key): ConditionKeyInfo =>
        // Every key the generated data lists on an action is declared by its service; the
        // last fallback only keeps a hand-made reference from losing keys.
        table?.find(key) ?? this.findConditionKey(key) ?? { key, type: 'String' },
    );
    return [...own, ...this.globalConditionKeys];
  }

  /** True when a key used in a policy (`aws:RequestTag/team`) is the declared key (`aws:RequestTag/${TagKey}`). */
  keyMatches(declared: string, used: string): boolean {
    return keyMatcher(declared).test(used);
  }

  /** The global condition key a policy key names, if any. */
  globalConditionKey(key: string): ConditionKeyInfo | undefined {
    return this.globals.find(key);
  }

  /** The declared condition key a policy key names: global, its own service's, or any loaded service's. */
  findConditionKey(key: string): ConditionKeyInfo | undefined {
    const global = this.globals.find(key);
    if (global) return global;
    const prefix = key.split(':')[0]?.toLowerCase() ?? '';
    const own = this.loaded.get(prefix)?.keys.find(key);
    if (own) return own;
    // Keys of identity providers (saml:aud, accounts.google.com:sub) are declared by sts, not by a service of their name.
    for (const service of this.loaded.values()) {
      const found = service.keys.find(key);
      if (found) return found;
    }
    return undefined;
  }

  /** The type AWS gives a condition key; undefined when the key is not found in what is loaded. */
  conditionKeyType(key: string): ConditionKeyType | undefined {
    return this.findConditionKey(key)?.type;
  }
}

/** Splits `service:Action` at the first colon; the name is undefined when there is no colon. */
export function splitAction(action: string): [prefix: string, name: string | undefined] {
  const colon = action.indexOf(':');
  return colon < 0 ? [action, undefined] : [action.slice(0, colon), action.slice(colon + 1)];
}

/**
 * The candidate closest to `name` for a "did you mean", or undefined when none is close:
 * within a third of the name's length (at least 1, at most 4 edits). Ties go to the first candidate.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(name, candidate, bestDistance - 1, { swaps: true });
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

// ---- loading ----

type Loader = () => Promise<unknown>;

// In Vite (and Vitest) import.meta.env exists and import.meta.glob is compiled into one lazy
// chunk per file. In plain Node (tsx, the CLI) neither exists: fall back to importing the JSON.
const viteServiceModules: Record<string, Loader> | undefined = import.meta.env
  ? import.meta.glob('./generated/services/*.json', { import: 'default' })
  : undefined;
const viteIndexModules: Record<string, Loader> | undefined = import.meta.env
  ? import.meta.glob('./generated/service-index.json', { import: 'default' })
  : undefined;

async function importJsonFile(relative: string): Promise<unknown> {
  const url = new URL(relative, import.meta.url).href;
  const module = (await import(/* @vite-ignore */ url, { with: { type: 'json' } })) as {
    default: unknown;
  };
  return module.default;
}

const MISSING_DATA =
  'The service reference has not been generated: run `npm run gen:data` (it runs on install and build).';

let indexPromise: Promise<ServiceIndexFile> | undefined;
const servicePromises = new Map<string, Promise<ServiceFile | undefined>>();

/** Loads the index of services and global condition keys (once). Rejects when the data was never generated. */
export function loadServiceIndex(): Promise<ServiceIndexFile> {
  indexPromise ??= (async () => {
    if (viteIndexModules) {
      const load = viteIndexModules['./generated/service-index.json'];
      if (!load) throw new Error(MISSING_DATA);
      return (await load()) as ServiceIndexFile;
    }
    try {
      return (await importJsonFile('./generated/service-index.json')) as ServiceIndexFile;
    } catch {
      throw new Error(MISSING_DATA);
    }
  })();
  // A failed load (a chunk that could not be fetched) is not remembered: the next call retries.
  indexPromise.catch(() => (indexPromise = undefined));
  return indexPromise;
}

/** Loads one service's file by prefix (case-insensitive), once; undefined when AWS defines no such service. */
export function loadService(prefix: string): Promise<ServiceFile | undefined> {
  const key = prefix.toLowerCase();
  let promise = servicePromises.get(key);
  if (!promise) {
    promise = (async () => {
      const index = await loadServiceIndex();
      if (!index.services.some(([p]) => p === key)) return undefined;
      if (viteServiceModules) {
        const load = viteServiceModules[`./generated/services/${key}.json`];
        if (!load) throw new Error(MISSING_DATA);
        return (await load()) as ServiceFile;
      }
      return (await importJsonFile(`./generated/services/${key}.json`)) as ServiceFile;
    })();
    servicePromises.set(key, promise);
    promise.catch(() => servicePromises.delete(key));
  }
  return promise;
}

/** A service reference with the given services loaded (unknown prefixes are ignored). */
export async function loadServiceReference(prefixes: Iterable<string>): Promise<ServiceReference> {
  const index = await loadServiceIndex();
  const files = await Promise.all([...new Set(prefixes)].map((p) => loadService(p)));
  return new ServiceReference(
    index,
    files.filter((f): f is ServiceFile => f !== undefined),
  );
}

/**
 * Service prefixes a JSON value mentions in `Action`/`NotAction` elements and condition keys,
 * anywhere inside it (a policy or a whole scenario). A prefix with wildcards (`s3*`) is kept
 * as written; `loadReferenceFor` expands it. Request `action` fields count too.
 */
export function servicePrefixesIn(value: unknown): string[] {
  const found = new Set<string>();
  const addAction = (action: unknown) => {
    if (typeof action !== 'string') return;
    const [prefix, name] = splitAction(action);
    if (name !== undefined && prefix !== '') found.add(prefix.toLowerCase());
  };
  const walk = (node: unknown, key: string | undefined): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, key);
      return;
    }
    if (typeof node === 'string') {
      if (key === 'Action' || key === 'NotAction' || key === 'action') addAction(node);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'Condition' && v !== null && typeof v === 'object') {
        for (const keys of Object.values(v)) {
          if (keys !== null && typeof keys === 'object') {
            for (const conditionKey of Object.keys(keys)) addAction(conditionKey);
          }
        }
      }
      walk(v, k);
    }
  };
  walk(value, undefined);
  return [...found];
}

/**
 * Loads what checks of `value` need: every service its actions and condition keys name, plus
 * the services whose resources the scenario model always involves (iam, sts). A wildcard
 * prefix loads every service it matches when that is a handful; `*` alone loads nothing more.
 */
export async function loadReferenceFor(value: unknown): Promise<ServiceReference> {
  const index = await loadServiceIndex();
  const all = index.services.map(([p]) => p);
  const prefixes = new Set(['iam', 'sts']);
  for (const prefix of servicePrefixesIn(value)) {
    if (!/[*?]/.test(prefix)) prefixes.add(prefix);
    else {
      const matches = all.filter((p) => matchesWildcard(prefix, p));
      if (matches.length <= 8) for (const p of matches) prefixes.add(p);
    }
  }
  return loadServiceReference(prefixes);
}
