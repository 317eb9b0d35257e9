import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { lockCompartment, lockExtension } from '../../../src/ui/editor/locks.ts';
import { locksOf } from '../../../src/ui/classroom/exercise-session.svelte.ts';
import {
  addAccount,
  addPolicy,
  addRole,
  addUser,
  emptyScenario,
  renameIdentity,
  setIn,
  type ScenarioDocument as Scenario,
} from '../../../src/model/index.ts';
import { brokenLock, lockOver, locksInside } from '../../../src/ui/state/locks.ts';
import { Playground } from '../../../src/ui/state/playground.svelte.ts';
import type { Send } from '../../../src/worker/client.ts';

const A = '111122223333';
const TRUST = ['accounts', A, 'roles', 'Admin', 'trust'];
const OTHER: Record<string, unknown> = { Version: '2012-10-17', Statement: [] };

/** A world with a role whose trust policy the exercise locks, and a policy it does not. */
function exercise(): Scenario {
  const world = addPolicy(
    addRole(addUser(addAccount(emptyScenario(), A), A, 'alice'), A, 'Admin'),
    A,
    'Free',
  );
  return setIn(world, ['exercise'], { locked: [TRUST] }) as Scenario;
}
const locks = locksOf(exercise());

describe('locked documents', () => {
  it('are read from the exercise with their title and content as handed out', () => {
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ path: TRUST, title: 'Trust policy of role Admin' });
    expect(locks[0]!.value).toBeTypeOf('object');
  });

  it('are broken by editing, deleting or renaming their owner; other edits and restoring are taken', () => {
    const start = exercise();
    const edited = setIn(start, TRUST, OTHER);
    expect(brokenLock(locks, start, edited)?.title).toBe('Trust policy of role Admin');
    expect(brokenLock(locks, start, renameIdentity(start, A, 'roles', 'Admin', 'Boss'))).toBe(
      locks[0],
    );
    expect(brokenLock(locks, start, setIn(start, ['accounts', A, 'policies', 'Free'], OTHER))).toBe(
      undefined,
    );
    // Work saved with the locked document changed may put it back as handed out.
    expect(brokenLock(locks, edited, start)).toBe(undefined);
  });

  it('cover the document and its parts; the whole scenario holds them', () => {
    expect(lockOver(locks, TRUST)).toBe(locks[0]);
    expect(lockOver(locks, [...TRUST, 'Statement'])).toBe(locks[0]);
    expect(lockOver(locks, ['accounts', A, 'roles', 'Admin'])).toBe(undefined);
    expect(locksInside(locks, [])).toEqual(locks);
    expect(locksInside(locks, TRUST)).toEqual([]);
  });

  it('make the playground refuse an edit that changes one, saying which, until they are lifted', () => {
    const send = (() => new Promise(() => {})) as Send;
    const start = exercise();
    const playground = new Playground(send, start);
    playground.setLocks(locks);
    expect(playground.edit('edit trust policy', (s) => setIn(s, TRUST, OTHER) as Scenario)).toBe(
      false,
    );
    expect(playground.setDocument(TRUST, OTHER)).toBe(false);
    expect(playground.setDocument([], setIn(start, TRUST, OTHER))).toBe(false);
    expect(playground.scenario).toBe(start);
    expect(playground.refusal).toContain('“Trust policy of role Admin” is locked by the exercise');
    expect(playground.refusalFor(setIn(start, TRUST, OTHER))).toBe(playground.refusal);
    expect(playground.setDocument(['accounts', A, 'policies', 'Free'], OTHER)).toBe(true);
    expect(playground.refusal).toBe(null);
    playground.setLocks([]);
    expect(playground.edit('edit trust policy', (s) => setIn(s, TRUST, OTHER) as Scenario)).toBe(
      true,
    );
  });

  it("hold a path with numbers in it (a request's session policy) as well as one of names", () => {
    const session = ['requests', 0, 'sessionPolicy'];
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
    };
    const start = setIn(
      setIn(
        exercise(),
        ['requests'],
        [
          {
            id: 'r1',
            principal: `arn:aws:iam::${A}:user/alice`,
            action: 's3:GetObject',
            resource: '*',
            sessionPolicy: policy,
          },
        ],
      ),
      ['exercise'],
      { locked: [TRUST, session] },
    ) as Scenario;
    const both = locksOf(start);
    expect(both.map((lock) => lock.path)).toEqual([TRUST, session]);
    const widened = setIn(start, [...session, 'Statement'], []);
    expect(brokenLock(both, start, widened)).toBe(both[1]);
  });

  it('open read-only in the editor; in the whole scenario typing inside one is dropped, replacing all is not', () => {
    const locked = EditorState.create({
      doc: '{}',
      extensions: lockCompartment.of(lockExtension(locks, TRUST)),
    });
    expect(locked.readOnly).toBe(true);
    expect(locked.facet(EditorView.editable)).toBe(false);

    const text = JSON.stringify(exercise(), null, 2);
    const whole = EditorState.create({
      doc: text,
      extensions: lockCompartment.of(lockExtension(locks, [])),
    });
    expect(whole.readOnly).toBe(false);
    const inside = text.indexOf('"Statement"', text.indexOf('"trust"'));
    const outside = text.indexOf('"alice"');
    expect(whole.update({ changes: { from: inside, insert: 'x' } }).state.doc.toString()).toBe(
      text,
    );
    expect(whole.update({ changes: { from: outside, insert: 'x' } }).state.doc.length).toBe(
      text.length + 1,
    );
    // Replacing the whole text goes through: the playground judges its value.
    const all = { from: 0, to: text.length, insert: '{}' };
    expect(whole.update({ changes: all }).state.doc.toString()).toBe('{}');
  });
});
