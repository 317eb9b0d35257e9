/**
 * The exit backup beyond localStorage's 5 MB (issue 19): a scenario too big for localStorage is
 * copied to IndexedDB (here a memory copy store) when the page may be going away, and while a big
 * text is typed, and the next start brings it back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_COPY_MAX_CHARS } from '../../../src/model/size-limits.ts';
import { MemoryBackup, MemoryCopyStore, openLibrary, StalledStore } from './helpers.ts';
import { scenarioTitled } from './fixtures.ts';

/** A scenario text longer than localStorage takes (LOCAL_COPY_MAX_CHARS). */
const huge = (title: string) =>
  scenarioTitled(title, `, "description": "${'x'.repeat(LOCAL_COPY_MAX_CHARS + 10)}"`);

afterEach(() => vi.useRealTimers());

/** Lets the library's queued work start. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('exit backup: big scenarios go to IndexedDB', () => {
  it('copies a scenario too big for localStorage on leaving, and the next start stores it', async () => {
    const local = new MemoryBackup();
    const durable = new MemoryCopyStore();
    const store = new StalledStore();
    const library = await openLibrary(store, { exitBackup: local, exitStore: durable });
    await library.create({ text: scenarioTitled('Before') });
    store.stalled = true; // the page goes before its own write finishes
    library.edit('id-2', huge('After'));
    expect(library.saveOnExit()).toBe(true);
    expect(local.items.size).toBe(0);
    expect([...durable.items.keys()]).toEqual(['id-2']);

    await settle(); // the write the page started is under way (and stalls)
    store.stalled = false;
    const reopened = await openLibrary(store, { exitBackup: local, exitStore: durable });
    expect(reopened.get('id-2')).toMatchObject({ title: 'After', text: huge('After') });
    expect(reopened.state.scenarios[0]?.unsaved).toBe(true);
    expect(await reopened.flush()).toBeNull();
    expect(durable.items.size).toBe(0);
    expect((await openLibrary(store)).get('id-2')?.text).toBe(huge('After'));
  });

  it('copies a big text when typing pauses (250 ms), so a crash keeps it', async () => {
    vi.useFakeTimers();
    const durable = new MemoryCopyStore();
    const store = new StalledStore();
    const library = await openLibrary(store, { exitStore: durable });
    await library.create({ text: scenarioTitled('Before') });
    store.stalled = true;
    library.edit('id-2', huge('Typed'));
    expect(durable.items.size).toBe(0);
    await vi.advanceTimersByTimeAsync(250);
    // No saveOnExit: a crash gives the page no chance to run anything.
    store.stalled = false;
    vi.useRealTimers();
    const reopened = await openLibrary(store, { exitStore: durable });
    expect(reopened.get('id-2')?.title).toBe('Typed');
  });

  it('while a big text is typed without a pause, copies it once a second, not on every key', async () => {
    vi.useFakeTimers();
    const durable = new MemoryCopyStore();
    let puts = 0;
    const put = durable.put.bind(durable);
    durable.put = (id, copy) => {
      puts++;
      return put(id, copy);
    };
    const store = new StalledStore();
    const library = await openLibrary(store, { exitStore: durable });
    await library.create({ text: scenarioTitled('Before') });
    store.stalled = true;
    // A key every 100 ms for 2.05 s: no pause of 250 ms.
    for (let key = 0; key <= 20; key++) {
      library.edit('id-2', huge(`Key ${key}`));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(puts).toBe(2);
    await vi.advanceTimersByTimeAsync(250); // the pause after the last key
    expect(puts).toBe(3);
    store.stalled = false;
    vi.useRealTimers();
    const reopened = await openLibrary(store, { exitStore: durable });
    expect(reopened.get('id-2')?.title).toBe('Key 20');
  });

  it('takes the newer of the two copies, and drops both once stored', async () => {
    let now = Date.UTC(2026, 0, 1);
    const local = new MemoryBackup();
    const durable = new MemoryCopyStore();
    const store = new StalledStore();
    const library = await openLibrary(store, {
      exitBackup: local,
      exitStore: durable,
      now: () => now,
    });
    await library.create({ text: scenarioTitled('Before') });
    store.stalled = true;
    library.edit('id-2', huge('Big, older'));
    library.saveOnExit();
    now += 1000;
    library.edit('id-2', scenarioTitled('Small, newer'));
    expect(local.items.size).toBe(1);
    expect(durable.items.size).toBe(1);

    await settle(); // the write the page started is under way (and stalls)
    store.stalled = false;
    const reopened = await openLibrary(store, { exitBackup: local, exitStore: durable });
    expect(reopened.get('id-2')?.title).toBe('Small, newer');
    await reopened.flush();
    expect(local.items.size + durable.items.size).toBe(0);
  });

  it('says on leaving that a big edit is kept nowhere when IndexedDB refuses the copy too', async () => {
    const durable = new MemoryCopyStore();
    durable.refusing = true;
    const store = new StalledStore();
    const library = await openLibrary(store, {
      exitBackup: new MemoryBackup(),
      exitStore: durable,
    });
    await library.create({ text: scenarioTitled('Before') });
    store.stalled = true;
    library.edit('id-2', huge('Nowhere'));
    expect(library.saveOnExit()).toBe(false);
    durable.refusing = false;
    expect(library.saveOnExit()).toBe(true);
  });
});
