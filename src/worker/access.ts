/**
 * The access analyses the worker runs for the Access panel, a slice at a time: a
 * few services of one principal per step, so the worker answers a newer evaluate, a heartbeat
 * or a cancel between steps. Loaded on first use: the analysis is not first-visit code.
 *
 * - what-can: `whatCan` over every service AWS defines, in slices of services;
 * - who-can: `whoCan` over every action of the resource's service that takes its ARN type;
 * - world: what-can of every principal of the world, summed per principal.
 */
import {
  requirePrincipal,
  WorldAnalysis,
  worldPrincipals,
  type AnalysisWorld,
  type ServiceGroup,
} from '../analysis/index.ts';
import {
  loadServiceIndex,
  loadServiceReference,
  type ServiceReference,
} from '../data/service-reference.ts';
import { parseArn } from '../model/index.ts';
import { TableWriter } from './access-table.ts';
import type {
  AccessProgress,
  AccessRequest,
  AccessResponse,
  AccessResult,
  PrincipalSummary,
} from './protocol.ts';

/**
 * One analysis, run step by step: `prepare` loads what it needs (the worker goes on answering
 * meanwhile), then each `step` runs one slice. The escalation and impact analyses
 * (escalation-jobs.ts) run the same way.
 */
export interface AnalysisJob<R> {
  prepare(): Promise<void>;
  /** Runs the next slice; true when the analysis is complete. */
  step(): boolean;
  /** How far it is (null before the first slice). */
  progress(): AccessProgress | null;
  /** The answer, once `step` resolved true. */
  response(): R;
}

export type AccessJob = AnalysisJob<AccessResponse>;

/** Milliseconds one slice aims at: short enough for a newer evaluate to wait unnoticed. */
const SLICE_MS = 25;
const MAX_SERVICES_PER_SLICE = 64;

/** Every service AWS defines (what a principal can do is not limited to what the world names). */
async function everyService(): Promise<{ prefixes: string[]; reference: ServiceReference }> {
  const index = await loadServiceIndex();
  const prefixes = index.services.map(([prefix]) => prefix);
  return { prefixes, reference: await loadServiceReference(prefixes) };
}

/**
 * One principal's what-can, a slice of services per `next()`; the slice grows or shrinks so
 * each takes about SLICE_MS.
 */
class PrincipalRun {
  #at = 0;
  #size = 8;
  /** `analysis` is the job's: its slices and principals share what the world's analysis read and decided. */
  constructor(
    readonly analysis: WorldAnalysis,
    readonly principal: string,
    readonly prefixes: string[],
    readonly clock: () => number,
  ) {}

  get done(): number {
    return this.#at;
  }

  get finished(): boolean {
    return this.#at >= this.prefixes.length;
  }

  next(): ServiceGroup[] {
    const start = this.clock();
    const services = this.prefixes.slice(this.#at, this.#at + this.#size);
    const result = this.analysis.whatCan(this.principal, { services });
    this.#at += services.length;
    const took = Math.max(this.clock() - start, 1);
    this.#size = Math.min(
      MAX_SERVICES_PER_SLICE,
      Math.max(1, Math.round((services.length * SLICE_MS) / took)),
    );
    return result.services;
  }
}

/** Sums one principal's cells: per action, its best status over the resources. */
class Summary {
  readonly #best = new Map<string, { status: string; access: string; service: string }>();

  add(groups: ServiceGroup[]): void {
    for (const service of groups)
      for (const level of service.levels)
        for (const row of level.actions) {
          const status = row.cells.some((c) => c.status === 'allowed')
            ? 'allowed'
            : row.cells.some((c) => c.status === 'conditional')
              ? 'conditional'
              : 'denied';
          this.#best.set(row.action, { status, access: level.access, service: service.service });
        }
  }

  of(principal: string): PrincipalSummary {
    let allowed = 0;
    let conditional = 0;
    let permissions = 0;
    const services = new Set<string>();
    for (const { status, access, service } of this.#best.values()) {
      if (status === 'denied') continue;
      if (status === 'allowed') allowed++;
      else conditional++;
      if (access === 'Permissions management') permissions++;
      services.add(service);
    }
    return { principal, allowed, conditional, permissions, services: [...services].sort() };
  }
}

/** Starts the analysis a request asks for over a validated world. */
export function startAccess(
  world: AnalysisWorld,
  request: AccessRequest,
  clock: () => number,
): AccessJob {
  const start = clock();
  const { query, revision } = request;
  let result: AccessResult | undefined;
  let progress: AccessProgress | null = null;
  const answer = (): AccessResponse => {
    if (!result) throw new Error('The access analysis has not finished.');
    return { type: 'access', revision, result, elapsedMs: clock() - start };
  };

  if (query.kind === 'who-can') {
    let reference: ServiceReference | undefined;
    return {
      async prepare() {
        reference = await loadServiceReference([parseArn(query.resource)?.service ?? '']);
      },
      step() {
        if (!reference) throw new Error('The access analysis was not prepared.');
        const found = new WorldAnalysis(world, reference).whoCan(query.resource, { all: true });
        const table = new TableWriter();
        for (const p of found.principals) table.addGroups(p.services);
        result = {
          kind: 'who-can',
          resource: found.resource,
          table: table.table(),
          outside: found.outside,
        };
        return true;
      },
      progress: () => progress,
      response: answer,
    };
  }

  if (query.kind === 'what-can') {
    requirePrincipal(world, query.principal);
    let run: PrincipalRun | undefined;
    const table = new TableWriter();
    return {
      async prepare() {
        const { prefixes, reference } = await everyService();
        run = new PrincipalRun(
          new WorldAnalysis(world, reference),
          query.principal,
          prefixes,
          clock,
        );
      },
      step() {
        if (!run) throw new Error('The access analysis was not prepared.');
        table.addGroups(run.next());
        progress = { done: run.done, total: run.prefixes.length, unit: 'services' };
        if (!run.finished) return false;
        result = { kind: 'what-can', principal: query.principal, table: table.table() };
        return true;
      },
      progress: () => progress,
      response: answer,
    };
  }

  // The whole world: every principal, one slice of one principal's services per step.
  const principals = worldPrincipals(world.scenario);
  const summaries: PrincipalSummary[] = [];
  let services: { prefixes: string[]; analysis: WorldAnalysis } | undefined;
  let run: PrincipalRun | undefined;
  let summary = new Summary();
  return {
    async prepare() {
      const { prefixes, reference } = await everyService();
      services = { prefixes, analysis: new WorldAnalysis(world, reference) };
    },
    step() {
      if (!services) throw new Error('The access analysis was not prepared.');
      const principal = principals[summaries.length];
      if (principal !== undefined) {
        run ??= new PrincipalRun(services.analysis, principal, services.prefixes, clock);
        summary.add(run.next());
        if (run.finished) {
          summaries.push(summary.of(principal));
          run = undefined;
          summary = new Summary();
        }
      }
      const partial = run ? run.done / run.prefixes.length : 0;
      progress = { done: summaries.length + partial, total: principals.length, unit: 'principals' };
      if (summaries.length < principals.length) return false;
      result = { kind: 'world', principals: summaries };
      return true;
    },
    progress: () => progress,
    response: answer,
  };
}
