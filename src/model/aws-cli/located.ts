/**
 * What every reader of AWS CLI output shares: the file being read, and problems that name the
 * file, the JSON path in it, and (where the text is known) the line and column.
 */
import { formatPath } from '../arn.ts';
import { count } from '../text-caps.ts';

/** One file (or page) to read: its name for messages, its parsed value, and positions if known. */
export interface DumpFile {
  name: string;
  value: unknown;
  /** Line and column of a JSON path in the file's text, for messages. */
  locate?: (path: readonly (string | number)[]) => { line?: number; column?: number } | undefined;
}

/** A malformed part of a file: where it is and what is wrong. */
export interface DumpProblem {
  file: string;
  /** JSON path in the file, e.g. `RoleDetailList[3].AssumeRolePolicyDocument`. */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type Path = (string | number)[];

/** Collects located problems while files are read one after another. */
export class Located {
  readonly problems: DumpProblem[] = [];

  constructor(protected file: DumpFile) {}

  at(file: DumpFile): void {
    this.file = file;
  }

  get fileName(): string {
    return this.file.name;
  }

  problem(path: Path, message: string): void {
    const where = this.file.locate?.(path);
    this.problems.push({
      file: this.file.name,
      path: formatPath(path),
      ...(where?.line !== undefined ? { line: where.line, column: where.column ?? 1 } : {}),
      message,
    });
  }
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The file's own name, without the folders a folder drop puts before it. */
export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

/** A count and the words that follow it, singular or plural: `1 role's date is`, `2 roles' dates are`. */
export function counted(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
