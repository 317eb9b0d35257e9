/**
 * Import boundaries, checked by `npm test` (dependency-cruiser): the layers of the README's
 * architecture diagram, as folders. A folder may import only from the folders listed for it;
 * anything else (an import that runs up the layers, or across into a sibling that is not its
 * dependency) fails the check with the importing file and the imported one named.
 */
const layers = {
  // The policy engine: pure TypeScript, the bottom layer.
  engine: [],
  // AWS's service reference and the managed-policy catalog.
  data: [],
  // Scenario format v1 over the engine.
  model: ['engine', 'data'],
  // Policy checks.
  findings: ['engine', 'model', 'data'],
  // Access analysis over a whole world (what-can, who-can), beside the engine.
  analysis: ['engine', 'model', 'data'],
  // IndexedDB, share links, files.
  storage: ['model', 'data'],
  // The world as CloudFormation and Terraform.
  iac: ['model'],
  // Lesson loader.
  lessons: ['engine', 'model', 'storage'],
  // The `aws` CLI interpreter over a scenario.
  console: ['engine', 'model', 'data', 'findings'],
  // The evaluation Web Worker and its protocol.
  worker: ['engine', 'model', 'data', 'findings', 'console', 'analysis'],
  // Node entry points.
  cli: ['engine', 'model', 'data', 'findings', 'storage', 'console', 'analysis', 'iac'],
  // The service worker and its registration.
  pwa: [],
  // Example scenarios (JSON and their index).
  examples: ['model'],
  // The Svelte panels: every layer below, never the command line.
  ui: [
    'engine',
    'model',
    'data',
    'findings',
    'storage',
    'lessons',
    'console',
    'analysis',
    'worker',
    'pwa',
    'examples',
    'iac',
  ],
};

const folder = (name) => `^src/${name}/`;

/**
 * Folders whose index.ts is their whole API: an import from outside such a folder goes through
 * its index.ts, never into a file inside it. (README, "Architecture".)
 */
const throughIndex = [
  'engine',
  'model',
  'model/world',
  'findings',
  'console',
  'analysis',
  'lessons',
  'examples',
  'iac',
  'storage',
  'worker',
];

/**
 * A second door beside index.ts, for a module that brings a heavy package only some callers
 * want: the index leaves it out so that importing the folder does not load it.
 */
const secondEntries = {
  // The YAML writer brings the `yaml` package; only the world-export worker needs it.
  iac: ['cloudformation-yaml.ts'],
  // The program's size limits: constants without imports, which first-screen code takes without
  // loading the model's index.
  model: ['size-limits.ts'],
  // What src/link-start.ts, the first module the page runs, needs to start reading a link before
  // the rest of the app (and the storage index) has loaded.
  storage: ['link-fragment.ts', 'off-thread.ts'],
};

module.exports = {
  forbidden: [
    ...Object.entries(layers).map(([from, allowed]) => ({
      name: `layer-${from}`,
      comment: `src/${from}/ may import only from ${allowed.length ? allowed.map((f) => `src/${f}/`).join(', ') : 'itself'} (README, "Architecture").`,
      severity: 'error',
      from: { path: folder(from) },
      to: {
        path: '^src/',
        pathNot: [folder(from), ...allowed.map(folder), '^src/data/generated/'],
      },
    })),
    ...throughIndex.map((name) => ({
      name: `through-the-index-of-${name.replace('/', '-')}`,
      comment: `Outside src/${name}/, import its API from src/${name}/index.ts, not from the files behind it.`,
      severity: 'error',
      from: { path: '^src/', pathNot: folder(name) },
      // A dynamic import names the one module it loads on demand: through the index it would
      // load the whole folder (its namespace keeps every export).
      to: {
        path: folder(name),
        pathNot: [
          `^src/${name}/index\\.ts$`,
          ...(secondEntries[name] ?? []).map((file) => `^src/${name}/${file.replace('.', '\\.')}$`),
        ],
        dependencyTypesNot: ['dynamic-import'],
      },
    })),
    {
      name: 'only-the-shell-imports-the-ui',
      comment:
        'The panels are wired by src/App.svelte and src/main.ts; no lower layer reaches up into src/ui/.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/ui/', '^src/[^/]+$'] },
      to: { path: '^src/ui/' },
    },
    {
      name: 'node-only-in-the-command-line',
      comment:
        'Node built-ins (fs, worker_threads, ...) exist only in src/cli/: the rest runs in a browser.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      comment:
        'Modules that import each other in a circle (at run time) cannot be read or tested one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      // Type-only cycles vanish at compile time; a circle of values is what hurts.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: '^svelte/internal/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/data/generated/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte', 'browser'],
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.json', '.d.ts'],
    },
  },
};
