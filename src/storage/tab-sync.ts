/**
 * How tabs of the app tell each other about library writes, and what a tab does when told.
 *
 * Every stored change carries a `rev` that grows by one. After each write a tab posts a message on
 * a BroadcastChannel; the other tabs compare the rev with the one they last saw. The rule is
 * `decideRemoteChange`: a tab never silently drops its own unsaved edits, and never silently
 * overwrites another tab's (the store write itself also checks the rev, see Library.flush).
 */

/** The BroadcastChannel name shared by all tabs of the app. */
export const LIBRARY_CHANNEL = 'iam-playground-library';

/** Messages between tabs. `from` is the sender's tab id, so a tab can ignore its own echo. */
export type TabMessage =
  | { type: 'saved'; id: string; rev: number; from: string }
  | { type: 'deleted'; id: string; from: string }
  | { type: 'restored'; id: string; rev: number; from: string };

/** The part of BroadcastChannel the library uses; tests may pass a fake. */
export interface TabChannel {
  postMessage(message: TabMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** What this tab knows of one scenario when another tab reports a change to it. */
export interface LocalView {
  /** The rev this tab last read or wrote; 0 when it does not have the scenario. */
  knownRev: number;
  /** Whether this tab has edits of it that are not stored yet. */
  dirty: boolean;
  /** Whether it is the scenario open in this tab's editor. */
  open: boolean;
}

/**
 * - `ignore`: nothing new (our own write, or an older one).
 * - `refresh`: take the stored version quietly (it is not open here and has no edits here).
 * - `follow`: take it and show it in the editor (open here, no unsaved edits).
 * - `warn`: both tabs changed it, or it was deleted while open here: ask the user.
 */
export type RemoteDecision = 'ignore' | 'refresh' | 'follow' | 'warn';

/** Decides what to do with another tab's change; `remoteRev` is null when it deleted the scenario. */
export function decideRemoteChange(local: LocalView, remoteRev: number | null): RemoteDecision {
  if (remoteRev !== null && remoteRev <= local.knownRev) return 'ignore';
  if (local.dirty) return 'warn';
  if (remoteRev === null) return local.open ? 'warn' : 'refresh';
  return local.open ? 'follow' : 'refresh';
}

/** True when a message event's data is one of ours (anything may arrive on a channel). */
export function isTabMessage(data: unknown): data is TabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== 'string' || typeof m.from !== 'string') return false;
  if (m.type === 'deleted') return true;
  return (m.type === 'saved' || m.type === 'restored') && typeof m.rev === 'number';
}
