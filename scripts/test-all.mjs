// `npm test`: every check the project has, in order, then one plain summary line
// "N passed, N failed" that counts unit and browser tests together (CI reads it).
// A failing type check, lint or build counts as one failed test each, so the line never says
// "0 failed" while the run is red. Steps after a failure still run where they can, so one run
// shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'iam-playground-test-'));
let passed = 0;
let failed = 0;
const failures = [];

function run(title, command, args, env = {}) {
  console.log(`\n━━ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  const ok = result.status === 0;
  if (!ok) failures.push(title);
  return ok;
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

/** A check that is not a test runner: pass or fail as a whole. */
function check(title, command, args) {
  if (!run(title, command, args)) failed += 1;
}

check('types', 'npm', ['run', '--silent', 'check']);
check('format', 'npm', ['run', '--silent', 'lint']);
check('import boundaries', 'npm', ['run', '--silent', 'check:imports']);

const unitJson = join(out, 'vitest.json');
const unitOk = run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
const unit = readJson(unitJson);
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  if (!unitOk && !unit.numFailedTests) failed += 1; // e.g. a suite failed to load
} else if (!unitOk) failed += 1;

const buildOk = run('build', 'npm', ['run', '--silent', 'build']);
if (!buildOk) failed += 1;

if (buildOk) {
  const browserJson = join(out, 'playwright.json');
  const browserOk = run('browser tests', 'npm', ['run', '--silent', 'test:browser'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: browserJson,
  });
  const browser = readJson(browserJson);
  if (browser?.stats) {
    passed += (browser.stats.expected ?? 0) + (browser.stats.flaky ?? 0);
    failed += browser.stats.unexpected ?? 0;
    if (!browserOk && !browser.stats.unexpected) failed += 1;
  } else if (!browserOk) failed += 1;
} else {
  console.log('\nBrowser tests skipped: the build failed.');
}

if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failures.length === 0 ? 0 : 1);
