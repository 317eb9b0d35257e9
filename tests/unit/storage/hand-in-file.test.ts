/**
 * The class sheet's hand-in files are read in the storage worker, as links and imports are
 * (issue 14): decoded as UTF-8 with the encoding named, parsed and checked there, never on the page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readHandInFile, readHandInText } from '../../../src/storage/hand-in-format.ts';
import {
  timeLimitMs,
  type StorageAnswer,
  type StorageRequest,
} from '../../../src/storage/off-thread.ts';
import { makeHandIn } from '../../../src/ui/classroom/hand-in.ts';
import { lessonScenario } from './fixtures.ts';

const scenario = () => JSON.parse(lessonScenario) as Record<string, unknown>;
const handInText = async () =>
  JSON.stringify(await makeHandIn('Ada', scenario(), scenario(), new Date('2026-12-02T10:00:00Z')));

/** UTF-16 little-endian bytes with a byte-order mark, as Windows editors save "Unicode". */
const utf16 = (text: string): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++)
    bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
  return bytes;
};

describe('reading a hand-in file', () => {
  it('reads a UTF-8 file as its text is read', async () => {
    const text = await handInText();
    expect(await readHandInFile(new Blob([text]), 'ada.json')).toEqual(
      readHandInText(text, 'ada.json'),
    );
    expect((await readHandInFile(new Blob([text]), 'ada.json')).ok).toBe(true);
  });

  it('names another encoding, and where a byte is not UTF-8', async () => {
    const text = await handInText();
    expect(await readHandInFile(new Blob([utf16(text)]), 'ada.json')).toEqual({
      ok: false,
      message:
        'ada.json is encoded as UTF-16 (little-endian, with a byte-order mark); hand-in files are UTF-8. Save it as UTF-8 (in most editors: Save As, encoding "UTF-8") and try again. (line 1, column 1)',
    });
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{\n "student": "Ren'),
      0xe9,
      0x22,
      0x7d,
    ]);
    expect(await readHandInFile(new Blob([latin1]), 'rene.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^rene\.json is not valid UTF-8: byte 0xE9 .*hand-in files are UTF-8.* \(line 2, column 17\)$/,
      ),
    });
  });

  it('refuses a file over 5 MB without reading it', async () => {
    const big = new Blob([new Uint8Array(5_000_001)]);
    const read = vi.spyOn(big, 'arrayBuffer');
    expect(await readHandInFile(big, 'huge.json')).toEqual({
      ok: false,
      message:
        'huge.json: 5,000,001 bytes, more than a hand-in may be (5,000,000). It was not read.',
    });
    expect(read).not.toHaveBeenCalled();
  });
});

describe('the class sheet reads hand-in files in the storage worker', () => {
  // Each test starts its own storage worker (off-thread.ts keeps the one it started).
  let readHandInFileOffThread: typeof import('../../../src/storage/hand-in-off-thread.ts').readHandInFileOffThread;
  beforeEach(async () => {
    vi.resetModules();
    ({ readHandInFileOffThread } = await import('../../../src/storage/hand-in-off-thread.ts'));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('sends the file to the worker and shows its answer; the page does not read the file', async () => {
    const sent: StorageRequest[] = [];
    class StorageWorker extends EventTarget {
      postMessage(request: StorageRequest): void {
        sent.push(request);
        // The worker's side, as storage-worker.ts answers.
        void import('../../../src/storage/hand-in-format.ts')
          .then(({ readHandInFile }) =>
            request.type === 'hand-in' ? readHandInFile(request.file, request.name) : null,
          )
          .then((result) => {
            const data = { id: request.id, result } as StorageAnswer;
            this.dispatchEvent(new MessageEvent('message', { data }));
          });
      }
      terminate(): void {}
    }
    vi.stubGlobal('Worker', StorageWorker);
    const file = new Blob([await handInText()]);
    const text = vi.spyOn(file, 'text');
    const bytes = vi.spyOn(file, 'arrayBuffer');
    const answer = readHandInFileOffThread(file, 'ada.json');
    // Nothing of the file was read on the page before it went to the worker.
    expect(sent).toEqual([{ type: 'hand-in', id: expect.any(Number), file, name: 'ada.json' }]);
    expect(text).not.toHaveBeenCalled();
    expect((await answer).ok).toBe(true);
    expect(bytes).toHaveBeenCalledTimes(1); // by the worker's side
  });

  it('a worker that never answers is stopped after its time limit, and the file is refused saying so', async () => {
    vi.useFakeTimers();
    class SilentWorker extends EventTarget {
      postMessage(): void {}
      terminate(): void {}
    }
    vi.stubGlobal('Worker', SilentWorker);
    const answer = readHandInFileOffThread(new Blob(['{}']), 'bob.json');
    await vi.advanceTimersByTimeAsync(timeLimitMs(2));
    expect(await answer).toEqual({
      ok: false,
      message:
        'bob.json could not be read: the part that reads files did not answer within 15 seconds and was stopped. Nothing of yours was changed; reload the page to try again.',
    });
  });
});

describe('the storage worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers a hand-in request with the file read', async () => {
    const scope = Object.assign(new EventTarget(), { postMessage: vi.fn() });
    vi.stubGlobal('self', scope);
    await import('../../../src/storage/storage-worker.ts');
    const text = await handInText();
    const request: StorageRequest = {
      type: 'hand-in',
      id: 7,
      file: new Blob([text]),
      name: 'ada.json',
    };
    scope.dispatchEvent(new MessageEvent('message', { data: request }));
    await vi.waitFor(() => expect(scope.postMessage).toHaveBeenCalled());
    expect(scope.postMessage).toHaveBeenCalledWith({
      id: 7,
      result: readHandInText(text, 'ada.json'),
    });
  });
});
