/**
 * Decides the requests of worlds other than the one on screen (hand-ins for the class sheet) in
 * a worker of their own, so the playground's worker and its copy of the scenario are untouched.
 */
import { createClient, type Send } from '../../worker/index.ts';
import type { RequestOutcome } from '../../worker/index.ts';
import { startWorker } from '../playground.ts';

export class WorldDecider {
  #send: Send | null = null;
  #revision = 0;

  /** Every request's outcome in `world`, or the reason it could not be decided. */
  async decide(
    world: unknown,
  ): Promise<{ ok: true; outcomes: RequestOutcome[] } | { ok: false; message: string }> {
    this.#send ??= createClient(startWorker);
    const revision = ++this.#revision;
    const evaluated = await this.#send({
      type: 'evaluate',
      scenario: world,
      traceFor: null,
      revision,
    });
    if (!evaluated.ok)
      return { ok: false, message: 'stale' in evaluated ? 'superseded' : evaluated.error.message };
    const decided = await this.#send({ type: 'decide', revision });
    if (!decided.ok)
      return { ok: false, message: 'stale' in decided ? 'superseded' : decided.error.message };
    return { ok: true, outcomes: decided.value.outcomes };
  }
}
