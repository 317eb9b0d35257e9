import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blankScenarioText, Library } from '../../../src/storage/library.ts';
import { MemoryStore } from '../../../src/storage/kv-store.ts';
import { isQuotaError } from '../../../src/storage/problems.ts';
import {
  FillableStore,
  manualClock,
  MemoryBackup,
  openLibrary,
  sequentialIds,
  StalledStore,
  WipeableStore,
} from './helpers.ts';
import { lessonScenario, scenarioTitled } from './fixtures.ts';

describe('library: create, list, duplicate, rename, delete', () => {
  it('lists a new scenario with its title and last change', async () => {
    const clock = manualClock();
    const library = await openLibrary(new MemoryStore(), { now: clock.now });
    await library.create({ text: lessonScenario });
    expect(library.state.scenarios).toEqual([
      {
        id: 'id-2',
        title: 'EC2 reads S3 through an instance profile',
        createdAt: clock.now(),
        updatedAt: clock.now(),
        unsaved: false,
      },
    ]);
  });

  it('creates a blank scenario titled "Untitled scenario" by default', async () => {
    const library = await openLibrary();
    const created = await library.create();
    expect(created.ok && created.value).toMatchObject({
      title: 'Untitled scenario',
      text: blankScenarioText(),
    });
    expect(JSON.parse(blankScenarioText())).toMatchObject({
      format: 'iam-playground/scenario',
      version: 1,
    });
  });

  it('keeps text that is not valid JSON exactly as typed', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    const created = await library.create({
      text: '{ "format": "iam-playground/scen',
      title: 'Half typed',
    });
    const reopened = await openLibrary(store);
    expect(reopened.get(created.ok ? created.value.id : '')?.text).toBe(
      '{ "format": "iam-playground/scen',
    );
  });

  it('lists the newest change first', async () => {
    const clock = manualClock();
    const library = await openLibrary(new MemoryStore(), { now: clock.now });
    await library.create({ text: scenarioTitled('Older') });
    clock.advance(1000);
    await library.create({ text: scenarioTitled('Newer') });
    clock.advance(1000);
    library.edit('id-2', scenarioTitled('Older, edited'));
    expect(library.state.scenarios.map((s) => s.title)).toEqual(['Older, edited', 'Newer']);
  });

  it("takes the list title from the text's value when the editor hands it over with the text", async () => {
    const library = await openLibrary();
    await library.create({ text: scenarioTitled('Older') });
    const text = scenarioTitled('Typed in the editor');
    library.edit('id-2', text, JSON.parse(text));
    expect(library.state.scenarios.map((s) => s.title)).toEqual(['Typed in the editor']);
    // A value without a title leaves the list title as it was (as a text without one does).
    library.edit('id-2', '{ "version": 1 }', { version: 1 });
    expect(library.state.scenarios.map((s) => s.title)).toEqual(['Typed in the editor']);
  });

  it('duplicates a scenario with its unsaved edits, as "Copy of …"', async () => {
    const library = await openLibrary();
    await library.create({ text: scenarioTitled('Original') });
    library.edit('id-2', scenarioTitled('Original', ', "description": "edited"'));
    const copy = await library.duplicate('id-2');
    expect(copy.ok && copy.value).toMatchObject({
      title: 'Copy of Original',
      text: library.get('id-2')!.text,
    });
    expect(library.state.scenarios).toHaveLength(2);
  });

  it("renames in the list and in the scenario's own title, the rest of the text as written", async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    await library.create({ text: lessonScenario });
    await library.rename('id-2', '  Week 3:\n instance profiles  ');
    const reopened = await openLibrary(store);
    expect(reopened.get('id-2')).toMatchObject({
      title: 'Week 3: instance profiles',
      text: lessonScenario.replace(
        '"title": "EC2 reads S3 through an instance profile"',
        '"title": "Week 3: instance profiles"',
      ),
    });
  });

  it('keeps the text of a scenario that is not a JSON object when it is renamed', async () => {
    const library = await openLibrary();
    await library.create({ text: '{ "title": "half typed' });
    await library.rename('id-2', 'Named');
    expect(library.get('id-2')).toMatchObject({ title: 'Named', text: '{ "title": "half typed' });
  });

  it('refuses an empty title', async () => {
    const library = await openLibrary();
    await library.create();
    expect(await library.rename('id-2', '   ')).toMatchObject({
      ok: false,
      problem: { code: 'invalid' },
    });
  });

  it('follows the scenario title in the text when it changes, after a rename too', async () => {
    const library = await openLibrary();
    await library.create({ text: scenarioTitled('First') });
    await library.rename('id-2', 'My name');
    expect(library.get('id-2')?.text).toBe(scenarioTitled('My name'));
    library.edit('id-2', scenarioTitled('My name', ', "requests": []'));
    expect(library.get('id-2')?.title).toBe('My name');
    library.edit('id-2', scenarioTitled('Second'));
    expect(library.get('id-2')?.title).toBe('Second');
    library.edit('id-2', '{ "title": "Sec');
    expect(library.get('id-2')?.title).toBe('Second');
  });

  it('answers "not found" for unknown ids instead of throwing', async () => {
    const library = await openLibrary();
    expect(library.edit('nope', 'x')).toMatchObject({ ok: false, problem: { code: 'not-found' } });
    expect(await library.rename('nope', 'x')).toMatchObject({
      ok: false,
      problem: { code: 'not-found' },
    });
    expect(await library.remove('nope')).toMatchObject({
      ok: false,
      problem: { code: 'not-found' },
    });
    expect(await library.duplicate('nope')).toMatchObject({
      ok: false,
      problem: { code: 'not-found' },
    });
  });
});

describe('library: delete and undo', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('deletes, and undo brings the scenario back with its latest text', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    await library.create({ text: scenarioTitled('Keep me') });
    library.edit('id-2', scenarioTitled('Keep me', ', "description": "unsaved edit"'));
    await library.remove('id-2');
    expect(library.state.scenarios).toEqual([]);
    expect(library.state.undo).toMatchObject({ id: 'id-2', title: 'Keep me' });
    await library.undoRemove();
    expect(library.state.undo).toBeNull();
    const reopened = await openLibrary(store);
    expect(reopened.get('id-2')?.text).toContain('unsaved edit');
    expect(await store.keys()).not.toContain('trash:id-2');
  });

  it('makes the delete final when the undo window closes', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store, { undoMs: 5000 });
    await library.create();
    await library.remove('id-2');
    expect(await store.keys()).toContain('trash:id-2');
    await vi.advanceTimersByTimeAsync(5000);
    expect(library.state.undo).toBeNull();
    expect(await store.keys()).not.toContain('trash:id-2');
    expect(await library.undoRemove()).toMatchObject({ ok: false, problem: { code: 'not-found' } });
  });

  it('makes the previous delete final when another one follows', async () => {
    const library = await openLibrary();
    await library.create({ text: scenarioTitled('A') });
    await library.create({ text: scenarioTitled('B') });
    await library.remove('id-2');
    await library.remove('id-3');
    await library.undoRemove();
    expect(library.state.scenarios.map((s) => s.title)).toEqual(['B']);
  });

  it('closes the deleted scenario if it was open', async () => {
    const library = await openLibrary();
    await library.create();
    await library.openScenario('id-2');
    await library.remove('id-2');
    expect(library.state.openId).toBeNull();
  });

  it('purges trash left by an earlier session once its window has passed', async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const first = await openLibrary(store, { now: clock.now, undoMs: 5000 });
    await first.create();
    await first.remove('id-2');
    clock.advance(60_000);
    await openLibrary(store, { now: clock.now, undoMs: 5000 });
    expect(await store.keys()).not.toContain('trash:id-2');
  });
});

describe('library: saving as the user types', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const storedText = async (store: MemoryStore, id: string) =>
    ((await store.get(`scenario:${id}`)) as { text: string } | undefined)?.text;

  it('stores an edit after a short pause in typing', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    await library.create({ text: scenarioTitled('A') });
    library.edit('id-2', scenarioTitled('B'));
    expect(library.state.saveStatus).toBe('pending');
    expect(library.state.scenarios[0]?.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(await storedText(store, 'id-2')).toBe(scenarioTitled('A'));
    await vi.advanceTimersByTimeAsync(1);
    expect(await storedText(store, 'id-2')).toBe(scenarioTitled('B'));
    expect(library.state.saveStatus).toBe('saved');
  });

  it('is never more than one second behind a steady typist', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    await library.create({ text: '' });
    let text = '';
    for (let ms = 0; ms < 3000; ms += 100) {
      text += 'x';
      library.edit('id-2', text);
      await vi.advanceTimersByTimeAsync(100);
      const behind = text.length - ((await storedText(store, 'id-2')) ?? '').length;
      expect(behind).toBeLessThanOrEqual(10); // ten keystrokes = one second
    }
  });

  it('stores everything pending on flush', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    await library.create({ text: 'a' });
    library.edit('id-2', 'b');
    expect(await library.flush()).toBeNull();
    expect(await storedText(store, 'id-2')).toBe('b');
  });

  it('bumps rev on every stored change', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    await library.create({ text: 'a' });
    library.edit('id-2', 'b');
    await library.flush();
    await library.rename('id-2', 'c');
    expect(await store.get('scenario:id-2')).toMatchObject({ rev: 3 });
  });
});

describe('library: reopening', () => {
  it('reopens the scenario that was open last', async () => {
    const store = new MemoryStore();
    const library = await openLibrary(store);
    await library.create({ text: scenarioTitled('A') });
    await library.create({ text: scenarioTitled('B') });
    await library.openScenario('id-2');
    const reopened = await openLibrary(store);
    expect(reopened.lastOpened()?.title).toBe('A');
  });

  it('falls back to the last changed scenario, then to none', async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const library = await openLibrary(store, { now: clock.now });
    expect(library.lastOpened()).toBeUndefined();
    await library.create({ text: scenarioTitled('A') });
    clock.advance(10);
    await library.create({ text: scenarioTitled('B') });
    expect((await openLibrary(store)).lastOpened()?.title).toBe('B');
  });
});

describe('library: leaving the page with unsaved edits', () => {
  /** A library on a store whose writes stall, with one stored scenario edited but not stored. */
  async function leftWithAnEdit(backup: MemoryBackup) {
    const store = new StalledStore();
    const library = await openLibrary(store, { exitBackup: backup });
    await library.create({ text: scenarioTitled('Before') });
    store.stalled = true;
    library.edit('id-2', scenarioTitled('After'));
    library.saveOnExit();
    return store;
  }

  it('copies them to the backup at once, and the next start stores them', async () => {
    const backup = new MemoryBackup();
    const store = await leftWithAnEdit(backup);
    expect([...backup.items.keys()]).toEqual(['iam-playground:unsaved:id-2']);
    store.stalled = false;
    const reopened = await openLibrary(store, { exitBackup: backup });
    expect(reopened.get('id-2')).toMatchObject({ title: 'After', text: scenarioTitled('After') });
    expect(reopened.state.scenarios[0]?.unsaved).toBe(true);
    expect(await reopened.flush()).toBeNull();
    expect(backup.items.size).toBe(0);
    expect((await openLibrary(store, { exitBackup: null })).get('id-2')?.text).toBe(
      scenarioTitled('After'),
    );
  });

  it('drops a copy when the stored scenario changed after it (a later write wins)', async () => {
    const backup = new MemoryBackup();
    const store = await leftWithAnEdit(backup);
    store.stalled = false;
    const other = await openLibrary(store, { exitBackup: null });
    other.edit('id-2', scenarioTitled('Other tab'));
    await other.flush();
    const reopened = await openLibrary(store, { exitBackup: backup });
    expect(reopened.get('id-2')?.title).toBe('Other tab');
    expect(backup.items.size).toBe(0);
  });

  it('brings back a scenario created but never stored', async () => {
    const backup = new MemoryBackup();
    const store = new StalledStore();
    store.stalled = true;
    const library = await openLibrary(store, { exitBackup: backup });
    void library.create({ text: scenarioTitled('Never stored') });
    library.saveOnExit();
    store.stalled = false;
    const reopened = await openLibrary(store, { exitBackup: backup });
    expect(reopened.state.scenarios.map((s) => s.title)).toEqual(['Never stored']);
    await reopened.flush();
    expect((await openLibrary(store)).state.scenarios.map((s) => s.title)).toEqual([
      'Never stored',
    ]);
  });

  it('drops a copy it cannot read, and writes none when nothing is unsaved', async () => {
    const backup = new MemoryBackup();
    backup.setItem('iam-playground:unsaved:id-9', '{ not json');
    backup.setItem('other-app:key', 'kept');
    const library = await openLibrary(new MemoryStore(), { exitBackup: backup });
    expect([...backup.items.keys()]).toEqual(['other-app:key']);
    await library.create({ text: scenarioTitled('Stored') });
    library.saveOnExit();
    expect([...backup.items.keys()]).toEqual(['other-app:key']);
  });
});

describe('library: nothing typed is lost, and nothing is called saved that is not', () => {
  it('copies each edit to the backup as it is made, so a crash right after keeps it', async () => {
    const backup = new MemoryBackup();
    const store = new StalledStore();
    const library = await openLibrary(store, { exitBackup: backup });
    await library.create({ text: scenarioTitled('Before') });
    store.stalled = true; // the debounced write never happens: the renderer crashed
    library.edit('id-2', scenarioTitled('Typed just before the crash'));
    // No saveOnExit: a crash gives the page no chance to run anything.
    store.stalled = false;
    const reopened = await openLibrary(store, { exitBackup: backup });
    expect(reopened.get('id-2')?.title).toBe('Typed just before the crash');
    expect(await reopened.flush()).toBeNull();
    expect(backup.items.size).toBe(0);
  });

  it('copies a big text at most every 250 ms rather than on every keystroke', async () => {
    vi.useFakeTimers();
    try {
      const backup = new MemoryBackup();
      const store = new StalledStore();
      const library = await openLibrary(store, { exitBackup: backup });
      await library.create({ text: scenarioTitled('Big') });
      store.stalled = true;
      const big = scenarioTitled('Big', `, "description": "${'x'.repeat(70_000)}"`);
      library.edit('id-2', big);
      library.edit('id-2', big + ' ');
      expect(backup.items.size).toBe(0);
      await vi.advanceTimersByTimeAsync(250);
      expect(JSON.parse(backup.getItem('iam-playground:unsaved:id-2')!).record.text).toBe(
        big + ' ',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('says on leaving whether every unsaved edit is kept somewhere', async () => {
    const refusing = new MemoryBackup();
    refusing.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const store = new FillableStore();
    const library = await openLibrary(store, { exitBackup: refusing });
    await library.create({ text: scenarioTitled('Kept') });
    expect(library.saveOnExit()).toBe(true); // nothing unsaved
    store.full = true;
    library.edit('id-2', scenarioTitled('Refused everywhere'));
    expect(library.saveOnExit()).toBe(false);
    expect(library.unsavedScenarios().map((s) => s.title)).toEqual(['Refused everywhere']);

    const kept = await openLibrary(store, { exitBackup: new MemoryBackup() });
    kept.edit('id-2', scenarioTitled('Copied to localStorage'));
    expect(kept.saveOnExit()).toBe(true);
  });

  it('never says "saved" when it only lives in memory (no IndexedDB), and asks before leaving', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const library = await Library.open({ channel: null, storageManager: null, exitBackup: null });
    const created = await library.create({ text: scenarioTitled('Only in memory') });
    expect(created.ok).toBe(true);
    await library.flush();
    expect(library.state.saveStatus).toBe('failed');
    expect(library.state.scenarios[0]?.unsaved).toBe(true);
    expect(library.unsavedScenarios().map((s) => s.title)).toEqual(['Only in memory']);
    expect(library.saveOnExit()).toBe(false);
    await library.close();
  });

  it('stores everything again in a store that lost its data, and says what happened', async () => {
    const store = new WipeableStore();
    const library = await openLibrary(store);
    await library.create({ text: scenarioTitled('First') });
    await library.create({ text: scenarioTitled('Second') });
    await store.wipe();
    expect(library.state.problem).toMatchObject({
      code: 'lost',
      message: expect.stringMatching(/removed while the page was open.*2 scenarios.*stored/),
    });
    expect(library.state.saveStatus).toBe('pending');
    expect(await library.flush()).toBeNull();
    expect(library.state.saveStatus).toBe('saved');
    const reopened = await openLibrary(store);
    expect(reopened.state.scenarios.map((s) => s.title).sort()).toEqual(['First', 'Second']);
  });

  it('says so when the store was found empty at start (not "private mode")', async () => {
    const store = new WipeableStore();
    const pending = openLibrary(store);
    await store.wipe(); // the store reports its loss while the library opens
    const library = await pending;
    expect(library.state.problem).toMatchObject({
      code: 'lost',
      message: expect.stringMatching(/created again, empty/),
    });
  });
});

describe('library: records that cannot be read', () => {
  const good = {
    id: 'good',
    title: 'Good',
    text: '{}',
    createdAt: 1,
    updatedAt: 2,
    rev: 1,
  };

  it.each([
    ['copy first', ['quarantine:scenario:bad', 'scenario:bad']],
    ['record first', ['scenario:bad', 'quarantine:scenario:bad']],
  ])(
    'lists a record once when a move to the quarantine was cut short (%s), and finishes it',
    async (_order, keys) => {
      // The page went away after copying the record into the quarantine, before deleting it.
      const store = new MemoryStore();
      const copy = { key: 'scenario:bad', reason: 'text is missing', foundAt: 1, raw: '"garbage"' };
      for (const key of keys)
        await store.set(key, key.startsWith('quarantine:') ? copy : 'garbage');
      const library = await openLibrary(store);
      expect(library.state.quarantine.map((q) => q.key)).toEqual(['scenario:bad']);
      expect((await store.keys()).filter((k) => k.includes('bad'))).toEqual([
        'quarantine:scenario:bad',
      ]);
    },
  );

  it.each([
    ['a record that is a string', 'garbage', /not a record/],
    ['a record without text', { ...good, id: 'bad', text: undefined }, /text/],
    ['a record whose id does not match its key', { ...good, id: 'other' }, /does not match/],
    ['a record with a rev of zero', { ...good, id: 'bad', rev: 0 }, /rev/],
    [
      'a record with a date that is not a number',
      { ...good, id: 'bad', updatedAt: 'yesterday' },
      /updatedAt/,
    ],
  ])('sets aside %s and loads the rest', async (_name, value, reason) => {
    const store = new MemoryStore();
    await store.set('meta', { layoutVersion: 1, lastOpenedId: null });
    await store.set('scenario:good', good);
    await store.set('scenario:bad', value);
    const library = await openLibrary(store);
    expect(library.state.scenarios.map((s) => s.id)).toEqual(['good']);
    expect(library.state.quarantine).toHaveLength(1);
    expect(library.state.problem).toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(
        /^One stored record could not be read.*the rest of your library loaded/,
      ),
    });
    expect(library.state.quarantine[0]).toMatchObject({
      key: 'scenario:bad',
      reason: expect.stringMatching(reason),
    });
    expect(JSON.parse(library.state.quarantine[0]!.raw)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(await store.keys()).toEqual(expect.arrayContaining(['quarantine:scenario:bad']));
    expect(await store.keys()).not.toContain('scenario:bad');
  });

  it('keeps listing the quarantine across restarts until it is discarded', async () => {
    const store = new MemoryStore();
    await store.set('scenario:bad', 42);
    await openLibrary(store);
    const again = await openLibrary(store, { now: () => Date.UTC(2026, 0, 2) });
    expect(again.state.quarantine.map((q) => q.key)).toEqual(['scenario:bad']);
    expect(again.state.problem).toBeNull(); // told once, when it was found
    await again.discardQuarantined('scenario:bad');
    expect(again.state.quarantine).toEqual([]);
    expect((await openLibrary(store)).state.quarantine).toEqual([]);
  });

  it('reads key by key when reading all at once fails, and lists what stays unreadable', async () => {
    class FlakyStore extends MemoryStore {
      override entries(): Promise<[string, unknown][]> {
        return Promise.reject(new DOMException('cannot read', 'DataError'));
      }
      override get(key: string): Promise<unknown> {
        if (key === 'scenario:broken')
          return Promise.reject(new DOMException('cannot read', 'DataError'));
        return super.get(key);
      }
    }
    const flaky = new FlakyStore();
    await flaky.set('scenario:good', good);
    await flaky.set('scenario:broken', good);
    const library = await openLibrary(flaky);
    expect(library.state.scenarios.map((s) => s.id)).toEqual(['good']);
    expect(library.state.quarantine).toMatchObject([
      { key: 'scenario:broken', reason: expect.stringMatching(/could not read/) },
    ]);
  });
});

describe('library: a full disk', () => {
  it('reports quota clearly and keeps the unsaved text in memory for export', async () => {
    const store = new FillableStore();
    const library = await openLibrary(store);
    await library.create({ text: scenarioTitled('Lesson') });
    store.full = true;
    library.edit('id-2', scenarioTitled('Lesson', ', "description": "precious"'));
    const problem = await library.flush();
    expect(problem).toMatchObject({
      code: 'quota',
      message: expect.stringMatching(/storage is full.*export/),
    });
    expect(library.state).toMatchObject({ saveStatus: 'failed', problem: { code: 'quota' } });
    expect(library.get('id-2')?.text).toContain('precious');
    expect(library.unsavedScenarios().map((s) => s.id)).toEqual(['id-2']);
  });

  it('saves on retry once there is space again, and clears the message', async () => {
    const store = new FillableStore();
    const library = await openLibrary(store);
    await library.create({ text: 'a' });
    store.full = true;
    library.edit('id-2', 'b');
    await library.flush();
    store.full = false;
    expect(await library.retry()).toBeNull();
    expect(library.state).toMatchObject({ saveStatus: 'saved', problem: null });
    expect(await store.get('scenario:id-2')).toMatchObject({ text: 'b' });
  });

  it('keeps a scenario created on a full disk in this tab', async () => {
    const store = new FillableStore();
    const library = await openLibrary(store);
    store.full = true;
    const created = await library.create({ text: scenarioTitled('New') });
    expect(created).toMatchObject({ ok: false, problem: { code: 'quota' } });
    expect(library.state.scenarios).toMatchObject([{ title: 'New', unsaved: true }]);
  });

  it('still deletes on a full disk (undo then works from memory)', async () => {
    const store = new FillableStore();
    const library = await openLibrary(store);
    await library.create({ text: scenarioTitled('Big') });
    store.full = true;
    expect(await library.remove('id-2')).toMatchObject({ ok: true });
    store.full = false;
    await library.undoRemove();
    expect(library.state.scenarios.map((s) => s.title)).toEqual(['Big']);
  });

  it.each([
    ['a QuotaExceededError', new DOMException('full', 'QuotaExceededError'), true],
    ['legacy code 22', Object.assign(new Error('full'), { code: 22 }), true],
    ['old Firefox', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, true],
    [
      'an AbortError caused by quota',
      Object.assign(new DOMException('aborted', 'AbortError'), {
        cause: new DOMException('full', 'QuotaExceededError'),
      }),
      true,
    ],
    ['a DataCloneError', new DOMException('no', 'DataCloneError'), false],
    ['a string', 'QuotaExceededError', false],
    ['nothing', undefined, false],
  ])('tells whether %s is a quota error', (_name, error, expected) => {
    expect(isQuotaError(error)).toBe(expected);
  });
});

describe('library: storage persistence', () => {
  it.each([
    ['granted', { persisted: async () => false, persist: async () => true }, true],
    ['already granted', { persisted: async () => true, persist: async () => false }, true],
    ['refused', { persisted: async () => false, persist: async () => false }, false],
    [
      'failing',
      { persisted: async () => false, persist: () => Promise.reject(new Error('no')) },
      false,
    ],
    ['unsupported', null, null],
  ])('asks for persistent storage on open (%s)', async (_name, storageManager, expected) => {
    const library = await openLibrary(new MemoryStore(), { storageManager });
    expect(library.state.persisted).toBe(expected);
  });
});

describe('library: state for the UI', () => {
  it('tells subscribers about every change, and stops when asked', async () => {
    const library = await openLibrary();
    const seen: number[] = [];
    const stop = library.subscribe((state) => seen.push(state.scenarios.length));
    await library.create();
    stop();
    await library.create();
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
  });

  it('uses random ids by default', async () => {
    const library = await Library.open({
      store: new MemoryStore(),
      channel: null,
      storageManager: null,
    });
    const a = await library.create();
    const b = await library.create();
    expect(a.ok && b.ok && a.value.id !== b.value.id).toBe(true);
    await library.close();
  });

  it('keeps working in memory, and says so, where the browser has no IndexedDB', async () => {
    expect(typeof indexedDB).toBe('undefined'); // Node, like a browser with storage disabled
    const library = await Library.open({ channel: null, storageManager: null });
    expect(library.state.problem).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/kept only while this tab is open: export/),
    });
    expect(await library.create({ text: scenarioTitled('Still works') })).toMatchObject({
      ok: true,
    });
    await library.close();
  });

  it('gives ids from the injected generator', () => {
    const next = sequentialIds('x');
    expect([next(), next()]).toEqual(['x-1', 'x-2']);
  });
});
