/**
 * Where the learner was, so a reload returns there: the side panel on screen, the open lesson
 * (null when the playground shows a library or shared scenario) and the selected request. Also
 * whether the first-visit welcome was dismissed. Both live in localStorage (small, read before
 * the first paint); a browser without it simply starts fresh each time.
 */

const PLACE_KEY = 'iam-playground.place';
const WELCOMED_KEY = 'iam-playground.welcomed';

export interface Place {
  /** The side panel's id ("world", "lessons", "console", ...). */
  tab: string;
  /** The slug of the lesson on screen, or null. */
  lesson: string | null;
  /** The selected request's index. */
  request: number;
}

export const START: Place = { tab: 'world', lesson: null, request: 0 };

/** Reads a stored place; anything missing or malformed falls back to the start. */
export function parsePlace(text: string | null): Place {
  if (!text) return START;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return START;
  }
  if (typeof value !== 'object' || value === null) return START;
  const v = value as Record<string, unknown>;
  return {
    tab: typeof v['tab'] === 'string' && v['tab'] !== '' ? v['tab'] : START.tab,
    lesson: typeof v['lesson'] === 'string' && v['lesson'] !== '' ? v['lesson'] : null,
    request:
      typeof v['request'] === 'number' && Number.isInteger(v['request']) && v['request'] >= 0
        ? v['request']
        : 0,
  };
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (some private modes)
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Full or blocked: the place is a convenience, nothing is lost but the return point.
  }
}

export function readPlace(): Place {
  return parsePlace(read(PLACE_KEY));
}

export function savePlace(place: Place): void {
  write(PLACE_KEY, JSON.stringify(place));
}

/** True once the welcome has been dismissed (or a way in chosen) in this browser. */
export function welcomed(): boolean {
  return read(WELCOMED_KEY) !== null;
}

export function setWelcomed(): void {
  write(WELCOMED_KEY, new Date().toISOString());
}
