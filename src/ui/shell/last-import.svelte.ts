/**
 * The files of the session's last import (picked or dropped), by name, kept in memory only:
 * the console's `file://NAME` reads them (e.g. `aws s3api put-bucket-policy --policy
 * file://policy.json` with a dumped bucket policy) and `files` lists them.
 */
class LastImport {
  files = $state.raw<Readonly<Record<string, string>>>({});

  /** Keeps the texts of `files` (replacing the previous import's). */
  async keep(files: Iterable<File>): Promise<void> {
    const kept: Record<string, string> = {};
    for (const file of files) {
      try {
        kept[file.name] = await file.text();
      } catch {
        // A file that cannot be read again is left out; the import reports it.
      }
    }
    this.files = kept;
  }
}

export const lastImport = new LastImport();
