import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decideRemoteChange,
  isTabMessage,
  type TabChannel,
} from '../../../src/storage/tab-sync.ts';
import { MemoryStore } from '../../../src/storage/kv-store.ts';
import type { Library } from '../../../src/storage/library.ts';
import { HeldReadStore, openLibrary, sequentialIds } from './helpers.ts';
import { scenarioTitled } from './fixtures.ts';

describe('what a tab does when another tab changed a scenario', () => {
  it.each([
    // knownRev, dirty, open, remoteRev, decision
    [3, false, true, 3, 'ignore'], // our own write echoed, or already seen
    [3, false, true, 2, 'ignore'], // an older write arriving late
    [3, false, true, 4, 'follow'], // open, no edits here: show theirs
    [3, false, false, 4, 'refresh'], // not open: update the list quietly
    [0, false, false, 1, 'refresh'], // created in the other tab
    [3, true, true, 4, 'warn'], // both changed it: never overwrite silently
    [3, true, false, 4, 'warn'],
    [3, false, true, null, 'warn'], // deleted while open here
    [3, true, true, null, 'warn'], // deleted while edited here
    [3, false, false, null, 'refresh'], // deleted, not open: drop from the list
  ] as const)(
    'known rev %i, dirty %s, open %s, their rev %s → %s',
    (knownRev, dirty, open, remoteRev, decision) => {
      expect(decideRemoteChange({ knownRev, dirty, open }, remoteRev)).toBe(decision);
    },
  );

  it.each([
    [{ type: 'saved', id: 'a', rev: 2, from: 't' }, true],
    [{ type: 'deleted', id: 'a', from: 't' }, true],
    [{ type: 'saved', id: 'a', from: 't' }, false],
    [{ type: 'hello', id: 'a', rev: 1, from: 't' }, false],
    ['saved', false],
    [null, false],
  ])('accepts only well-formed messages: %j → %s', (data, ok) => {
    expect(isTabMessage(data)).toBe(ok);
  });
});

/** Two tabs on one store, talking over a real BroadcastChannel (Node has one). */
async function twoTabs(channelName: string, store: MemoryStore = new MemoryStore()) {
  const channels: BroadcastChannel[] = [];
  const tab = (prefix: string) => {
    const channel = new BroadcastChannel(channelName);
    channels.push(channel);
    return openLibrary(store, {
      channel: channel as unknown as TabChannel,
      newId: sequentialIds(prefix),
    });
  };
  const a = await tab('a');
  await a.create({ text: scenarioTitled('Shared') });
  const b = await tab('b');
  await a.openScenario('a-2');
  await b.openScenario('a-2');
  return { store, a, b, close: () => channels.forEach((c) => c.close()) };
}

describe('two tabs editing the same scenario', () => {
  let close: () => void = () => undefined;
  afterEach(() => close());

  it('the other tab follows when it has no unsaved edits', async () => {
    const tabs = await twoTabs('follow');
    close = tabs.close;
    const followed: string[] = [];
    tabs.b.onFollow((record) => followed.push(record.text) > 0);
    tabs.a.edit('a-2', scenarioTitled('Shared', ', "description": "from A"'));
    await tabs.a.flush();
    await vi.waitFor(() => expect(followed).toHaveLength(1));
    expect(followed[0]).toContain('from A');
    expect(tabs.b.get('a-2')).toMatchObject({ rev: 2 });
    expect(tabs.b.state.conflicts).toEqual([]);
  });

  it('a tab whose editor holds edits not handed over yet refuses to follow: a conflict, nothing lost', async () => {
    const tabs = await twoTabs('refuse');
    close = tabs.close;
    // The editor's edit reaches the library only now, as the other tab's change arrives.
    tabs.b.onFollow(() => {
      tabs.b.edit('a-2', scenarioTitled('Shared', ', "description": "from B"'));
      return false;
    });
    tabs.a.edit('a-2', scenarioTitled('Shared', ', "description": "from A"'));
    await tabs.a.flush();
    await vi.waitFor(() => expect(tabs.b.state.conflicts).toHaveLength(1));
    expect(tabs.b.state.conflicts[0]).toMatchObject({ id: 'a-2', kind: 'changed-elsewhere' });
    expect(tabs.b.get('a-2')?.text).toContain('from B');
    // B's write is held until the user settles the conflict: A's version stays stored.
    await tabs.b.flush();
    const stored = await openLibrary(tabs.store);
    expect(stored.get('a-2')?.text).toContain('from A');
  });

  it('the other tab warns, and keeps its own text, when it has unsaved edits', async () => {
    const tabs = await twoTabs('warn');
    close = tabs.close;
    tabs.b.edit('a-2', scenarioTitled('Shared', ', "description": "from B"'));
    tabs.a.edit('a-2', scenarioTitled('Shared', ', "description": "from A"'));
    await tabs.a.flush();
    await vi.waitFor(() => expect(tabs.b.state.conflicts).toHaveLength(1));
    expect(tabs.b.state).toMatchObject({
      saveStatus: 'conflict',
      conflicts: [{ id: 'a-2', kind: 'changed-elsewhere', theirs: { rev: 2 } }],
    });
    expect(tabs.b.get('a-2')?.text).toContain('from B');
    await tabs.b.flush(); // held: must not overwrite A's version
    expect(await tabs.store.get('scenario:a-2')).toMatchObject({
      text: expect.stringContaining('from A'),
    });
  });

  it('the other tab is told when the open scenario is deleted', async () => {
    const tabs = await twoTabs('delete');
    close = tabs.close;
    await tabs.a.remove('a-2');
    await vi.waitFor(() => expect(tabs.b.state.conflicts).toHaveLength(1));
    expect(tabs.b.state.conflicts[0]).toMatchObject({ kind: 'deleted-elsewhere', theirs: null });
  });

  it('a tab that has it closed drops a scenario deleted elsewhere, and sees it come back on undo', async () => {
    const tabs = await twoTabs('delete-closed');
    close = tabs.close;
    tabs.b.closeScenario();
    await tabs.a.remove('a-2');
    await vi.waitFor(() => expect(tabs.b.state.scenarios).toEqual([]));
    await tabs.a.undoRemove();
    await vi.waitFor(() => expect(tabs.b.state.scenarios.map((s) => s.id)).toEqual(['a-2']));
  });

  it('a scenario created in one tab appears in the other', async () => {
    const tabs = await twoTabs('create');
    close = tabs.close;
    await tabs.a.create({ text: scenarioTitled('Second') });
    await vi.waitFor(() => expect(tabs.b.state.scenarios.map((s) => s.title)).toContain('Second'));
  });
});

/**
 * Tabs with an editor each, as the app wires them: every change goes to the library at once, and
 * a followed save replaces the editor's text when the editor says what the library holds.
 */
async function tabsWithEditors(channelName: string, count: number) {
  const store = new MemoryStore();
  const channels: BroadcastChannel[] = [];
  const first = await openLibrary(store, { channel: null, newId: sequentialIds('first') });
  await first.create({ text: scenarioTitled('Shared') });
  await first.close();
  const tabs: { library: Library; editor: string }[] = [];
  for (let i = 0; i < count; i++) {
    const channel = new BroadcastChannel(channelName);
    channels.push(channel);
    const library = await openLibrary(store, {
      channel: channel as unknown as TabChannel,
      newId: sequentialIds(`tab${i}`),
    });
    await library.openScenario('first-2');
    const tab = { library, editor: library.get('first-2')!.text };
    library.onFollow((record) => {
      if (library.get(record.id)?.text !== tab.editor) return false;
      tab.editor = record.text;
      return true;
    });
    tabs.push(tab);
  }
  const type = (tab: (typeof tabs)[number], line: string) => {
    tab.editor = tab.editor.replace('{', `{\n  "${line}": true,`);
    tab.library.edit('first-2', tab.editor);
  };
  return { store, tabs, type, close: () => channels.forEach((c) => c.close()) };
}

describe('tabs taking turns on one scenario never lose an edit', () => {
  let close: () => void = () => undefined;
  afterEach(() => close());

  it.each([2, 3])('%i tabs, each typing after the others stored', async (count) => {
    const { store, tabs, type, close: done } = await tabsWithEditors(`turns-${count}`, count);
    close = done;
    const lines: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (const [i, tab] of tabs.entries()) {
        const line = `tab${i}-round${round}`;
        lines.push(line);
        type(tab, line);
        await tab.library.flush();
        // Every other tab shows it before anyone types again.
        for (const other of tabs) await vi.waitFor(() => expect(other.editor).toContain(line));
      }
    }
    const stored = (await store.get('scenario:first-2')) as { text: string };
    for (const line of lines) expect(stored.text).toContain(line);
    for (const tab of tabs) expect(tab.library.state.conflicts).toEqual([]);
  });

  it('a keystroke made while the other tab’s save is being read is kept: a conflict, not a follow', async () => {
    const store = new HeldReadStore();
    const tabs = await twoTabs('typed-during-read', store);
    close = tabs.close;
    const followed: string[] = [];
    tabs.b.onFollow((record) => followed.push(record.text) > 0);
    store.hold(); // B's read of A's save is slow...
    tabs.a.edit('a-2', scenarioTitled('Shared', ', "description": "from A"'));
    await tabs.a.flush();
    await store.waiting; // ...the message has arrived and B is reading the save
    tabs.b.edit('a-2', scenarioTitled('Shared', ', "description": "from B"')); // ...B types
    store.release();
    await vi.waitFor(() => expect(tabs.b.state.conflicts).toHaveLength(1));
    expect(followed).toEqual([]);
    expect(tabs.b.get('a-2')?.text).toContain('from B');
    expect(tabs.b.state.conflicts[0]?.theirs?.text).toContain('from A');
  });

  it('two tabs that stored the same text have nothing to settle', async () => {
    const store = new MemoryStore();
    const a = await openLibrary(store, { newId: sequentialIds('a') });
    await a.create({ text: scenarioTitled('Shared') });
    const b = await openLibrary(store, { newId: sequentialIds('b') });
    const same = scenarioTitled('Shared', ', "description": "typed in both"');
    a.edit('a-2', same);
    b.edit('a-2', same);
    await a.flush();
    await b.flush();
    expect(b.state).toMatchObject({ conflicts: [], saveStatus: 'saved' });
    expect(b.get('a-2')?.rev).toBe(2);
  });
});

/** Two tabs whose messages are lost (no channel): only the rev check in the store protects them. */
async function deafTabs(): Promise<{ store: MemoryStore; a: Library; b: Library }> {
  const store = new MemoryStore();
  const a = await openLibrary(store, { newId: sequentialIds('a') });
  await a.create({ text: scenarioTitled('Shared') });
  const b = await openLibrary(store, { newId: sequentialIds('b') });
  a.edit('a-2', scenarioTitled('Shared', ', "description": "from A"'));
  b.edit('a-2', scenarioTitled('Shared', ', "description": "from B"'));
  await a.flush();
  await b.flush();
  return { store, a, b };
}

describe('the rev check when tab messages are lost', () => {
  it('refuses the second write and reports a conflict instead', async () => {
    const { store, b } = await deafTabs();
    expect(await store.get('scenario:a-2')).toMatchObject({
      rev: 2,
      text: expect.stringContaining('from A'),
    });
    expect(b.state.conflicts).toMatchObject([
      { id: 'a-2', kind: 'changed-elsewhere', theirs: { rev: 2 } },
    ]);
    expect(b.unsavedScenarios().map((s) => s.text)).toEqual([expect.stringContaining('from B')]);
  });

  it('"keep mine" stores this tab’s version on top of theirs', async () => {
    const { store, b } = await deafTabs();
    const resolved = await b.resolveConflict('a-2', 'keep-mine');
    expect(resolved.ok && resolved.value).toMatchObject({ rev: 3 });
    expect(await store.get('scenario:a-2')).toMatchObject({
      rev: 3,
      text: expect.stringContaining('from B'),
    });
    expect(b.state.conflicts).toEqual([]);
  });

  it('"take theirs" drops this tab’s edits', async () => {
    const { b } = await deafTabs();
    await b.resolveConflict('a-2', 'take-theirs');
    expect(b.get('a-2')).toMatchObject({ rev: 2, text: expect.stringContaining('from A') });
    expect(b.unsavedScenarios()).toEqual([]);
  });

  it('"keep both" saves this tab’s version as a new scenario', async () => {
    const { store, b } = await deafTabs();
    await b.resolveConflict('a-2', 'keep-both');
    expect(b.state.scenarios.map((s) => s.title).sort()).toEqual(['Shared', 'Shared (my version)']);
    expect(await store.get('scenario:b-2')).toMatchObject({
      text: expect.stringContaining('from B'),
    });
    expect(await store.get('scenario:a-2')).toMatchObject({
      text: expect.stringContaining('from A'),
    });
  });

  it('notices a delete by the other tab at write time, and "keep mine" stores it again', async () => {
    const store = new MemoryStore();
    const a = await openLibrary(store, { newId: sequentialIds('a') });
    await a.create({ text: 'x' });
    const b = await openLibrary(store, { newId: sequentialIds('b') });
    await a.remove('a-2');
    b.edit('a-2', 'edited in B');
    await b.flush();
    expect(b.state.conflicts).toMatchObject([{ kind: 'deleted-elsewhere', theirs: null }]);
    await b.resolveConflict('a-2', 'keep-mine');
    expect(await store.get('scenario:a-2')).toMatchObject({ text: 'edited in B' });
  });
});
