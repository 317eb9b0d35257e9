/**
 * Undo and redo for console commands: each command that changed the world is one step.
 *
 * A step is offered only while the world is still exactly what that step left behind: once the
 * user edits elsewhere (the editor, the explorer), restoring an older snapshot would silently
 * throw those edits away, so the step is no longer offered.
 */
export interface CommandStep<T> {
  command: string;
  before: T;
  after: T;
}

/** How many commands can be undone. */
const LIMIT = 100;

export class CommandHistory<T> {
  #undo = $state.raw<CommandStep<T>[]>([]);
  #redo = $state.raw<CommandStep<T>[]>([]);

  /** Records a command that turned `before` into `after`; a new command clears what could be redone. */
  record(command: string, before: T, after: T): void {
    this.#undo = [...this.#undo.slice(-(LIMIT - 1)), { command, before, after }];
    this.#redo = [];
  }

  /** The command that Undo would take back, if the world is still what it left. */
  undoable(current: T): CommandStep<T> | undefined {
    const last = this.#undo.at(-1);
    return last && last.after === current ? last : undefined;
  }

  /** The command that Redo would apply again, if the world is still what Undo left. */
  redoable(current: T): CommandStep<T> | undefined {
    const last = this.#redo.at(-1);
    return last && last.before === current ? last : undefined;
  }

  /** Takes back the last command: returns the world before it, or undefined when it cannot. */
  undo(current: T): T | undefined {
    const step = this.undoable(current);
    if (!step) return undefined;
    this.#undo = this.#undo.slice(0, -1);
    this.#redo = [...this.#redo, step];
    return step.before;
  }

  /** Applies an undone command again: returns the world after it, or undefined when it cannot. */
  redo(current: T): T | undefined {
    const step = this.redoable(current);
    if (!step) return undefined;
    this.#redo = this.#redo.slice(0, -1);
    this.#undo = [...this.#undo, step];
    return step.after;
  }

  /** Forgets everything (another scenario was opened). */
  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
}
