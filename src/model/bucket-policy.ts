/**
 * S3 bucket policies must name their resources. A resource-based policy may leave `Resource`
 * out in general ("Policies and permissions in IAM": it then means the resource the policy is
 * attached to), but S3 refuses a bucket policy statement without it ("Statement is missing
 * required element", MalformedPolicy), since one bucket policy governs the bucket and every
 * object in it.
 */
import type { JsonPath } from '../engine/index.ts';
import { isRecord } from './own.ts';

/** Paths (inside the policy) of the statements that have neither Resource nor NotResource. */
export function bucketStatementsWithoutResource(policy: unknown): JsonPath[] {
  if (!isRecord(policy)) return [];
  const raw = policy['Statement'];
  const statements: [unknown, JsonPath][] = Array.isArray(raw)
    ? raw.map((s, i) => [s, ['Statement', i]])
    : [[raw, ['Statement']]];
  return statements
    .filter(
      ([s]) => isRecord(s) && !Object.hasOwn(s, 'Resource') && !Object.hasOwn(s, 'NotResource'),
    )
    .map(([, path]) => path);
}
