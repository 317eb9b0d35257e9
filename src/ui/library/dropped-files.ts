/**
 * The files of a drop, folders included: a dropped folder is read through the File and Directory
 * Entries API (`webkitGetAsEntry`, in every current browser) and gives its JSON files, at any depth,
 * named by their path in it (`account/list-roots.json`).
 */

/** The JSON files in a dropped folder and its subfolders (other files are skipped). */
function folderFiles(entry: FileSystemEntry, path: string): Promise<File[]> {
  if (entry.isFile) {
    if (!/\.json$/i.test(entry.name)) return Promise.resolve([]);
    return new Promise((resolve, reject) =>
      (entry as FileSystemFileEntry).file(
        (file) => resolve([new File([file], `${path}${entry.name}`, { type: file.type })]),
        reject,
      ),
    );
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries gives a folder's entries in batches until an empty one.
  return new Promise<FileSystemEntry[]>((resolve, reject) => {
    const next = (): void =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(entries);
        entries.push(...batch);
        next();
      }, reject);
    next();
  }).then(async (children) => {
    const files: File[] = [];
    for (const child of children.sort((a, b) => a.name.localeCompare(b.name)))
      files.push(...(await folderFiles(child, `${path}${entry.name}/`)));
    return files;
  });
}

/** Every file dropped, a dropped folder's JSON files in place of the folder. */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  // Entries must be taken before the first await: the drop's data is gone after the event.
  const items = [...data.items].filter((item) => item.kind === 'file');
  const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
  const plain = [...data.files];
  if (!entries.some((entry) => entry?.isDirectory)) return plain;
  const files: File[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry?.isDirectory) files.push(...(await folderFiles(entry, '')));
    else if (plain[i]) files.push(plain[i]);
  }
  return files;
}
