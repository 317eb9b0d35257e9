/// <reference types="node" />
/** Runs `eval` as the npm script runs it (tsx src/cli/eval.ts ARGS) and returns its outcome. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

export function run(args: string[]) {
  const result = spawnSync(`${root}node_modules/.bin/tsx`, ['src/cli/eval.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
