import { describe, expect, it } from 'vitest';
import {
  listLessons,
  loadLesson,
  type Lesson,
  type ScenarioJson,
} from '../../../src/lessons/index.ts';

// The lessons the project promises, in this order (more may sit between or after them).
const REQUIRED_SLUGS = [
  'how-a-decision-is-made',
  'trust-policy-and-permission-policy',
  'instance-profiles',
  's3-bucket-and-object-arns',
  'scp-denies',
  'identity-and-resource-policies',
  'cross-account-assume-role',
  'permissions-boundaries',
  'iam-passrole',
  'conditions-mfa-and-source-ip',
  'policy-variables',
  'least-privilege',
  'github-actions-oidc',
  'block-public-access',
];

// A typical share link must stay under ~2,000 characters.
const MAX_START_BYTES = 2_600;
const MAX_START_LINK_CHARS = 2_000;

const { lessons: summaries, problems } = await listLessons();
const lessons: Lesson[] = [];
for (const summary of summaries) {
  const result = await loadLesson(summary.slug);
  if (result.ok) lessons.push(result.lesson);
}

function requestsOf(scenario: ScenarioJson): Record<string, unknown>[] {
  const requests = scenario['requests'];
  return Array.isArray(requests) ? (requests as Record<string, unknown>[]) : [];
}

async function shareLinkLength(scenario: ScenarioJson): Promise<number> {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const deflated = new Uint8Array(await new Response(stream).arrayBuffer());
  return Math.ceil((deflated.length * 4) / 3); // base64url without padding
}

/** The Markdown outside code blocks and inline code. */
function prose(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

describe('the lessons folder', () => {
  it('holds only well-formed lessons', () => {
    expect(problems).toEqual([]);
    expect(lessons.length).toBe(summaries.length);
  });

  it('numbers the lessons 1, 2, 3, ... without gaps', () => {
    expect(summaries.map((l) => l.number)).toEqual(summaries.map((_, index) => index + 1));
  });

  it('has the promised lessons, in the promised order', () => {
    const slugs = summaries.map((l) => l.slug);
    const positions = REQUIRED_SLUGS.map((slug) => slugs.indexOf(slug));
    expect(positions).not.toContain(-1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe.each(lessons.map((lesson) => [lesson.folder, lesson] as const))(
  'lesson %s',
  (_, lesson) => {
    const startRequests = requestsOf(lesson.start);
    const solutionRequests = requestsOf(lesson.solution);

    it('has a title, a summary, concepts, 2 to 4 hints and a body', () => {
      expect(lesson.title.length).toBeGreaterThan(0);
      expect(lesson.summary.length).toBeGreaterThan(0);
      expect(lesson.concepts.length).toBeGreaterThan(0);
      expect(lesson.hints.length).toBeGreaterThanOrEqual(2);
      expect(lesson.hints.length).toBeLessThanOrEqual(4);
      expect(lesson.body.trim().length).toBeGreaterThan(200);
    });

    it('names the AWS documentation it rests on, as plain links', () => {
      expect(lesson.body).toMatch(/https:\/\/docs\.aws\.amazon\.com\/\S+\.html/);
    });

    it('keeps its prose to the Markdown subset the lesson view renders', () => {
      const text = prose(lesson.body);
      expect(text).not.toMatch(/^\s*\|/m); // tables
      expect(text).not.toMatch(/<\/?[a-z][^>]*>/i); // raw HTML
      expect(text).not.toMatch(/!\[/); // images
    });

    it('starts and ends in version 1 scenarios', () => {
      for (const scenario of [lesson.start, lesson.solution]) {
        expect(scenario['format']).toBe('iam-playground/scenario');
        expect(scenario['version']).toBe(1);
      }
    });

    it('has goals: requests with a sentence-like id and an expectation, some of which must stay denied', () => {
      expect(startRequests.length).toBeGreaterThanOrEqual(3);
      for (const request of startRequests) {
        expect(request['id']).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+){2,}$/);
        expect(['allowed', 'explicitDeny', 'implicitDeny', 'denied']).toContain(request['expect']);
      }
      expect(new Set(startRequests.map((r) => r['id'])).size).toBe(startRequests.length);
      expect(startRequests.some((r) => r['expect'] !== 'allowed')).toBe(true);
    });

    it('keeps the same goals in start and solution', () => {
      expect(solutionRequests).toEqual(startRequests);
    });

    it('differs between start and solution', () => {
      expect(lesson.solution).not.toEqual(lesson.start);
    });

    it('starts small enough for a share link', async () => {
      expect(JSON.stringify(lesson.start).length).toBeLessThanOrEqual(MAX_START_BYTES);
      expect(await shareLinkLength(lesson.start)).toBeLessThanOrEqual(MAX_START_LINK_CHARS);
    });
  },
);
