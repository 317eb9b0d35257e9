/**
 * The command line's evaluation thread (see time-limit.ts): waits for its job, decides every
 * request of the scenario, saying as each one starts, so the main thread can stop a request that
 * runs too long; then, when asked, lists the paths to admin on the policies it has compiled.
 */
import { parentPort } from 'node:worker_threads';
import { loadManagedPolicyCatalog, type ManagedPolicyCatalog } from '../data/managed-policies.ts';
import { evaluateScenario, referencedManagedPolicies } from '../model/index.ts';
import type { DecideJob, DecideMessage } from './time-limit.ts';
import { leanResult } from './formats.ts';

const post = (message: DecideMessage): void => parentPort?.postMessage(message);

parentPort?.once('message', (job: DecideJob) => {
  void run(job);
});

async function run({ scenario, now, lean, escalation }: DecideJob): Promise<void> {
  let catalog: ManagedPolicyCatalog = new Map();
  if (referencedManagedPolicies(scenario).length > 0) catalog = await loadManagedPolicyCatalog();
  const clock = now === undefined ? undefined : new Date(now);
  const results = evaluateScenario(scenario, {
    catalog,
    now: clock,
    onRequest: (index) => post({ started: index }),
  });
  post({ results: lean ? results.map(leanResult) : results });
  if (escalation) {
    const { adminPaths } = await import('./escalation.ts');
    post({ paths: await adminPaths(scenario, clock) });
  }
}
