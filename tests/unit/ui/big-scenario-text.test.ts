/**
 * Issue 14: a big scenario text is read by the worker and comes back in parts, so the page never
 * parses or deserializes megabytes in one task. Wired here to the worker's real handlers.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_LENGTH, MAX_WORLD_TEXT_LENGTH } from '../../../src/model/size-limits.ts';
import { BIG_TEXT, Playground } from '../../../src/ui/state/playground.svelte.ts';
import { addAccount, emptyScenario } from '../../../src/model/world/index.ts';
import type { Send } from '../../../src/worker/client.ts';
import { createHandlers, WorkerFailure } from '../../../src/worker/handlers.ts';
import type { ReadTextPart, WorkerRequest } from '../../../src/worker/protocol.ts';

const A = '111122223333';

/** A world of about `size` characters: many bucket policies. */
function bigWorldText(size: number): string {
  const resources: Record<string, unknown> = {};
  const world = {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Big',
    accounts: { [A]: { users: { alice: {} } } },
    requests: [
      {
        id: 'r',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b-0/k',
      },
    ],
    resources,
  };
  for (let i = 0; JSON.stringify(world, null, 2).length < size; i++) {
    for (let j = 0; j < 100; j++) {
      resources[`arn:aws:s3:::b-${i * 100 + j}`] = {
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::b-${i * 100 + j}/*`,
            },
          ],
        },
      };
    }
  }
  return JSON.stringify(world, null, 2);
}

/** The worker's real handlers behind a Send; parts are cloned as postMessage clones them. */
function workerSend() {
  const handlers = createHandlers();
  const sent: WorkerRequest[] = [];
  const parts: ReadTextPart[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const send = (async (request: WorkerRequest, onPart?: (part: ReadTextPart) => void) => {
    sent.push(request);
    if (request.type === 'read-text' && hold) await new Promise<void>((r) => (release = r));
    await Promise.resolve();
    if (request.type === 'read-text') {
      const value = handlers.readText(request, (part) => {
        parts.push(part);
        onPart?.(structuredClone(part));
      });
      return { ok: true, value };
    }
    try {
      return { ok: true, value: await handlers.handle(request) };
    } catch (error) {
      if (error instanceof WorkerFailure) return { ok: false, error: error.failure };
      throw error;
    }
  }) as Send;
  return { send, sent, parts, holdReads: () => (hold = true), release: () => release?.() };
}

describe('a big scenario text (issue 14)', () => {
  it('is read by the worker, arrives in parts, and is evaluated from the worker’s own copy', async () => {
    const text = bigWorldText(3 * BIG_TEXT);
    const { send, sent, parts } = workerSend();
    const playground = new Playground(send, emptyScenario());
    const loading = playground.loadText(text, 'Opened.');
    expect(playground.reading).toMatchObject({ text });
    expect(playground.text).toBe(text);
    await loading;
    expect(playground.reading).toBeNull();
    expect(parts.length).toBeGreaterThan(1);
    expect(playground.scenario).toEqual(JSON.parse(text));
    expect(playground.text).toBe(text);
    // The worker is not sent the megabytes back: the evaluate names what it read.
    const read = sent.find((r) => r.type === 'read-text');
    const evaluate = sent.filter((r) => r.type === 'evaluate').at(-1);
    expect(evaluate).toMatchObject({ read: read?.type === 'read-text' ? read.token : -1 });
    expect(evaluate && 'scenario' in evaluate).toBe(false);
    await vi.waitFor(() => expect(playground.outcomes[0]?.decision).toBe('allowed'));
  });

  it('takes no edit while it is being read, and a scenario opened meanwhile wins', async () => {
    const text = bigWorldText(2 * BIG_TEXT);
    const { send, holdReads, release } = workerSend();
    const playground = new Playground(send, emptyScenario());
    holdReads();
    const loading = playground.loadText(text);
    playground.edit('add account', (s) => addAccount(s, A));
    expect(playground.text).toBe(text); // what would be saved is still the text being opened
    const small = JSON.stringify({ ...emptyScenario(), title: 'Small' });
    await playground.loadText(small);
    release();
    await loading;
    expect(playground.scenario).toMatchObject({ title: 'Small' });
    expect(playground.text).toBe(small);
  });

  it('reads a world over the editor’s 5 MB (an imported account), and keeps a text too large to read as it is, with the reason', async () => {
    const { send } = workerSend();
    const playground = new Playground(send, emptyScenario());
    const account = `{"title": "${'x'.repeat(DEFAULT_MAX_LENGTH)}"}`;
    await playground.loadText(account);
    expect(playground.readProblem).toBeNull();
    expect(playground.draft).toBeNull();
    expect(String(playground.scenario['title'])).toHaveLength(DEFAULT_MAX_LENGTH);
    const text = `{"title": "${'x'.repeat(MAX_WORLD_TEXT_LENGTH)}"}`;
    await playground.loadText(text);
    expect(playground.text).toBe(text);
    expect(playground.draft).toBe(text);
    expect(playground.readProblem).toMatch(
      /too large: 50,000,013 characters, the limit is 50,000,000/,
    );
  });
});
