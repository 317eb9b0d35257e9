import { describe, expect, it } from 'vitest';
import type { Send } from '../../../src/worker/client.ts';
import type { Answer, WorkerRequest, WorkerResponse } from '../../../src/worker/protocol.ts';
import {
  addAccount,
  addRole,
  addUser,
  deleteIdentity,
  emptyScenario,
  type ScenarioDocument as Scenario,
} from '../../../src/model/index.ts';
import { Playground } from '../../../src/ui/state/playground.svelte.ts';
import { AppShell } from '../../../src/ui/shell/app-shell.svelte.ts';
import { createConsoleState } from '../../../src/console/index.ts';
import type { Scenario as WorldScenario } from '../../../src/model/index.ts';
import type { Finding } from '../../../src/findings/index.ts';

const A = '111122223333';
const TRUST = ['accounts', A, 'roles', 'WebRole', 'trust'];

/** A worker that answers nothing of interest: these tests look at the state, not at decisions. */
const send = ((request: WorkerRequest): Promise<Answer<WorkerResponse>> =>
  Promise.resolve({
    ok: false,
    error: { code: 'bad-request', message: `not in this test: ${request.type}` },
  })) as Send;

function world(): Scenario {
  return addUser(addRole(addAccount(emptyScenario(), A), A, 'WebRole'), A, 'alice');
}

describe("the playground's one history", () => {
  it('undoes an explorer delete by its label, and redoes it', () => {
    const start = world();
    const playground = new Playground(send, start);
    expect(playground.undoLabel).toBeNull();
    playground.edit('delete role WebRole', (s) => deleteIdentity(s, A, 'roles', 'WebRole'));
    const deleted = playground.scenario;
    expect(playground.undoLabel).toBe('delete role WebRole');
    playground.undo();
    expect(playground.scenario).toBe(start);
    expect(playground.message).toBe('Undone: delete role WebRole.');
    expect(playground.undoLabel).toBeNull();
    expect(playground.redoLabel).toBe('delete role WebRole');
    playground.redo();
    expect(playground.scenario).toBe(deleted);
    expect(playground.message).toBe('Redone: delete role WebRole.');
    playground.redo();
    expect(playground.message).toBe('Nothing to redo.');
  });

  it('names typing in a document after the document, one step per burst of typing', () => {
    const start = world();
    const playground = new Playground(send, start);
    const trust = (service: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
    });
    // The editor writes the document back at every key that leaves it parseable.
    playground.setDocument(TRUST, trust('e'));
    playground.setDocument(TRUST, trust('ec2'));
    playground.setDocument(TRUST, trust('ec2.amazonaws.com'));
    expect(playground.historyCounts.undo).toBe(1);
    expect(playground.undoLabel).toBe('edit trust policy of role WebRole');
    playground.undo();
    expect(playground.scenario).toBe(start);
  });

  it('counts a whole scenario typed anew by its text, not by walking it', () => {
    const playground = new Playground(send, world());
    const typed = addUser(world(), A, 'bob');
    const text = JSON.stringify(typed, null, 2);
    playground.setDocument([], typed, text);
    expect(playground.undoLabel).toBe('edit the whole scenario');
    expect(playground.historyCounts.size).toBe(text.length);
  });

  it('keeps console commands, editor typing and explorer edits in one history', () => {
    const start = world();
    const playground = new Playground(send, start);
    const shell = new AppShell(playground);
    const withBob = addUser(start, A, 'bob') as unknown as WorldScenario;
    shell.applyCommand(withBob, 'aws iam create-user --user-name bob');
    // An editor edit after a console command no longer hides the command's undo.
    playground.setDocument(TRUST, { Version: '2012-10-17', Statement: [] });
    playground.edit('delete user alice', (s) => deleteIdentity(s, A, 'users', 'alice'));
    expect(playground.undoLabel).toBe('delete user alice');
    playground.undo();
    expect(playground.undoLabel).toBe('edit trust policy of role WebRole');
    playground.undo();
    expect(playground.undoLabel).toBe('aws iam create-user --user-name bob');
    playground.undo();
    expect(playground.scenario).toBe(start);
    expect(playground.undoLabel).toBeNull();
  });

  it('starts afresh when another scenario is opened (a boundary)', async () => {
    const playground = new Playground(send, world());
    playground.edit('delete role WebRole', (s) => deleteIdentity(s, A, 'roles', 'WebRole'));
    playground.undo();
    await playground.loadText(JSON.stringify(emptyScenario('Other')));
    expect(playground.undoLabel).toBeNull();
    expect(playground.redoLabel).toBeNull();
    playground.edit('add account', (s) => addAccount(s, A));
    playground.load(world(), 'Loaded the solution.');
    expect(playground.undoLabel).toBeNull();
  });

  it('brings back the text a scenario was typed as, and drops an unparsed draft on undo', async () => {
    const text = `{ "format": "iam-playground/scenario@1",   "accounts": {} }`;
    const playground = new Playground(send, emptyScenario());
    await playground.loadText(text);
    playground.edit('add account', (s) => addAccount(s, A));
    playground.setDraft('{ "half typed');
    playground.undo();
    expect(playground.draft).toBeNull();
    expect(playground.text).toBe(text); // its layout kept, as loaded
  });

  it("makes another tab's newer version one step, undoable", async () => {
    const start = world();
    const playground = new Playground(send, emptyScenario());
    await playground.loadText(JSON.stringify(start));
    const newer = JSON.stringify(addUser(start, A, 'carol'));
    playground.replaceText(newer, 'update from another tab', 'Updated from another tab.');
    expect(playground.undoLabel).toBe('update from another tab');
    playground.undo();
    expect(playground.scenario).toEqual(start);
  });

  it('takes the same text again from another tab as nothing (no step to undo)', async () => {
    const start = world();
    const playground = new Playground(send, emptyScenario());
    await playground.loadText(JSON.stringify(start));
    playground.edit('add user carol', (s) => addUser(s, A, 'carol'));
    const revision = playground.revision;
    playground.replaceText(playground.text, 'update from another tab');
    expect(playground.revision).toBe(revision);
    expect(playground.undoLabel).toBe('add user carol');
  });

  it("follows another tab's half-typed text as a draft of the same scenario, not a reload", async () => {
    const start = world();
    const playground = new Playground(send, emptyScenario());
    await playground.loadText(JSON.stringify(start));
    playground.edit('add account', (s) => addAccount(s, '444455556666'));
    const loads = playground.loadCount;
    const follows = playground.followCount;
    const half = JSON.stringify(start).replace(/}$/, ',');
    playground.replaceText(half, 'update from another tab');
    // The editor keeps its states (no load) and takes the text as a change (followCount).
    expect(playground.loadCount).toBe(loads);
    expect(playground.followCount).toBe(follows + 1);
    expect(playground.text).toBe(half);
    expect(playground.undoLabel).toBe('add account'); // the history stays
    // Once the other tab's text parses again, it is one step of the history, its layout kept.
    const done = JSON.stringify(start);
    playground.replaceText(done, 'update from another tab');
    expect(playground.draft).toBeNull();
    expect(playground.text).toBe(done);
    expect(playground.loadCount).toBe(loads);
    expect(playground.undoLabel).toBe('update from another tab');
  });

  it('drops a draft of the whole text once the world is edited otherwise, so the edit is what is stored', async () => {
    const start = world();
    const playground = new Playground(send, emptyScenario());
    await playground.loadText(JSON.stringify(start));
    playground.replaceText(JSON.stringify(start).replace(/}$/, ','), 'update from another tab');
    expect(playground.draft).not.toBeNull();
    playground.edit('add user carol', (s) => addUser(s, A, 'carol'));
    expect(playground.draft).toBeNull();
    expect(playground.text).toContain('carol');
  });
});

describe('the app shell', () => {
  it("keeps the console's session while the scenario stays open, not after another opens", () => {
    const playground = new Playground(send, world());
    const shell = new AppShell(playground);
    const session = createConsoleState(playground.scenario as unknown as WorldScenario, new Date());
    shell.consoleState = session;
    playground.edit('delete user alice', (s) => deleteIdentity(s, A, 'users', 'alice'));
    playground.undo();
    expect(shell.consoleState).toBe(session);
    playground.load(world());
    expect(shell.consoleState).toBeUndefined();
  });

  it('applies a quick fix as one step named by the fix, and refuses one that no longer fits', async () => {
    const start = world();
    const playground = new Playground(send, start);
    const shell = new AppShell(playground);
    const finding = (description: string, path: (string | number)[]): Finding =>
      ({ fix: { description, path, replacement: true } }) as unknown as Finding;
    await shell.fix(finding('Enable MFA for the root user', ['accounts', A, 'rootUser']), start);
    expect(playground.undoLabel).toBe('enable MFA for the root user');
    expect(playground.message).toBe('Fixed: Enable MFA for the root user.');
    await shell.fix(finding('IAM fix', ['accounts', 'nope', 'x']), start);
    expect(playground.message).toMatch(/^Not fixed: /);
    expect(playground.undoLabel).toBe('enable MFA for the root user');
    playground.undo();
    expect(playground.scenario).toBe(start);
  });
});

describe("an exercise's kept solution is not taken back by Undo", () => {
  it('stays while the teacher undoes back to the starting world, and through Redo', async () => {
    const { makeExercise, solutionSetter, removeExercise } =
      await import('../../../src/ui/classroom/authoring.ts');
    const { readExercise } = await import('../../../src/model/index.ts');
    const playground = new Playground(send, world());
    playground.edit('make this scenario an exercise', makeExercise);
    const start = playground.scenario;
    playground.edit('delete role WebRole', (s) => deleteIdentity(s, A, 'roles', 'WebRole'));
    const solved = playground.scenario;
    playground.editOutsideHistory(solutionSetter(removeExercise(solved)));
    // Keeping is no step: Undo takes back the fix, and the world is the start with the solution.
    expect(playground.undoLabel).toBe('delete role WebRole');
    playground.undo();
    const back = playground.scenario;
    expect(readExercise(back)?.solution).toEqual(removeExercise(solved));
    expect(removeExercise(back)).toEqual(removeExercise(start));
    expect(playground.redoLabel).toBe('delete role WebRole');
    playground.redo();
    expect(readExercise(playground.scenario)?.solution).toEqual(removeExercise(solved));
    playground.undo();
    // Undoing past "make this an exercise" takes the authoring data, solution and all.
    playground.undo();
    expect(playground.scenario['exercise']).toBeUndefined();
    playground.redo();
    expect(readExercise(playground.scenario)?.solution).toEqual(removeExercise(solved));
    // Removing it is not taken back by Undo either.
    playground.editOutsideHistory(solutionSetter(undefined));
    playground.redo();
    expect(readExercise(playground.scenario)?.solution).toBeNull();
    expect(playground.undoLabel).toBe('delete role WebRole');
  });
});
