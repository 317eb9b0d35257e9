/**
 * Wiring: the worker, its client and the playground state, plus the panel type the app shell
 * accepts from integrators.
 */
import type { Snippet } from 'svelte';
import { createClient } from '../worker/index.ts';
import { Playground } from './state/playground.svelte.ts';
import { starterScenario } from './state/starter.ts';
import type { ScenarioDocument } from '../model/index.ts';

/** A panel in the left rail beside the world explorer (Library, Lessons, Console, Findings...). */
export interface RailPanel {
  id: string;
  /** The tab's label, also the panel's heading. */
  label: string;
  /** What the panel shows (a snippet, so the app can pass whatever props the panel needs). */
  content: Snippet;
  /** Also offered as a button in the header, always in reach (Lessons). */
  pinned?: boolean;
}

/** Starts the evaluator worker (again, when the client replaces one stuck in a costly decision). */
export function startWorker(): Worker {
  return new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'evaluator',
  });
}

/** Starts the worker and returns the playground state that talks to it. */
export function createPlayground(initial: ScenarioDocument = starterScenario()): Playground {
  return new Playground(createClient(startWorker), initial);
}
