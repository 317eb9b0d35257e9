/**
 * Adding a resource policy to a resource entry that has none. A module of its own: only the
 * inspector uses it, so it loads with the inspector, not with the first screen.
 */
import { isObject, setIn } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { emptyPolicy } from './document.ts';

/**
 * Gives a resource that has none an empty resource policy (Version and no statements) to write
 * in; a resource with a policy, or no entry, is left as it is.
 */
export function addResourcePolicy(scenario: ScenarioDocument, arn: string): ScenarioDocument {
  const entry = isObject(scenario['resources']) ? scenario['resources'][arn] : undefined;
  if (!isObject(entry) || (entry['policy'] !== undefined && entry['policy'] !== null))
    return scenario;
  return setIn(scenario, ['resources', arn, 'policy'], emptyPolicy()) as ScenarioDocument;
}
