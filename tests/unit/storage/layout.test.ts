import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/storage/kv-store.ts';
import {
  LAYOUT_VERSION,
  migrateStore,
  readScenarioRecord,
  textWithTitle,
  titleFromText,
} from '../../../src/storage/layout.ts';
import { openLibrary } from './helpers.ts';
import { lessonScenario } from './fixtures.ts';

/** A library as the first prototype stored it (layout 0), made by hand. */
async function prototypeStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.set('scenarios', [
    { id: 'p1', name: 'S3 basics', json: lessonScenario, modified: '2025-11-02T10:15:00.000Z' },
    {
      id: 'p2',
      name: '',
      json: '{ "title": "From the text", "format": "iam-playground/scenario"',
      modified: 'not a date',
    },
    { name: 'no id', json: '{}' },
    'not even an object',
  ]);
  await store.set('lastOpened', 'p2');
  return store;
}

const NOW = Date.UTC(2026, 0, 1);

describe('layout 0 → 1 migration', () => {
  it('turns each prototype entry into a record with title, times and rev 1', async () => {
    const store = await prototypeStore();
    expect(await migrateStore(store, NOW)).toEqual({ ok: true, from: 0 });
    expect(await store.get('scenario:p1')).toEqual({
      id: 'p1',
      title: 'S3 basics',
      text: lessonScenario,
      createdAt: Date.parse('2025-11-02T10:15:00.000Z'),
      updatedAt: Date.parse('2025-11-02T10:15:00.000Z'),
      rev: 1,
    });
  });

  it('keeps invalid text exactly, takes an empty name from the text, and dates a bad date now', async () => {
    const store = await prototypeStore();
    await migrateStore(store, NOW);
    expect(await store.get('scenario:p2')).toMatchObject({
      title: 'Untitled scenario',
      text: '{ "title": "From the text", "format": "iam-playground/scenario"',
      updatedAt: NOW,
    });
  });

  it('writes the meta record with the last opened scenario and removes the old keys', async () => {
    const store = await prototypeStore();
    await migrateStore(store, NOW);
    expect(await store.get('meta')).toEqual({ layoutVersion: LAYOUT_VERSION, lastOpenedId: 'p2' });
    expect(await store.keys()).not.toContain('scenarios');
    expect(await store.keys()).not.toContain('lastOpened');
  });

  it('sets aside entries it cannot migrate, for export', async () => {
    const store = await prototypeStore();
    const library = await openLibrary(store, { now: () => NOW });
    expect(library.state.quarantine.map((q) => q.key)).toEqual(['scenarios[2]', 'scenarios[3]']);
    expect(library.state.quarantine[1]?.raw).toBe('"not even an object"');
  });

  it('opens a prototype library with its scenarios and reopens the last one', async () => {
    const library = await openLibrary(await prototypeStore());
    expect(library.state.scenarios.map((s) => s.id).sort()).toEqual(['p1', 'p2']);
    expect(library.lastOpened()?.id).toBe('p2');
  });

  it('runs again safely after being interrupted before the old keys were removed', async () => {
    const store = await prototypeStore();
    await migrateStore(store, NOW);
    const old = await prototypeStore();
    await store.set('scenarios', await old.get('scenarios'));
    await store.del('meta');
    expect(await migrateStore(store, NOW)).toEqual({ ok: true, from: 0 });
    expect((await store.keys()).filter((k) => k.startsWith('scenario:')).sort()).toEqual([
      'scenario:p1',
      'scenario:p2',
    ]);
  });
});

describe('layout versions', () => {
  it('gives an empty store the current layout', async () => {
    const store = new MemoryStore();
    expect(await migrateStore(store, NOW)).toEqual({ ok: true, from: undefined });
    expect(await store.get('meta')).toEqual({ layoutVersion: LAYOUT_VERSION, lastOpenedId: null });
  });

  it('leaves a current store as it is', async () => {
    const store = new MemoryStore();
    await store.set('meta', { layoutVersion: 1, lastOpenedId: 'x' });
    expect(await migrateStore(store, NOW)).toEqual({ ok: true, from: 1 });
    expect(await store.get('meta')).toEqual({ layoutVersion: 1, lastOpenedId: 'x' });
  });

  it('refuses a newer layout without changing anything, and opens the library read-only', async () => {
    const store = new MemoryStore();
    await store.set('meta', { layoutVersion: 7, lastOpenedId: null, shelves: [] });
    await store.set('scenario:a', { anything: 'a newer app wrote' });
    const library = await openLibrary(store);
    expect(library.state).toMatchObject({
      readOnly: true,
      problem: { code: 'too-new', message: expect.stringMatching(/newer IAM Playground/) },
    });
    const created = await library.create();
    expect(created.ok).toBe(false);
    expect(library.unsavedScenarios()).toHaveLength(1);
    expect(await store.get('scenario:a')).toEqual({ anything: 'a newer app wrote' });
    expect(await store.keys()).toHaveLength(2);
  });

  it('sets aside an unreadable meta record and starts a fresh one', async () => {
    const store = new MemoryStore();
    await store.set('meta', 'broken');
    const library = await openLibrary(store);
    expect(library.state.quarantine.map((q) => q.key)).toEqual(['meta']);
    expect(await store.get('meta')).toEqual({ layoutVersion: 1, lastOpenedId: null });
  });
});

describe('reading records and titles', () => {
  it('accepts a well-formed record', () => {
    const record = { id: 'a', title: 't', text: '', createdAt: 0, updatedAt: 0, rev: 1 };
    expect(readScenarioRecord('scenario:a', record)).toEqual({ ok: true, record });
  });

  it('names every wrong field', () => {
    expect(readScenarioRecord('scenario:a', { id: 'a' })).toEqual({
      ok: false,
      reason: 'missing or wrong: title, text, createdAt, updatedAt, rev',
    });
  });

  it.each([
    ['a scenario title', '{ "title": "S3 basics" }', 'S3 basics'],
    ['a title with line breaks and spaces', '{ "title": "  a\\n  b " }', 'a b'],
    ['an over-long title, cut', JSON.stringify({ title: 'x'.repeat(500) }), 'x'.repeat(199) + '…'],
    ['an empty title', '{ "title": "  " }', undefined],
    ['a title that is not text', '{ "title": 5 }', undefined],
    ['invalid JSON', '{ "title": "half', undefined],
    ['no title', '{ "format": "iam-playground/scenario" }', undefined],
  ])('takes the title from %s', (_name, text, title) => {
    expect(titleFromText(text)).toBe(title);
  });
});

describe('textWithTitle: a rename written into the scenario, its layout kept', () => {
  it('replaces the title where it stands', () => {
    expect(textWithTitle('{\n  "title": "Old",\n  "version": 1\n}', 'New "one"')).toBe(
      '{\n  "title": "New \\"one\\"",\n  "version": 1\n}',
    );
  });

  it('adds a title line before the first property, indented like it', () => {
    expect(textWithTitle('{\n    "format": "x",\n    "version": 1\n}', 'Named')).toBe(
      '{\n    "title": "Named",\n    "format": "x",\n    "version": 1\n}',
    );
    expect(textWithTitle('{"version": 1}', 'Named')).toBe('{"title": "Named", "version": 1}');
    expect(textWithTitle('{ }', 'Named')).toBe('{"title": "Named"}');
  });

  it('leaves text that is not a JSON object as it is', () => {
    for (const text of ['{ "title": "half', '[1, 2]', '"just a string"', ''])
      expect(textWithTitle(text, 'Named')).toBe(text);
  });

  it('gives a text whose own title reads back as the new one', () => {
    const renamed = textWithTitle(lessonScenario, 'Week 3');
    expect(titleFromText(renamed)).toBe('Week 3');
    expect(JSON.parse(renamed)).toEqual({ ...JSON.parse(lessonScenario), title: 'Week 3' });
  });
});
