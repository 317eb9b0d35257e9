import { describe, expect, it } from 'vitest';
import { loadReferenceFor } from '../../../src/data/service-reference.ts';
import {
  DOCS,
  FINDING_CODES,
  checkPolicy,
  checkScenario,
  type Finding,
} from '../../../src/findings/index.ts';
import { policyCases } from './policy-cases.ts';
import { credentialCases } from './credential-cases.ts';
import { scenarioCases } from './scenario-cases.ts';

// escalation-path comes from the analysis's paths, not checkScenario: escalation-checks.test.ts.
const tested = new Set([
  ...[...policyCases, ...scenarioCases, ...credentialCases].map((c) => c.code),
  'escalation-path',
]);

async function findingsOfBadCases(): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const c of policyCases) {
    found.push(...checkPolicy(c.bad, c.kind, await loadReferenceFor(c.bad), undefined, c.context));
  }
  for (const c of scenarioCases) found.push(...checkScenario(c.bad, await loadReferenceFor(c.bad)));
  return found;
}

describe('finding codes', () => {
  it.each(Object.keys(FINDING_CODES))(
    '%s has a document that triggers it and one that does not',
    (code) => {
      expect(tested.has(code)).toBe(true);
    },
  );

  it('every tested code is in the catalog', () => {
    for (const code of tested) expect(Object.keys(FINDING_CODES)).toContain(code);
  });

  it('findings carry the severity of their code and cite its page (or S3’s own)', async () => {
    for (const f of await findingsOfBadCases()) {
      const info = FINDING_CODES[f.code];
      expect(info, f.code).toBeDefined();
      expect(f.severity, f.code).toBe(info.severity);
      expect([info.docs.url, DOCS.s3Resources.url], f.code).toContain(f.docs.url);
    }
  });
});
