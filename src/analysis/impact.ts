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
import { whatCan } from './analyze.ts';
import { decideCell, type Verdict } from './decide.ts';
import type { AnalysisWorld, Cell, ServiceGroup, Status } from './types.ts';
import { worldPrincipals } from './world.ts';

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

export interface ImpactResult {
  added: ImpactGroup[];
  removed: ImpactGroup[];
  /** Cells compared, and how many changed. */
  cells: number;
  changed: number;
}

export interface ImpactOptions {
  /** Service prefixes to compare (default: every service the reference has loaded). */
  services?: string[];
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
  options: ImpactOptions,
): Map<string, Cell> {
  const out = new Map<string, Cell>();
  if (!present) return out;
  const services = options.services ? { services: options.services } : {};
  for (const cell of cellsOf(whatCan(world, principal, reference, services).services))
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
  const groups = new Map<string, ImpactGroup>();
  let cells = 0;
  let changed = 0;
  for (const principal of [...new Set([...inBefore, ...inAfter])]) {
    const old = cellsIn(before, principal, inBefore.has(principal), reference, options);
    const now = cellsIn(after, principal, inAfter.has(principal), reference, options);
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
    cells,
    changed,
  };
}
