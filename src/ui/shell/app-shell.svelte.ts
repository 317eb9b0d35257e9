/**
 * The app shell's own state, apart from the screen (testable without a DOM): the aws console's
 * session, and how console commands and quick fixes reach the world.
 *
 * Every change goes through `Playground.edit` as one labelled step of the world's one history,
 * so a console command, a quick fix, an explorer click and typing in the editor are all undone
 * by the same Undo (see history.svelte.ts).
 */
import type { ConsoleState } from '../../console/index.ts';
import type { Finding } from '../../findings/index.ts';
import type { ScenarioDocument as Scenario, Scenario as WorldScenario } from '../../model/index.ts';
import type { Playground } from '../state/playground.svelte.ts';

export class AppShell {
  readonly #playground: Playground;
  /** The console's state and the scenario load it belongs to. */
  #console = $state.raw<{ state: ConsoleState; load: number } | undefined>(undefined);

  constructor(playground: Playground) {
    this.#playground = playground;
  }

  /**
   * The console's caller, role sessions and access keys: kept while the same scenario is open,
   * gone once another is loaded (the console panel then starts a fresh one).
   */
  get consoleState(): ConsoleState | undefined {
    const kept = this.#console;
    return kept && kept.load === this.#playground.loadCount ? kept.state : undefined;
  }
  set consoleState(state: ConsoleState | undefined) {
    this.#console = state ? { state, load: this.#playground.loadCount } : undefined;
  }

  /** A console command changed the world: one step of the history, named by the command. */
  applyCommand(next: WorldScenario, command: string): void {
    // The console reads and writes the world as the model types it; the playground holds the
    // same JSON value under the editor's looser type.
    this.#playground.edit(command, () => next as unknown as Scenario);
  }

  /**
   * Applies a finding's quick fix as one step named by the fix ("enable MFA for the root user").
   * `basis` is the scenario the findings were computed from (see applyFix).
   */
  async fix(finding: Finding, basis: unknown): Promise<void> {
    const fix = finding.fix;
    if (!fix) return;
    // Quick fixes are rare: their code loads with the first one (the first visit's budget).
    const { applyFix } = await import('../findings/apply-fix.ts');
    const playground = this.#playground;
    const result = applyFix(playground.scenario, fix, basis);
    if (!result.ok) return playground.announce(`Not fixed: ${result.problem}`);
    const text = fix.description;
    // "Enable MFA…" reads "Undo: enable MFA…"; a leading acronym ("IAM…") keeps its case.
    const label = /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
    playground.edit(label, () => result.value);
    playground.announce(`Fixed: ${fix.description}.`);
  }
}
