/**
 * The command line's evaluation thread (see time-limit.ts): decides every request of a
 * scenario, saying as each one starts, so the main thread can stop a request that runs too long.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadManagedPolicyCatalog, type ManagedPolicyCatalog } from '../data/managed-policies.ts';
import { evaluateScenario, referencedManagedPolicies } from '../model/index.ts';
import type { DecideJob, DecideMessage } from './time-limit.ts';
import { leanResult } from './formats.ts';

const post = (message: DecideMessage): void => parentPort?.postMessage(message);
const { scenario, now, lean } = workerData as DecideJob;
let catalog: ManagedPolicyCatalog = new Map();
if (referencedManagedPolicies(scenario).length > 0) catalog = await loadManagedPolicyCatalog();
const results = evaluateScenario(scenario, {
  catalog,
  now: now === undefined ? undefined : new Date(now),
  onRequest: (index) => post({ started: index }),
});
post({ results: lean ? results.map(leanResult) : results });
