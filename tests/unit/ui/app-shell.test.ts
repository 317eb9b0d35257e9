/**
 * The app shell's state without a DOM (src/ui/shell/app-shell.svelte.ts): where edits are saved
 * (the mode), saving every change to the open library record, following another tab, storing on
 * exit, leaving a shared scenario. App.svelte only wires these to the window and the panels.
 * (Effects do not run under Node: `changed` is what the save effect calls at each change;
 * tests/browser/reliability.spec.ts sees the effect itself save as the user types.)
 */
import { describe, expect, it, vi } from 'vitest';
import type { Send } from '../../../src/worker/client.ts';
import type { Answer, WorkerRequest, WorkerResponse } from '../../../src/worker/protocol.ts';
import { addAccount, addUser, emptyScenario } from '../../../src/model/index.ts';
import { Playground } from '../../../src/ui/state/playground.svelte.ts';
import { AppShell } from '../../../src/ui/shell/app-shell.svelte.ts';
import { LibraryController } from '../../../src/ui/library/library-controller.svelte.ts';
import { SharedLink } from '../../../src/ui/library/shared-link.svelte.ts';
import { encodeShareLink } from '../../../src/storage/share-link.ts';
import { MemoryBackup, openLibrary } from '../storage/helpers.ts';
import { lessonScenario, scenarioTitled } from '../storage/fixtures.ts';

const A = '111122223333';

/** A worker that answers nothing of interest: these tests look at the state, not at decisions. */
const send = ((request: WorkerRequest): Promise<Answer<WorkerResponse>> =>
  Promise.resolve({
    ok: false,
    error: { code: 'bad-request', message: `not in this test: ${request.type}` },
  })) as Send;

/** A shell over a library whose one record, titled "Start", is open on screen. */
async function openShell(shared?: SharedLink) {
  const library = new LibraryController(
    await openLibrary(undefined, { exitBackup: new MemoryBackup() }),
  );
  const created = await library.create(scenarioTitled('Start'));
  if (!created.ok) throw new Error('not created');
  const opened = await library.open(created.value.id);
  if (!opened.ok) throw new Error('not opened');
  const playground = new Playground(send, emptyScenario());
  const left: string[] = [];
  const shell = new AppShell(playground, { shared, leaveClassroom: () => left.push(shell.mode) });
  shell.library = library;
  shell.show(opened.value);
  await Promise.resolve();
  const id = created.value.id;
  return { library, playground, shell, id, left };
}

describe('the app shell', () => {
  it('saves every change of the world to the open record while in library mode, not in a lesson', async () => {
    const { library, playground, shell, id } = await openShell();
    playground.edit('add account', (s) => addAccount(s, A));
    shell.changed();
    expect(library.get(id)?.text).toBe(playground.text);
    expect(library.get(id)?.text).toContain(A);
    shell.leaveLibrary('lesson');
    expect(shell.mode).toBe('lesson');
    expect(library.state.openId).toBeNull();
    const kept = library.get(id)?.text;
    playground.edit('add user alice', (s) => addUser(s, A, 'alice'));
    shell.changed();
    expect(library.get(id)?.text).toBe(kept);
  });

  it('hands pending edits to the library before leaving it, and when the page goes away', async () => {
    const { library, playground, shell, id } = await openShell();
    playground.edit('add account', (s) => addAccount(s, A));
    expect(library.get(id)?.text).not.toBe(playground.text);
    expect(shell.flushOnExit()).toBe(true);
    expect(library.get(id)?.text).toBe(playground.text);
    playground.edit('add user alice', (s) => addUser(s, A, 'alice'));
    shell.leaveLibrary('lesson');
    expect(library.get(id)?.text).toBe(playground.text);
  });

  it("follows another tab's newer version, unless the editor holds edits the library has not", async () => {
    const { library, playground, shell, id } = await openShell();
    const newer = { ...library.get(id)!, text: scenarioTitled('From the other tab') };
    // The library already holds what the editor says: the newer version replaces it on screen.
    expect(shell.followOtherTab(newer)).toBe(true);
    expect(playground.text).toBe(newer.text);
    expect(playground.message).toBe('Updated from another tab: “Start”.');
    // Edits not handed over yet: they go to the library now, and the change is not followed.
    playground.edit('add account', (s) => addAccount(s, A));
    const mine = playground.text;
    expect(shell.followOtherTab({ ...newer, text: scenarioTitled('Later') })).toBe(false);
    expect(playground.text).toBe(mine);
    expect(library.get(id)?.text).toBe(mine);
    // Another record, or another mode: nothing to follow.
    shell.leaveLibrary('lesson');
    expect(shell.followOtherTab(newer)).toBe(true);
    expect(playground.text).toBe(mine);
  });

  it('keeps edits to a shared scenario in the library when the user goes elsewhere', async () => {
    const shared = new SharedLink();
    const { library, playground, shell } = await openShell(shared);
    const text = await shared.read(await encodeShareLink(lessonScenario));
    expect(text).toBe(lessonScenario);
    shell.leaveLibrary('shared');
    await playground.loadText(text!);
    const before = library.state.scenarios.length;
    playground.edit('add account', (s) => addAccount(s, '444455556666'));
    expect(playground.text).not.toBe(text);
    await shell.newScenario();
    expect(shell.mode).toBe('library');
    expect(shared.status).toBe('none');
    // The shared scenario's edits (under its title) and the new empty scenario: two more records.
    await vi.waitFor(() => expect(library.state.scenarios.length).toBe(before + 2));
    expect(library.state.scenarios.map((s) => s.title)).toContain(
      'EC2 reads S3 through an instance profile',
    );
  });

  it('leaves an exercise or hand-in through the app when another scenario opens, not otherwise', async () => {
    const { library, shell, left, id } = await openShell();
    shell.enterClassroom('exercise');
    expect(shell.railTab).toBe('goals');
    expect(library.state.openId).toBeNull();
    shell.show(library.get(id)!);
    expect(left).toEqual(['exercise']);
    expect(shell.mode).toBe('library');
    shell.show(library.get(id)!);
    expect(left).toEqual(['exercise']);
  });
});
