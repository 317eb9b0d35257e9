import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadServiceReference, matchesWildcard } from '../../../src/data/service-reference.ts';
import { arnCouldMatch } from '../../../src/data/arn-match.ts';

const ref = await loadServiceReference(['s3', 'iam', 'dynamodb', 'ec2', 'lambda', 'sqs', 'kms']);
const templates = ['s3', 'iam', 'dynamodb', 'ec2', 'lambda', 'sqs', 'kms'].flatMap(
  (p) => ref.service(p)?.resourceTypes.flatMap((t) => t.arnTemplate ?? []) ?? [],
);

/** A value for a template variable: plain names, except the last one may be a path. */
const segment = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));

/** A real ARN of the template's type: every variable filled in as AWS would. */
function concreteArn(template: string): fc.Arbitrary<string> {
  const parts = template.split(/(\$\{[^}]*\})/);
  const variables = parts.filter((_, i) => i % 2 === 1).length;
  const resourcePart = template.split(':').slice(5).join(':');
  const bareName = /^\$\{[A-Za-z]*Name\}$/.test(resourcePart);
  return fc
    .tuple(fc.array(segment, { minLength: variables, maxLength: variables }), path)
    .map(([values, last]) => {
      let n = 0;
      return parts
        .map((part, i) => {
          if (i % 2 === 0) return part;
          n++;
          if (part === '${Partition}') return 'aws';
          const isLast = n === variables && parts.slice(i + 1).join('') === '';
          return isLast && !bareName ? last : (values[n - 1] ?? 'x');
        })
        .join('');
    });
}

/** A policy pattern that matches the ARN: some characters turned into `?`, some runs into `*`. */
function patternFor(arn: string): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.nat(arn.length), fc.nat(6), fc.constantFrom('*', '?')), { maxLength: 3 })
    .map((edits) => {
      let pattern = arn;
      for (const [at, length, wildcard] of edits) {
        const from = Math.min(at, pattern.length);
        const to = Math.min(pattern.length, from + (wildcard === '?' ? 1 : length));
        if (to > from || wildcard === '*') {
          pattern = pattern.slice(0, from) + wildcard + pattern.slice(to);
        }
      }
      return pattern;
    })
    .filter((pattern) => matchesWildcard(pattern, arn)); // later edits may undo earlier ones
}

describe('arnCouldMatch never says "no" when a real ARN fits both', () => {
  it('for a real ARN of the type, and any policy pattern that matches that ARN', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...templates)
          .chain((template) =>
            concreteArn(template).chain((arn) =>
              patternFor(arn).map((pattern) => ({ template, arn, pattern })),
            ),
          ),
        ({ template, pattern }) => {
          expect(arnCouldMatch(pattern, template)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
