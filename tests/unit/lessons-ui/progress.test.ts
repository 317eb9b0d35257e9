import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/storage/kv-store.ts';
import { LessonProgress } from '../../../src/ui/lessons/progress.ts';

const clock = () => new Date('2026-11-23T10:00:00Z');

describe('LessonProgress', () => {
  it('knows nothing about a lesson never opened', async () => {
    const progress = new LessonProgress(new MemoryStore(), clock);
    expect(await progress.get('s3-arns')).toMatchObject({
      completedAt: null,
      hintsShown: 0,
      solutionShown: false,
      work: null,
    });
  });

  it('remembers completion, hints and work in progress', async () => {
    const store = new MemoryStore();
    const progress = new LessonProgress(store, clock);
    await progress.update('s3-arns', {
      hintsShown: 2,
      work: { format: 'iam-playground/scenario' },
    });
    await progress.complete('s3-arns');
    const again = new LessonProgress(store, clock);
    expect(await again.get('s3-arns')).toMatchObject({
      completedAt: '2026-11-23T10:00:00.000Z',
      hintsShown: 2,
      work: { format: 'iam-playground/scenario' },
    });
  });

  it('keeps the first completion time when a lesson is completed again or reset', async () => {
    const progress = new LessonProgress(new MemoryStore(), clock);
    await progress.complete('roles');
    await progress.update('roles', { completedAt: '2030-01-01T00:00:00.000Z' });
    const reset = await progress.resetWork('roles');
    expect(reset.completedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(reset.hintsShown).toBe(0);
    expect(reset.work).toBeNull();
  });

  it('reads a damaged record as an empty one instead of failing', async () => {
    const store = new MemoryStore();
    await store.set('lesson:roles', { completedAt: 42, hintsShown: -3, solutionShown: 'yes' });
    await store.set('lesson:scp', 'garbage');
    const progress = new LessonProgress(store, clock);
    expect(await progress.get('roles')).toMatchObject({
      completedAt: null,
      hintsShown: 0,
      solutionShown: false,
    });
    expect((await progress.all()).get('scp')).toMatchObject({ completedAt: null });
  });

  it('exports every lesson record in a versioned document, ignoring other keys', async () => {
    const store = new MemoryStore();
    await store.set('unrelated', 1);
    const progress = new LessonProgress(store, clock);
    await progress.complete('b-lesson');
    await progress.update('a-lesson', { hintsShown: 1 });
    const exported = await progress.export();
    expect(exported.format).toBe('iam-playground/lesson-progress');
    expect(exported.version).toBe(1);
    expect(exported.lessons.map((l) => l.slug)).toEqual(['a-lesson', 'b-lesson']);
  });
});

describe('LessonProgress: hand-ins', () => {
  it('keeps the name an exercise was handed in under, through a reset of the work', async () => {
    const store = new MemoryStore();
    const progress = new LessonProgress(store, clock);
    expect(await progress.get('digest')).not.toHaveProperty('handedIn');
    await progress.update('digest', { handedIn: 'Sam Student' });
    await progress.resetWork('digest');
    expect((await new LessonProgress(store, clock).get('digest')).handedIn).toBe('Sam Student');
    await store.update('lesson:other', () => ({ handedIn: 42 }));
    expect(await progress.get('other')).not.toHaveProperty('handedIn');
  });
});
