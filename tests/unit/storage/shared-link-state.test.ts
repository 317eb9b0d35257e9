import { describe, expect, it } from 'vitest';
import { SharedLink } from '../../../src/ui/library/shared-link.svelte.ts';
import { LibraryController } from '../../../src/ui/library/library-controller.svelte.ts';
import { encodeShareLink } from '../../../src/storage/share-link.ts';
import { MAX_FRAGMENT_LENGTH } from '../../../src/model/size-limits.ts';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  CONTENT_SECURITY_POLICY,
  LINK_GUARD_HASH,
} from '../../../src/pwa/content-security-policy.mjs';
import { openLibrary } from './helpers.ts';
import { lessonScenario } from './fixtures.ts';

describe('a scenario opened from a link', () => {
  it('opens unsaved, with its title, and leaves the library alone', async () => {
    const library = new LibraryController(await openLibrary());
    await library.create();
    const shared = new SharedLink();
    expect(await shared.read(await encodeShareLink(lessonScenario))).toBe(lessonScenario);
    expect(shared).toMatchObject({
      status: 'open',
      title: 'EC2 reads S3 through an instance profile',
    });
    expect(library.state.scenarios).toHaveLength(1);
  });

  it('is added to the library only by "Save to my library"', async () => {
    const library = new LibraryController(await openLibrary());
    const shared = new SharedLink();
    await shared.read(await encodeShareLink(lessonScenario));
    const saved = await shared.save(library);
    expect(saved.ok && saved.value).toMatchObject({
      title: 'EC2 reads S3 through an instance profile',
      text: lessonScenario,
    });
    expect(shared.status).toBe('saved');
    expect(library.state.scenarios).toHaveLength(1);
  });

  it('gives the reason when the link is broken', async () => {
    const shared = new SharedLink();
    expect(await shared.read('#s=1.%%%')).toBeNull();
    expect(shared).toMatchObject({ status: 'error', problem: expect.stringMatching(/damaged/) });
  });

  it('reports a link too long to read that the page took out of the address before it started', async () => {
    // src/link-guard.js runs first and keeps only the length of such a link.
    (globalThis as Record<string, unknown>).__iamPlaygroundRefusedLinkLength = 1_900_005;
    const shared = new SharedLink();
    expect(await shared.read('')).toBeNull();
    expect(shared.status).toBe('error');
    expect(shared.problem).toMatch(/1,900,005 characters long; links are at most 200,000/);
    // Reported once: the next fragment is read as usual.
    expect(await shared.read(await encodeShareLink(lessonScenario))).toBe(lessonScenario);
  });

  it('has the page-start guard refuse exactly the links the decoder refuses as too long', () => {
    const guard = readFileSync('src/link-guard.js', 'utf8');
    const limit = Number(/MAX_FRAGMENT_LENGTH = (\d+)/.exec(guard)?.[1]);
    expect(limit).toBe(MAX_FRAGMENT_LENGTH);
  });

  it('has the Content-Security-Policy allow the guard, inline in the page, by its hash', () => {
    const guard = readFileSync('src/link-guard.js', 'utf8');
    const hash = `sha256-${createHash('sha256').update(guard, 'utf8').digest('base64')}`;
    expect(LINK_GUARD_HASH).toBe(hash);
    expect(CONTENT_SECURITY_POLICY).toContain(`script-src 'self' '${hash}';`);
    expect(guard).not.toMatch(/<\/script/i); // it is written into index.html between script tags
  });

  it('ignores fragments that are not share links', async () => {
    const shared = new SharedLink();
    expect(await shared.read('#lesson-3')).toBeNull();
    expect(shared.status).toBe('none');
  });

  it('drops an older link that finishes decoding after a newer one', async () => {
    const shared = new SharedLink();
    const first = shared.read(await encodeShareLink(lessonScenario));
    const second = shared.read('#s=2.AAAA');
    expect(await first).toBeNull();
    expect(await second).toBeNull();
    expect(shared).toMatchObject({
      status: 'error',
      problem: expect.stringMatching(/newer IAM Playground/),
    });
  });
});
