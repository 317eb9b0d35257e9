/**
 * Reads a hand-in file (hand-in-format.ts `readHandInFile`) in the storage worker, as links and
 * imported files are: the class sheet takes files of up to 5 MB, whose decoding, parsing and
 * checking held the page for seconds. A module of its own so that only the class sheet loads it
 * (off-thread.ts is part of every first visit). Never throws.
 */
import type { HandInResult } from './hand-in-format.ts';
import { ask } from './off-thread.ts';

/** Reads `file` as a hand-in; `name` names it in messages. */
export async function readHandInFileOffThread(file: Blob, name: string): Promise<HandInResult> {
  if (typeof Worker === 'undefined')
    return (await import('./hand-in-format.ts')).readHandInFile(file, name);
  return ask<HandInResult>({ type: 'hand-in', file, name }, file.size, 'files', (why) => ({
    ok: false,
    message: `${name} could not be read: ${why}`,
  }));
}
