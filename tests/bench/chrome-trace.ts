/**
 * Reading a Chrome trace (Playwright's `browser.startTracing`) for the benchmarks: which thread
 * is which (the page's main thread, each worker by its script), the tasks each ran, and their
 * CPU time. A task's CPU time (`tdur`, the thread's own time) is what a loaded machine does not
 * inflate: on a machine whose two cores other programs share, a task of 5 ms CPU can take 150 ms
 * of wall time while the thread waits for a core.
 */

/** One event of a Chrome trace, as far as the benchmarks read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      url?: string;
      functionName?: string;
      workerThreadId?: number;
      startTime?: number;
      cpuProfile?: {
        nodes?: {
          id: number;
          callFrame: { functionName: string; url?: string; lineNumber: number };
        }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

/** Timeline categories: tasks with their CPU time, script runs, and the page's performance marks. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
];
/** Adds samples of every thread's JavaScript stack (functions by self time; costs some speed). */
export const PROFILE_CATEGORY = 'disabled-by-default-v8.cpu_profiler';

/** A thread of the page's renderer: `main` (the page's main thread) or a worker's script name. */
export interface TraceThread {
  pid: number;
  tid: number;
  /** "page" for the page's main thread, else the worker's script file without its hash. */
  name: string;
}

/** The page's main thread and its workers' threads (named by their scripts, hash left out). */
export function rendererThreads(events: readonly TraceEvent[]): TraceThread[] {
  const threads: TraceThread[] = events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map(({ pid, tid }) => ({ pid, tid, name: 'page' }));
  for (const e of events) {
    const data = e.args?.data;
    if (e.name !== 'TracingSessionIdForWorker' || !data?.url || data.workerThreadId === undefined)
      continue;
    const script = data.url
      .split('/')
      .pop()!
      .replace(/-[\w-]{8}\.js$/, '.js');
    threads.push({ pid: e.pid, tid: data.workerThreadId, name: script });
  }
  return threads;
}

/** The top-level tasks a thread ran (each a `RunTask` with its wall and CPU time). */
export function tasksOf(events: readonly TraceEvent[], thread: TraceThread): TraceEvent[] {
  return events.filter(
    (e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid,
  );
}

/** The time (trace clock, µs) of each `performance.mark(name)` the page made. */
export function marksOf(events: readonly TraceEvent[]): Map<string, number> {
  return new Map(
    events
      .filter((e) => e.name.startsWith('bench:') && e.ph !== 'M')
      .map((e) => [e.name.slice('bench:'.length), e.ts]),
  );
}

/**
 * Self time by function (ms) of the JavaScript samples of `thread` between `from` and `to` (trace
 * clock, µs), from the profiler's chunks (recorded with PROFILE_CATEGORY only).
 */
export function selfTimes(
  events: readonly TraceEvent[],
  thread: TraceThread,
  from: number,
  to: number,
): Map<string, number> {
  const self = new Map<string, number>();
  const starts = new Map<string, number>();
  const frames = new Map<string, Map<number, string>>();
  for (const e of events) {
    if (e.name === 'Profile' && e.pid === thread.pid && e.tid === thread.tid && e.id)
      starts.set(e.id, e.args?.data?.startTime ?? 0);
    if (e.name !== 'ProfileChunk' || !e.id || !starts.has(e.id)) continue;
    const data = e.args?.data;
    const names = frames.get(e.id) ?? new Map<number, string>();
    frames.set(e.id, names);
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url?.split('/').pop() ?? '';
      names.set(
        node.id,
        `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`,
      );
    }
    let ts = starts.get(e.id)!;
    const deltas = data?.timeDeltas ?? [];
    (data?.cpuProfile?.samples ?? []).forEach((node, i) => {
      ts += deltas[i] ?? 0;
      const name = names.get(node) ?? '?';
      if (ts >= from && ts < to && name !== '(idle)')
        self.set(name, (self.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
    });
    starts.set(e.id, ts);
  }
  return self;
}
