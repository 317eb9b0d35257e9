/**
 * Which worlds `eval FILE` checks for paths to admin among its findings. Apart from the analysis
 * (escalation.ts), so that the main thread can tell without loading it: the paths themselves are
 * worked out in the evaluation thread (decide-worker.ts).
 */
import type { Scenario } from '../model/index.ts';

/**
 * The most users and roles a world may have for `eval FILE` to list its paths to admin among the
 * findings: such a world's graph takes well under a second. A bigger one is checked only when
 * asked (`--escalation`), so an ordinary eval of a large imported account stays quick.
 */
export const ESCALATION_FINDINGS_UP_TO = 100;

/** Whether eval computes the escalation findings for this world, and if not the note saying why. */
export function escalationChecked(scenario: Scenario): { ok: true } | { ok: false; note: string } {
  const count = Object.values(scenario.accounts ?? {}).reduce(
    (n, a) => n + Object.keys(a.users ?? {}).length + Object.keys(a.roles ?? {}).length,
    0,
  );
  if (count <= ESCALATION_FINDINGS_UP_TO) return { ok: true };
  return {
    ok: false,
    note: `escalation paths not checked: the world has ${count} users and roles (more than ${ESCALATION_FINDINGS_UP_TO}); run with --escalation to list them.`,
  };
}
