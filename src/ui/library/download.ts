/**
 * Saves a file to the user's disk through a temporary blob: URL (local; nothing is uploaded).
 */
import type { ExportFile } from '../../storage/index.ts';

/** Starts the browser's download of `file`. Returns false when the page cannot (no DOM). */
export function downloadFile(
  file: ExportFile | { filename: string; text: string; mimeType: string },
): boolean {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
