import type { DumpFile } from '../../../../src/model/index.ts';
import { parseJsonText } from '../../../../src/model/json-text.ts';

/** A file as the import gets it: its name, parsed value, and positions for messages. */
export function file(name: string, source: string): DumpFile {
  const parsed = parseJsonText(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return {
    name,
    value: parsed.value,
    locate: (path) => {
      const range = parsed.locate(path);
      return range ? { line: range.line, column: range.column } : undefined;
    },
  };
}
