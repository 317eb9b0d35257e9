/**
 * Findings computed on the main thread, for a page without the worker (and for tests): the
 * findings code and the services a scenario names are imported on first use, never with the
 * first visit's bundle.
 *
 * The app should prefer asking its worker: a build where both the worker and the page import the
 * service reference emits some service chunks twice, which the offline precache pays for.
 */
import type { CheckScenario } from './findings.svelte.ts';

export const checkOnMainThread: CheckScenario = async (scenario) => {
  const [{ checkScenario }, { loadReferenceFor }] = await Promise.all([
    import('../../findings/index.ts'),
    import('../../data/service-reference.ts'),
  ]);
  return checkScenario(scenario, await loadReferenceFor(scenario));
};
