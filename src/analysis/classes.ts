/**
 * The collapse on the action axis: actions that no statement of the world tells apart.
 *
 * Two actions of one service get the same decision on the same resource when every Action and
 * NotAction pattern of the world matches both or neither: the engine reads the action only
 * through those patterns, the service prefix (RCP services, `iam:` for federated users, the
 * `kms:` keys) and a few names it knows (docs/analysis.md lists them). Actions of the services
 * whose names the engine or the model read one by one (STS: who may call it, the trust actions;
 * KMS: grants, key policies the model writes) are never collapsed.
 */
import { matchAction } from '../engine/index.ts';
import type { ActionInfo, ServiceInfo } from '../data/service-reference.ts';
import { matchesWildcard } from '../data/service-reference.ts';

/** Services whose actions the engine or the model tell apart by name. */
const BY_NAME = new Set(['sts', 'kms']);

export interface ActionClass {
  /** The action decided for the whole class (`service:Name`). */
  representative: string;
  members: ActionInfo[];
}

/** Partitions a service's actions by which of the world's patterns match them. */
export function classesOf(service: ServiceInfo, patterns: ReadonlySet<string>): ActionClass[] {
  const prefix = service.prefix.toLowerCase();
  const full = (a: ActionInfo) => `${service.prefix}:${a.name}`;
  if (BY_NAME.has(prefix))
    return service.actions.map((a) => ({ representative: full(a), members: [a] }));
  // Only the patterns whose service part can match this prefix can tell its actions apart.
  const relevant: string[] = [];
  for (const p of patterns) {
    if (p === '*') continue;
    const colon = p.indexOf(':');
    if (colon < 0) continue;
    if (matchesWildcard(p.slice(0, colon), prefix)) relevant.push(p);
  }
  const byKey = new Map<string, ActionClass>();
  const out: ActionClass[] = [];
  for (const action of service.actions) {
    const name = full(action);
    let key = '';
    for (const p of relevant) key += matchAction(p, name) ? '1' : '0';
    let cls = byKey.get(key);
    if (!cls) {
      cls = { representative: name, members: [] };
      byKey.set(key, cls);
      out.push(cls);
    }
    cls.members.push(action);
  }
  return out;
}
