import { describe, expect, it } from 'vitest';
import { freshSize, WorldHistory } from '../../../src/ui/state/history.svelte.ts';

const world = (users: string[]) => ({ users });

/** A clock the test moves by hand. */
function clock(start = 1000) {
  let now = start;
  return { now: () => now, wait: (ms: number) => void (now += ms) };
}

describe('WorldHistory', () => {
  it('undoes and redoes one step at a time, each with its label', () => {
    const history = new WorldHistory<object>();
    const empty = world([]);
    const one = world(['alice']);
    const two = world(['alice', 'bob']);
    history.record('aws iam create-user --user-name alice', empty, one);
    history.record('delete role WebRole', one, two);
    expect(history.undoable(two)?.label).toBe('delete role WebRole');
    expect(history.redoable(two)).toBeUndefined();
    expect(history.undo(two)).toBe(one);
    expect(history.redoable(one)?.label).toBe('delete role WebRole');
    expect(history.undoable(one)?.label).toBe('aws iam create-user --user-name alice');
    expect(history.undo(one)).toBe(empty);
    expect(history.undo(empty)).toBeUndefined();
    expect(history.redo(empty)).toBe(one);
    expect(history.redo(one)).toBe(two);
    expect(history.redo(two)).toBeUndefined();
  });

  it('offers no undo once the world is not what the step left, so later edits are never lost', () => {
    const history = new WorldHistory<object>();
    const before = world([]);
    const after = world(['alice']);
    history.record('create alice', before, after);
    const changedElsewhere = world(['alice', 'typed-by-hand']);
    expect(history.undoable(changedElsewhere)).toBeUndefined();
    expect(history.undo(changedElsewhere)).toBeUndefined();
  });

  it('forgets what could be redone when a new step is made', () => {
    const history = new WorldHistory<object>();
    const a = world([]);
    const b = world(['alice']);
    const c = world(['carol']);
    history.record('create alice', a, b);
    history.undo(b);
    history.record('create carol', a, c);
    expect(history.redoable(c)).toBeUndefined();
    expect(history.undo(c)).toBe(a);
  });

  it('makes no step of a change that changed nothing', () => {
    const history = new WorldHistory<object>();
    const a = world([]);
    history.record('nothing', a, a);
    expect(history.undoable(a)).toBeUndefined();
    expect(history.counts.undo).toBe(0);
  });

  it('forgets everything when another scenario opens', () => {
    const history = new WorldHistory<object>();
    const a = world([]);
    const b = world(['alice']);
    const c = world(['bob']);
    history.record('create alice', a, b);
    history.record('create bob', b, c);
    history.undo(c);
    history.reset();
    expect(history.undoable(b)).toBeUndefined();
    expect(history.redoable(b)).toBeUndefined();
    expect(history.counts).toEqual({ undo: 0, redo: 0, size: 0 });
  });

  it('groups typing in one place into one step per pause, as CodeMirror does', () => {
    const time = clock();
    const history = new WorldHistory<object>({ now: time.now, pauseMs: 500 });
    const s0 = { doc: 'a' };
    const s1 = { doc: 'ab' };
    const s2 = { doc: 'abc' };
    const s3 = { doc: 'abcd' };
    history.record('edit trust policy of role WebRole', s0, s1, 'document trust');
    time.wait(200);
    history.record('edit trust policy of role WebRole', s1, s2, 'document trust');
    // A pause longer than 500 ms: the next keystroke starts a step of its own.
    time.wait(800);
    history.record('edit trust policy of role WebRole', s2, s3, 'document trust');
    expect(history.counts.undo).toBe(2);
    expect(history.undo(s3)).toBe(s2);
    expect(history.undo(s2)).toBe(s0);
    expect(history.undoable(s0)).toBeUndefined();
  });

  it('starts a new step for another document, an ungrouped edit, or after undo', () => {
    const time = clock();
    const history = new WorldHistory<object>({ now: time.now });
    const s = [0, 1, 2, 3, 4, 5, 6].map((n) => ({ n }));
    history.record('edit policy A', s[0]!, s[1]!, 'document A');
    history.record('edit policy B', s[1]!, s[2]!, 'document B');
    history.record('delete role WebRole', s[2]!, s[3]!);
    history.record('edit policy B', s[3]!, s[4]!, 'document B');
    expect(history.counts.undo).toBe(4);
    // After an undo, typing again in the same document is a new step, not part of the undone one.
    history.undo(s[4]!);
    history.record('edit policy B', s[3]!, s[5]!, 'document B');
    history.record('edit policy B', s[5]!, s[6]!, 'document B');
    expect(history.counts.undo).toBe(4);
    expect(history.undo(s[6]!)).toBe(s[3]);
  });

  it('keeps at most `depth` steps, dropping the oldest', () => {
    const history = new WorldHistory<object>({ depth: 3 });
    const s = [0, 1, 2, 3, 4, 5].map((n) => ({ n }));
    for (let i = 1; i < s.length; i++) history.record(`step ${i}`, s[i - 1]!, s[i]!);
    expect(history.counts.undo).toBe(3);
    expect(history.undo(s[5]!)).toBe(s[4]);
    expect(history.undo(s[4]!)).toBe(s[3]);
    expect(history.undo(s[3]!)).toBe(s[2]);
    expect(history.undo(s[2]!)).toBeUndefined();
  });

  it('drops the oldest steps when the worlds they hold pass the budget, keeping the newest', () => {
    const history = new WorldHistory<object>({ budget: 50 });
    const big = (tag: string) => ({ list: Array.from({ length: 10 }, (_, i) => `${tag}${i}`) });
    // Each step: a new object and array (1 + 1) holding ten new strings of 2 characters.
    const s = [big('a'), big('b'), big('c'), big('d')];
    for (let i = 1; i < s.length; i++) history.record(`replace ${i}`, s[i - 1]!, s[i]!);
    expect(history.counts).toEqual({ undo: 2, redo: 0, size: 44 });
    const huge = { list: Array.from({ length: 100 }, (_, i) => i) };
    history.record('replace with a huge world', s[3]!, huge);
    expect(history.counts.undo).toBe(1);
    expect(history.undo(huge)).toBe(s[3]);
  });

  it("takes a step's size from the caller when given (a parsed text: its length), without a walk", () => {
    const history = new WorldHistory<object>({ budget: 100 });
    const a = { n: 0 };
    const b = { n: 1 };
    const c = { n: 2 };
    history.record('edit the whole scenario', a, b, undefined, 80);
    expect(history.counts.size).toBe(80);
    history.record('edit the whole scenario', b, c, undefined, 80);
    expect(history.counts).toEqual({ undo: 1, redo: 0, size: 80 });
  });
});

describe('freshSize', () => {
  it('counts only what an edit did not share with the world before it', () => {
    const roles = { WebRole: { trust: { Statement: [] } }, Admin: { trust: { Statement: [] } } };
    const before = { accounts: { a: { roles } }, resources: { r: { policy: {} } } };
    // Deleting a role copies the path to it; the other role and the resources are shared.
    const after = {
      accounts: { a: { roles: { Admin: roles.Admin } } },
      resources: before.resources,
    };
    expect(freshSize(before, after)).toBe(4); // the scenario, accounts, account a, roles
    // The same world parsed again from text shares nothing: every object, array and string.
    expect(freshSize(before, JSON.parse(JSON.stringify(before)))).toBe(13);
    const titled = { title: 'Team', accounts: before.accounts };
    expect(freshSize(titled, JSON.parse(JSON.stringify(titled)))).toBe(10 + 4); // ten objects and arrays, and 'Team'
    expect(freshSize(before, before)).toBe(0);
  });
});
