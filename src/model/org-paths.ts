/**
 * Organization entity paths, the values of `aws:PrincipalOrgPaths` and `aws:ResourceOrgPaths`
 * (IAM's "AWS global condition context keys" and "Understand the AWS Organizations entity
 * path"): `o-ORG/r-ROOT/ou-A/ou-B/`, the organization id, the root id and each OU id from the
 * root down to the account's parent, each followed by `/`.
 *
 * The format may give the root's and each OU's `id`. Where it does not, a stable id is derived
 * from names (the organization id for the root; the root's id and the OU names from the root
 * down for an OU), so the same world always has the same paths:
 * `r-` + 4 characters, and `ou-<root suffix>-` + 8 characters, as AWS shapes them.
 */
import type { JsonPath } from '../engine/types.ts';
import type { OrgPlacement } from './organization.ts';
import { getOwn, isRecord } from './own.ts';
import type { Organization } from './scenario-types.ts';

/** AWS's shapes (Organizations API reference: Root and OrganizationalUnit `Id`). */
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `length` characters of [0-9a-z] from FNV-1a over `text`, re-seeded per character. */
function stableChars(text: string, length: number): string {
  let out = '';
  let hash = 0x811c9dc5;
  for (let i = 0; out.length < length; i++) {
    for (let j = 0; j < text.length; j++) {
      hash ^= text.charCodeAt(j) + i;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += ALPHABET[(hash >>> 8) % 36];
  }
  return out;
}

function nodeAt(organization: Organization, path: JsonPath): unknown {
  let node: unknown = { organization };
  for (const key of path) node = getOwn(node, String(key));
  return node;
}

/** The root's id: its own `id`, or one derived from the organization id. */
export function rootIdOf(organization: Organization): string {
  const given = getOwn(organization.root, 'id');
  if (typeof given === 'string' && ROOT_ID.test(given)) return given;
  const orgId = typeof organization.id === 'string' ? organization.id : 'o-unknown';
  return `r-${stableChars(`root:${orgId}`, 4)}`;
}

/** The id of the OU at `path` (a JSON path ending in `ous`, NAME): its own, or a derived one. */
export function ouIdOf(organization: Organization, path: JsonPath): string {
  const names: string[] = [];
  for (let i = 0; i < path.length - 1; i++) if (path[i] === 'ous') names.push(String(path[i + 1]));
  return ouIdFor(organization, names);
}

/** The id of the OU reached by these OU names from the root: its own, or a derived one. */
export function ouIdFor(organization: Organization, names: readonly string[]): string {
  const path: JsonPath = ['organization', 'root', ...names.flatMap((n) => ['ous', n])];
  const given = getOwn(nodeAt(organization, path), 'id');
  if (typeof given === 'string' && OU_ID.test(given)) return given;
  const rootSuffix = rootIdOf(organization).slice(2, 6);
  return `ou-${rootSuffix}-${stableChars(`ou:${names.join('/')}`, 8)}`;
}

/**
 * The entity path of an account's parent, e.g. `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`, or
 * undefined when the organization has no `id` (then AWS's keys have nothing to say).
 */
export function orgPathOf(organization: Organization, placement: OrgPlacement): string | undefined {
  if (!isRecord(organization) || typeof organization.id !== 'string') return undefined;
  const parts = [organization.id, rootIdOf(organization)];
  // levels: Root, each OU, then the account itself (left out: the path ends at its parent).
  for (const level of placement.levels.slice(1, -1)) parts.push(ouIdOf(organization, level.path));
  return `${parts.join('/')}/`;
}

/** Every OU's JSON path in the tree with its id, for the explorer and validation. */
export function ouIds(organization: Organization): { path: JsonPath; name: string; id: string }[] {
  const out: { path: JsonPath; name: string; id: string }[] = [];
  const stack: JsonPath[] = [['organization', 'root']];
  while (stack.length > 0) {
    const at = stack.shift() as JsonPath;
    const ous = getOwn(nodeAt(organization, at), 'ous');
    if (!isRecord(ous)) continue;
    for (const name of Object.keys(ous)) {
      const path = [...at, 'ous', name];
      out.push({ path, name, id: ouIdOf(organization, path) });
      stack.push(path);
    }
  }
  return out;
}
