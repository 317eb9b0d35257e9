/** The guides' command list, run as the console panel runs it (tests/browser/guides.spec.ts types it). */
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { USAGE_BANNER } from '../../../src/console/args';
import type { ManagedPolicyCatalog } from '../../../src/data/managed-policies';
import { loadManagedPolicyCatalog } from '../../../src/data/managed-policies';
import { GUIDE_LINES } from '../../browser/guide-commands';
import { NOW, Session, emptyWorld } from './helpers';

let catalog: ManagedPolicyCatalog;
beforeAll(async () => {
  catalog = await loadManagedPolicyCatalog();
}, 60_000);

describe("the guides' commands", () => {
  it('each is answered as the AWS CLI answers it', async () => {
    const s = new Session(emptyWorld(), createConsoleDeps({ now: () => NOW, catalog }));
    for (const { line, expect: wanted, error } of GUIDE_LINES) {
      const result = await s.run(line);
      expect(result.output, line).not.toContain(USAGE_BANNER.split('\n')[0]);
      expect(result.error?.code, `${line}\n${result.output}`).toBe(error);
      if (wanted !== undefined) expect(result.output, line).toContain(wanted);
    }
  });
});
