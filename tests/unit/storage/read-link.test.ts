import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLink } from '../../../src/storage/read-link.ts';
import { readLinkOffThread, timeLimitMs } from '../../../src/storage/off-thread.ts';
import { linkKind } from '../../../src/storage/share-link.ts';
import { lessonScenario } from './fixtures.ts';

const link = (key: 's' | 'h' | 'c', text: string) =>
  `#${key}=1.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;

const course = JSON.stringify({
  format: 'iam-playground/course',
  version: 1,
  title: 'Basics',
  items: [{ lesson: 'how-a-decision-is-made' }, { exercise: JSON.parse(lessonScenario) }],
});

describe('every kind of link is read by one path (issue 14)', () => {
  it('tells the kind of a link in either letter case, and none for anything else', () => {
    expect(['#s=1.x', 'S=1.x', '#h=1.x', '#C=1.x', '#x=1', '', '#s'].map(linkKind)).toEqual([
      's',
      's',
      'h',
      'c',
      null,
      null,
      null,
    ]);
  });

  it('reads a course, a scenario and a hand-in link the same way', async () => {
    const readCourse = await readLink(link('c', course), 'c');
    expect(readCourse.ok && readCourse.course.items.length).toBe(2);
    const readScenario = await readLink(link('s', lessonScenario), 's');
    expect(readScenario.ok).toBe(true);
    const handIn = await readLink(link('h', course), 'h', 'link 3');
    expect(handIn).toEqual({
      ok: false,
      message: 'link 3: "format" must be "iam-playground/hand-in": this is not a hand-in.',
    });
  });

  it.each([
    ['c', 'This course link'],
    ['h', 'This hand-in link'],
  ] as const)('refuses hostile %s links with a message that says where', async (key, where) => {
    // A white-space bomb: 1 MB of nothing but white space is not JSON; the message gives its place.
    const blank = await readLink(link(key, '\n '.repeat(495_000)), key);
    expect(blank.ok).toBe(false);
    expect(!blank.ok && blank.message).toMatch(
      new RegExp(`^${where}: not valid JSON \\(line 495001, column 2\\)`),
    );
    // A decompression bomb is stopped past 1 MB.
    const bomb = await readLink(link(key, ' '.repeat(20_000_000)), key);
    expect(!bomb.ok && bomb.message).toBe(
      `${where}: This link unpacks to more than 1 MB, far more than any scenario; it was not read.`,
    );
    // A fragment longer than any link is not even decoded.
    const long = await readLink(`#${key}=1.${'A'.repeat(1_900_000)}`, key);
    expect(!long.ok && long.message).toBe(
      `${where}: This link is 1,900,004 characters long; links are at most 200,000. It was not read.`,
    );
  });

  it('gives the same answer through readLinkOffThread where there is no Worker', async () => {
    const fragment = link('c', '\n '.repeat(1000));
    expect(await readLinkOffThread(fragment, 'c')).toEqual(await readLink(fragment, 'c'));
  });
});

describe('a storage worker that never answers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** A worker that takes every message and answers none (a hang, not a crash). */
  class SilentWorker extends EventTarget {
    static started = 0;
    static stopped = 0;
    constructor() {
      super();
      SilentWorker.started++;
    }
    postMessage(): void {}
    terminate(): void {
      SilentWorker.stopped++;
    }
  }

  it('is stopped after its time limit; the link is refused with why, and the next link gets a new worker', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', SilentWorker);
    const fragment = link('s', lessonScenario);
    const answer = readLinkOffThread(fragment, 's');
    let settled = false;
    void answer.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(timeLimitMs(fragment.length) - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toEqual({
      ok: false,
      code: 'not-read',
      message:
        'This link could not be read: the part that reads links did not answer within 15 seconds and was stopped. Nothing of yours was changed; reload the page to try again.',
    });
    expect(SilentWorker.stopped).toBe(1);
    // The same link asked for again is asked of a new worker, not answered from the old refusal.
    void readLinkOffThread(fragment, 's');
    expect(SilentWorker.started).toBe(2);
  });

  it('gives a hand-in link the refusal in its own words', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', SilentWorker);
    const answer = readLinkOffThread(link('h', '{}'), 'h', 'link 2');
    await vi.advanceTimersByTimeAsync(timeLimitMs(100));
    expect(await answer).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^link 2: This link could not be read: the part that reads/),
    });
  });

  it('allows 15 s, and 10 s more per megabyte of input', () => {
    expect([0, 200_000, 5_000_000].map(timeLimitMs)).toEqual([15_000, 17_000, 65_000]);
  });
});
