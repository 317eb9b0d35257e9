import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../src/findings/types.ts';
import { ScenarioFindings } from '../../../src/ui/findings/findings.svelte.ts';
import { checkOnMainThread } from '../../../src/ui/findings/main-thread-check.ts';

/** A fake check whose answers the test hands out, in any order. */
function controlledCheck() {
  const calls: {
    scenario: unknown;
    revision: number;
    answer: (f: Finding[]) => void;
    fail: (e: Error) => void;
  }[] = [];
  const check = (scenario: unknown, revision: number) =>
    new Promise<Finding[]>((resolve, reject) => {
      calls.push({ scenario, revision, answer: resolve, fail: reject });
    });
  return { calls, check };
}

const findingAbout = (message: string): Finding => ({
  code: 'action-matches-no-resource',
  severity: 'warning',
  message,
  path: [],
  docs: { title: 't', url: 'https://docs.aws.amazon.com/' },
});

/** Lets pending promise callbacks run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('ScenarioFindings', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks once editing pauses, only the latest scenario', async () => {
    const { calls, check } = controlledCheck();
    const state = new ScenarioFindings({ check, delay: 150 });
    state.update('one', 1);
    await vi.advanceTimersByTimeAsync(100);
    state.update('two', 2);
    await vi.advanceTimersByTimeAsync(149);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => [c.scenario, c.revision])).toEqual([['two', 2]]);
    expect(state.pending).toBe(true);
    calls[0]!.answer([findingAbout('two')]);
    await settle();
    expect(state.findings).toEqual([findingAbout('two')]);
    expect(state.revision).toBe(2);
    expect(state.checked).toBe('two');
    expect(state.pending).toBe(false);
  });

  it('waits for a longer pause once a check has proved costly (twice its time, at most 2 s)', async () => {
    const { calls, check } = controlledCheck();
    const state = new ScenarioFindings({ check, delay: 150 });
    state.update('one', 1);
    await vi.advanceTimersByTimeAsync(150);
    await vi.advanceTimersByTimeAsync(600); // the check of a big world takes 600 ms
    calls[0]!.answer([]);
    await settle();
    state.update('two', 2);
    await vi.advanceTimersByTimeAsync(1199);
    expect(calls).toHaveLength(1); // keys typed within 1.2 s of each other never wait on a check
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5000); // a check of 5 s…
    calls[1]!.answer([]);
    await settle();
    state.update('three', 3);
    await vi.advanceTimersByTimeAsync(2000); // …waits for 2 s at most
    expect(calls).toHaveLength(3);
    // A cheap check brings the pause back to the default.
    calls[2]!.answer([]);
    await settle();
    state.update('four', 4);
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toHaveLength(4);
  });

  it('keeps the newest answer when an older check finishes last', async () => {
    const { calls, check } = controlledCheck();
    const state = new ScenarioFindings({ check, delay: 150 });
    state.update('one', 1);
    await vi.advanceTimersByTimeAsync(150);
    state.update('two', 2);
    await vi.advanceTimersByTimeAsync(150);
    expect(calls.map((c) => c.scenario)).toEqual(['one', 'two']);
    calls[1]!.answer([findingAbout('two')]);
    await settle();
    calls[0]!.answer([findingAbout('one')]);
    await settle();
    expect(state.findings).toEqual([findingAbout('two')]);
    expect(state.revision).toBe(2);
    expect(state.checked).toBe('two');
  });

  it('drops an older answer that arrives first, and waits for the newest', async () => {
    const { calls, check } = controlledCheck();
    const state = new ScenarioFindings({ check, delay: 150 });
    state.update('one', 1);
    await vi.advanceTimersByTimeAsync(150);
    state.update('two', 2);
    await vi.advanceTimersByTimeAsync(150);
    calls[0]!.answer([findingAbout('one')]);
    await settle();
    expect(state.findings).toBeNull();
    expect(state.revision).toBe(-1);
    calls[1]!.answer([]);
    await settle();
    expect(state.findings).toEqual([]);
    expect(state.revision).toBe(2);
  });

  it('does not check the same scenario and revision twice', async () => {
    const { calls, check } = controlledCheck();
    const state = new ScenarioFindings({ check, delay: 150 });
    const scenario = { format: 'iam-playground/scenario', version: 1 };
    state.update(scenario, 1);
    await vi.advanceTimersByTimeAsync(150);
    state.update(scenario, 1);
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toHaveLength(1);
  });

  it('reports a failed check and keeps the findings it had', async () => {
    const { calls, check } = controlledCheck();
    const state = new ScenarioFindings({ check, delay: 150 });
    state.update('one', 1);
    await vi.advanceTimersByTimeAsync(150);
    calls[0]!.answer([findingAbout('one')]);
    await settle();
    state.update('two', 2);
    await vi.advanceTimersByTimeAsync(150);
    calls[1]!.fail(new Error('offline'));
    await settle();
    expect(state.problem).toBe('Findings could not be computed: offline');
    expect(state.findings).toEqual([findingAbout('one')]);
    state.update('three', 3);
    await vi.advanceTimersByTimeAsync(150);
    calls[2]!.answer([]);
    await settle();
    expect(state.problem).toBeNull();
  });

  it('starts no check after dispose', async () => {
    const { calls, check } = controlledCheck();
    const state = new ScenarioFindings({ check, delay: 150 });
    state.update('one', 1);
    state.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(0);
  });
});

describe('checkOnMainThread', () => {
  it("loads the findings code and the services a scenario names: lesson 4's ListBucket mistake", async () => {
    const lesson4: unknown = JSON.parse(
      readFileSync(
        new URL('../../../lessons/04-s3-bucket-and-object-arns/start.json', import.meta.url),
        'utf8',
      ),
    );
    const findings = await checkOnMainThread(lesson4, 0);
    expect(findings.map((f) => f.code)).toContain('action-matches-no-resource');
  });
});
