/**
 * Principals that decide alike (docs/analysis.md, "Principals alike"): users or roles of one
 * account whose entries are equal (so the same policies, groups, boundary, tags and trust apply
 * to them), in a world where nothing reads which of them is asking. A cell decided for one of a
 * group holds for every other one, on any resource that does not name either of them.
 *
 * What would tell two such principals apart is only their name (ARN, user name, unique id). The
 * engine reads it through Principal elements and KMS grants (which name the ARN), through
 * conditions on the keys below, through policy variables, and through unique ids (the model
 * derives one from the ARN: `AIDA…`, `AROA…`). So principals are grouped only when no policy of
 * the world has a policy variable, a condition on such a key or a unique id, and only principals
 * whose name no document of the world holds after a `/` (as any ARN naming them does, with or
 * without a path; a substring test: a longer name that contains it keeps a principal apart,
 * never the reverse).
 */
import { isRecord, referencedManagedPolicies } from '../model/index.ts';
import type { AnalysisWorld } from './types.ts';

/** Condition keys (lower case) whose value is the caller's name, id or session. */
const NAME_KEYS = [
  'aws:principalarn',
  'aws:username',
  'aws:userid',
  'aws:sourceidentity',
  'sts:rolesessionname',
  'aws:federatedprovider',
];

/** The world's text that a decision can read a principal's name from: every policy, no requests. */
function worldText(world: AnalysisWorld): string {
  const { requests: _requests, ...rest } = world.scenario;
  const parts = [JSON.stringify(rest)];
  for (const arn of referencedManagedPolicies(world.scenario))
    parts.push(JSON.stringify(world.catalog.get(arn) ?? null));
  return parts.join('\n').toLowerCase();
}

/** A string that starts like a user's or role's unique id (the text is lower case). */
const UNIQUE_ID = /"(aida|aroa)[a-z0-9]/;

const ROLE_OR_USER = /^arn:aws:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/;

/** Group keys of a world's principals: equal keys decide alike (see the module comment). */
export class PrincipalGroups {
  /** What the world's text holds after each `/` (up to the next `/` or `"`), sorted; undefined: group nothing. */
  readonly #afterSlash: string[] | undefined;
  readonly #keys = new Map<string, string>();
  /** `/name` of each grouped principal, lower case. */
  readonly #slashNames = new Map<string, string>();
  /** Resources in lower case. */
  readonly #lower = new Map<string, string>();

  constructor(private readonly world: AnalysisWorld) {
    const text = worldText(world);
    // A policy variable, a condition on a name key or a unique id reads the name: group nothing.
    const readsNames =
      text.includes('${') || NAME_KEYS.some((k) => text.includes(k)) || UNIQUE_ID.test(text);
    this.#afterSlash = readsNames
      ? undefined
      : [...new Set(text.match(/(?<=\/)[^/"]*/g) ?? [])].sort();
  }

  /** The principal's group: the principal itself, or a key it shares with the principals alike. */
  keyOf(principal: string): string {
    let key = this.#keys.get(principal);
    if (key === undefined) {
      key = this.#groupKey(principal) ?? principal;
      this.#keys.set(principal, key);
    }
    return key;
  }

  /**
   * True when the principal shares its group and the resource ARN could name it: its cells on
   * that resource are then its own (a role acting on itself, say).
   */
  decidesAlone(resource: string, principal: string): boolean {
    if (this.keyOf(principal) === principal) return false;
    let slashName = this.#slashNames.get(principal);
    if (slashName === undefined) {
      slashName = `/${(ROLE_OR_USER.exec(principal) as RegExpExecArray)[3]!.toLowerCase()}`;
      this.#slashNames.set(principal, slashName);
    }
    let lower = this.#lower.get(resource);
    if (lower === undefined) this.#lower.set(resource, (lower = resource.toLowerCase()));
    return lower.includes(slashName);
  }

  #groupKey(principal: string): string | undefined {
    const after = this.#afterSlash;
    const m = ROLE_OR_USER.exec(principal);
    if (after === undefined || m === null) return undefined;
    const [, account, kind, name] = m as unknown as [string, string, string, string];
    if (startsSome(after, name.toLowerCase())) return undefined;
    const accountEntry = this.world.scenario.accounts?.[account];
    const entries = isRecord(accountEntry)
      ? accountEntry[kind === 'user' ? 'users' : 'roles']
      : undefined;
    const entry = isRecord(entries) ? entries[name] : undefined;
    if (!isRecord(entry)) return undefined;
    return `alike\n${account}\n${kind}\n${JSON.stringify(entry)}`;
  }
}

/** True when some string of the sorted list starts with `prefix` (a binary search). */
function startsSome(sorted: string[], prefix: string): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && (sorted[lo] as string).startsWith(prefix);
}
