/**
 * The files of the session's last import (picked or dropped), by name, kept in memory only:
 * the console's `file://NAME` reads one when a command names it (e.g. `aws s3api
 * put-bucket-policy --policy file://policy.json` with a dumped bucket policy) and `files` lists
 * them. Only the files are kept, not their texts: a real account's export is hundreds of files
 * and megabytes, which the page held for the whole session (and read at every import).
 */
class LastImport {
  files = $state.raw<Readonly<Record<string, File>>>({});

  /** Keeps `files` (replacing the previous import's). */
  keep(files: Iterable<File>): void {
    const kept: Record<string, File> = {};
    for (const file of files) kept[file.name] = file;
    this.files = kept;
  }
}

export const lastImport = new LastImport();
