/**
 * The worker's copy of the scenario, kept in step with the UI by whole scenarios and patches.
 *
 * Sending a big world to the worker on every keystroke means cloning all of it; a keystroke
 * changes one document, so the UI sends that document and the worker puts it in place.
 */
import type { EvaluateRequest, WorkerError } from './protocol.ts';
import { isRecord, setIn } from '../model/index.ts';

export class ScenarioMirror {
  #revision = -1;
  #scenario: unknown = undefined;
  /** A scenario read from a text (`read-text`), until the `evaluate` naming its token takes it. */
  #held: { token: number; value: unknown } | null = null;

  /** Keeps a value read from a text for the evaluate that will name `token`. */
  hold(token: number, value: unknown): void {
    this.#held = { token, value };
  }

  /** The revision of the copy (-1 before the first scenario). */
  get revision(): number {
    return this.#revision;
  }
  get scenario(): unknown {
    return this.#scenario;
  }

  /** Brings the copy to the request's revision; an error when a patch does not fit the copy. */
  apply(request: EvaluateRequest): WorkerError | null {
    if (request.scenario !== undefined) {
      this.#scenario = request.scenario;
      this.#revision = request.revision;
      return null;
    }
    if (request.read !== undefined) {
      if (this.#held?.token !== request.read) {
        return {
          code: 'out-of-sync',
          message: `The worker holds no scenario read for ${request.read}: send the whole scenario.`,
        };
      }
      this.#scenario = this.#held.value;
      this.#revision = request.revision;
      this.#held = null;
      return null;
    }
    if (request.patch) {
      if (request.patch.baseRevision !== this.#revision) {
        return {
          code: 'out-of-sync',
          message: `The worker holds revision ${this.#revision}, not ${request.patch.baseRevision}: send the whole scenario.`,
        };
      }
      // Copies the containers on the path, shares the rest (the worker's caches rely on it).
      this.#scenario = setIn(this.#scenario, request.patch.path, request.patch.value);
      this.#revision = request.revision;
      return null;
    }
    if (request.revision !== this.#revision) {
      return {
        code: 'out-of-sync',
        message: `The worker holds revision ${this.#revision}, not ${request.revision}.`,
      };
    }
    return null;
  }
}
