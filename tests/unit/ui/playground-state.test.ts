import { describe, expect, it } from 'vitest';
import type { Send } from '../../../src/worker/client.ts';
import type {
  Answer,
  DecideResponse,
  EvaluateResponse,
  WorkerRequest,
  WorkerResponse,
} from '../../../src/worker/protocol.ts';
import { addAccount, addRequest, addUser, emptyScenario } from '../../../src/model/world/index.ts';
import { Playground } from '../../../src/ui/state/playground.svelte.ts';
import { AnalysisRun } from '../../../src/ui/access/analysis-run.svelte.ts';

const A = '111122223333';

/** A fake worker: records requests and answers with what `reply` returns. */
function fakeSend(reply: (request: WorkerRequest) => Answer<WorkerResponse> = answerOk) {
  const sent: WorkerRequest[] = [];
  const send = ((request: WorkerRequest) => {
    sent.push(request);
    return Promise.resolve(reply(request));
  }) as Send;
  return { send, sent };
}

function answerOk(request: WorkerRequest): Answer<WorkerResponse> {
  if (request.type === 'evaluate') {
    const value: EvaluateResponse = {
      type: 'evaluate',
      revision: request.revision,
      issues: [],
      outcome: null,
      trace: null,
      chain: [],
      elapsedMs: 0,
    };
    return { ok: true, value };
  }
  if (request.type === 'decide') {
    const value: DecideResponse = {
      type: 'decide',
      revision: request.revision,
      outcomes: [],
      elapsedMs: 0,
    };
    return { ok: true, value };
  }
  return { ok: false, error: { code: 'bad-request', message: 'not in this test' } };
}

const evaluations = (sent: WorkerRequest[]) => sent.filter((r) => r.type === 'evaluate');
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the playground state', () => {
  it('sends the whole scenario first, then one document per editor change, then nothing for a new selection', async () => {
    const { send, sent } = fakeSend();
    const start = addRequest(addRequest(addUser(emptyScenario(), A, 'alice'), {}), {});
    const playground = new Playground(send, start);
    await settle();
    expect(evaluations(sent)[0]).toMatchObject({ scenario: start, revision: 0 });

    const policy = { Version: '2012-10-17', Statement: [] };
    playground.setDocument(['accounts', A, 'policies', 'P'], policy);
    await settle();
    expect(evaluations(sent)[1]).toMatchObject({
      patch: { baseRevision: 0, path: ['accounts', A, 'policies', 'P'], value: policy },
      revision: 1,
    });
    expect(evaluations(sent)[1]).not.toHaveProperty('scenario');

    playground.selectRequest(1);
    await settle();
    expect(evaluations(sent)[2]).toEqual({ type: 'evaluate', traceFor: 1, revision: 1 });
    expect(sent.filter((r) => r.type === 'decide').map((r) => r.revision)).toEqual([0, 1, 1]);
  });

  it('sends the whole scenario after an edit that is not one document', async () => {
    const { send, sent } = fakeSend();
    const playground = new Playground(send, emptyScenario());
    await settle();
    playground.edit('add account', (s) => addAccount(s, A));
    await settle();
    expect(evaluations(sent)[1]).toHaveProperty('scenario', playground.scenario);
  });

  it('sends the whole scenario again when the worker says it lost track', async () => {
    let refuse = true;
    const { send, sent } = fakeSend((request) => {
      if (request.type === 'evaluate' && request.patch && refuse) {
        refuse = false;
        return { ok: false, error: { code: 'out-of-sync', message: 'lost' } };
      }
      return answerOk(request);
    });
    const playground = new Playground(send, emptyScenario());
    await settle();
    playground.setDocument(['title'], 'Renamed');
    await settle();
    await settle();
    const last = evaluations(sent).at(-1);
    expect(last).toMatchObject({ revision: 1, scenario: { title: 'Renamed' } });
    expect(playground.error).toBeNull();
  });

  it('keeps the layout of a text it loaded or was typed, until something else changes the scenario', () => {
    const { send } = fakeSend();
    const playground = new Playground(send, emptyScenario());
    const compact = '{"format":"iam-playground/scenario","version":1,"accounts":{},"requests":[]}';
    playground.loadText(compact);
    expect(playground.text).toBe(compact);

    const typed = `{ "format": "iam-playground/scenario", "version": 1,\n  "title": "Mine", "accounts": {}, "requests": [] }`;
    playground.setDocument([], JSON.parse(typed), typed);
    expect(playground.text).toBe(typed);

    // A change from elsewhere (the explorer, another document) writes the scenario formatted.
    playground.edit('add account', (s) => addAccount(s, A));
    expect(playground.text).toBe(JSON.stringify(playground.scenario, null, 2));
    expect(JSON.parse(playground.text)).toMatchObject({ title: 'Mine', accounts: { [A]: {} } });
  });

  it('keeps text that does not parse as a draft, over an empty world', () => {
    const { send } = fakeSend();
    const playground = new Playground(send, emptyScenario());
    playground.loadText('{"format": ', 'Opened.');
    expect(playground.draft).toBe('{"format": ');
    expect(playground.text).toBe('{"format": ');
    expect(playground.requests).toEqual([]);
  });

  it('shows no answer computed for another scenario: requests stay pending until their own answer is in', async () => {
    // A worker that answers the first scenario at once and holds back every later answer.
    const held: (() => void)[] = [];
    const outcome = (index: number) => ({
      index,
      id: `r${index}`,
      decision: 'allowed' as const,
      expect: 'allowed' as const,
      pass: true,
    });
    const send = ((request: WorkerRequest) => {
      const answer = (): Answer<WorkerResponse> => {
        if (request.type === 'evaluate' && request.traceFor !== null) {
          const value: EvaluateResponse = {
            type: 'evaluate',
            revision: request.revision,
            issues: [],
            outcome: outcome(request.traceFor),
            trace: null,
            chain: [],
            elapsedMs: 0,
          };
          return { ok: true, value };
        }
        if (request.type === 'decide') {
          const value: DecideResponse = {
            type: 'decide',
            revision: request.revision,
            outcomes: [0, 1].map((i) => outcome(i)),
            elapsedMs: 0,
          };
          return { ok: true, value };
        }
        return answerOk(request);
      };
      if ('revision' in request && request.revision > 0)
        return new Promise((resolve) => held.push(() => resolve(answer())));
      return Promise.resolve(answer());
    }) as Send;
    const first = addRequest(addRequest(emptyScenario(), {}), {});
    const playground = new Playground(send, first);
    await settle();
    expect(playground.outcomes.map((o) => o?.decision)).toEqual(['allowed', 'allowed']);
    expect(playground.currentResult?.revision).toBe(0);

    const next = addRequest(addRequest(addRequest(emptyScenario(), {}), {}), {});
    playground.load(next, 'Imported.');
    await settle();
    // The answers for the first scenario are still the latest ones, but not for this scenario.
    expect(playground.result?.revision).toBe(0);
    expect(playground.currentResult).toBeNull();
    expect(playground.outcomes.filter((o) => o !== undefined)).toEqual([]);
    expect(playground.allOutcomes).toBeNull();

    for (const release of held.splice(0)) release();
    await settle();
    expect(playground.currentResult?.revision).toBe(1);
    expect(playground.outcomes.map((o) => o?.decision)).toEqual(['allowed', 'allowed']);
  });
});

describe('an analysis asked of a restarted worker', () => {
  /** The Access drawer's run state, with its `track` open to the test. */
  class Run extends AnalysisRun {
    ask<T>(ask: () => Promise<Answer<T>>): Promise<T | undefined> {
      return this.track(ask);
    }
  }

  it('sends the world again and asks once more, instead of showing "out of sync"', async () => {
    let holds = -1;
    const { send, sent } = fakeSend((request) => {
      if (request.type === 'evaluate' && 'scenario' in request) holds = request.revision;
      return answerOk(request);
    });
    const playground = new Playground(send, addUser(emptyScenario(), A, 'alice'));
    await settle();
    expect(holds).toBe(0);
    holds = -1; // the worker was replaced (an analysis ran past its time limit): it holds nothing
    const before = evaluations(sent).length;
    const run = new Run(playground, 'access');
    const answer = await run.ask(() =>
      Promise.resolve<Answer<string>>(
        holds === playground.revision
          ? { ok: true, value: 'who can' }
          : {
              ok: false,
              error: { code: 'out-of-sync', message: `The worker holds revision ${holds}, not 0.` },
            },
      ),
    );
    expect(answer).toBe('who can');
    expect(run.problem).toBeNull();
    expect(evaluations(sent).slice(before)).toMatchObject([{ scenario: playground.scenario }]);
  });
});
