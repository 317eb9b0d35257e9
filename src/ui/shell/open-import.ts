/**
 * Opening picked files where there is no library (no IndexedDB): they are read in the storage
 * worker, as the library's import reads them (AWS CLI outputs picked together become one
 * scenario), and the first scenario they give opens unsaved. Nothing opens when none does, so a
 * broken file never replaces the world on screen.
 */
import { readImportFilesOffThread } from '../../storage/index.ts';
import type { ImportProgress } from '../../storage/index.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { lastImport } from './last-import.svelte.ts';

/** Opens the first scenario of `files`; returns what went wrong ('' when it opened). */
export async function openImportedFiles(
  files: readonly File[],
  playground: Playground,
  onProgress?: (progress: ImportProgress) => void,
): Promise<string> {
  if (files.length === 0) return '';
  // The console's file://NAME reads the files of the last import.
  lastImport.keep(files);
  const { formatImportProblem } = await import('../../storage/files.ts');
  const read = await readImportFilesOffThread(files, onProgress);
  const opened = read.find((r) => r.result.ok && r.result.scenarios.length > 0);
  const problems = read
    .filter((r) => !r.result.ok)
    .map(
      (r) => `${r.file} was not imported. ${r.result.problems.map(formatImportProblem).join(' ')}`,
    )
    .join(' ');
  if (opened?.result.ok) {
    const first = opened.result.scenarios[0]!;
    // A big text (an imported account) is read by the evaluation worker, not on the page.
    await playground.loadText(first.text, `Opened ${first.title ?? opened.file}.`);
  } else if (!problems) return `${files.map((f) => f.name).join(', ')} holds no scenario.`;
  return problems;
}
