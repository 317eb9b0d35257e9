/**
 * Builds the command line (`iam-playground`, package.json `bin`) into dist-cli/ as plain
 * JavaScript, so it starts without a TypeScript loader: src/cli/eval.ts and its evaluation thread
 * src/cli/decide-worker.ts, bundled by esbuild (ES modules, shared code in chunks beside them;
 * the thread is found next to the code that starts it), with the service reference's JSON files
 * copied to dist-cli/generated/ where src/data/service-reference.ts looks for them in Node.
 */
import { build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist-cli`;

rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { eval: 'src/cli/eval.ts', 'decide-worker': 'src/cli/decide-worker.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks stay in dist-cli/ itself: the thread's URL is relative to the code that starts it.
  chunkNames: '[name]-[hash]',
  // Packages whose Node build is CommonJS (yaml) call require(): an ES module has none, so each
  // file gets one (esbuild's own shim uses it when it exists).
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'none',
});
// The bin must stay executable: npm sets the mode only when it installs, so a rebuild in a clone
// (npm run build, npm pack's prepack) would otherwise leave `npx iam-playground` "Permission denied".
chmodSync(`${out}/eval.js`, 0o755);
mkdirSync(`${out}/generated`, { recursive: true });
cpSync(`${root}src/data/generated/services`, `${out}/generated/services`, { recursive: true });
cpSync(`${root}src/data/generated/service-index.json`, `${out}/generated/service-index.json`);
