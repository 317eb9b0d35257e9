import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/examples/index.ts';
import { loadScenario } from '../../../src/model/index.ts';

describe('the example index', () => {
  it('lists every example with its title, and loads its exact text', async () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
    for (const example of EXAMPLES) {
      const text = await example.load();
      const loaded = loadScenario(text);
      expect(loaded.scenario?.title).toBe(example.title);
      expect(example.file).toMatch(/^[a-z0-9-]+\.json$/);
    }
  });
});
