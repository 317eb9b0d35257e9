import { describe, expect, it } from 'vitest';
import { CommandHistory } from '../../../src/ui/console/command-history.svelte.ts';

const world = (users: string[]) => ({ users });

describe('CommandHistory', () => {
  it('undoes and redoes console commands one at a time', () => {
    const history = new CommandHistory<object>();
    const empty = world([]);
    const one = world(['alice']);
    const two = world(['alice', 'bob']);
    history.record('aws iam create-user --user-name alice', empty, one);
    history.record('aws iam create-user --user-name bob', one, two);
    expect(history.undoable(two)?.command).toBe('aws iam create-user --user-name bob');
    expect(history.undo(two)).toBe(one);
    expect(history.undo(one)).toBe(empty);
    expect(history.undo(empty)).toBeUndefined();
    expect(history.redo(empty)).toBe(one);
    expect(history.redo(one)).toBe(two);
    expect(history.redo(two)).toBeUndefined();
  });

  it('offers no undo once the world was edited elsewhere, so later edits are never lost', () => {
    const history = new CommandHistory<object>();
    const before = world([]);
    const after = world(['alice']);
    history.record('aws iam create-user --user-name alice', before, after);
    const editedInTheEditor = world(['alice', 'typed-by-hand']);
    expect(history.undoable(editedInTheEditor)).toBeUndefined();
    expect(history.undo(editedInTheEditor)).toBeUndefined();
  });

  it('forgets what could be redone when a new command runs', () => {
    const history = new CommandHistory<object>();
    const a = world([]);
    const b = world(['alice']);
    const c = world(['carol']);
    history.record('create alice', a, b);
    history.undo(b);
    history.record('create carol', a, c);
    expect(history.redoable(c)).toBeUndefined();
    expect(history.undo(c)).toBe(a);
  });

  it('forgets everything when another scenario opens', () => {
    const history = new CommandHistory<object>();
    const a = world([]);
    const b = world(['alice']);
    history.record('create alice', a, b);
    history.clear();
    expect(history.undoable(b)).toBeUndefined();
  });
});
