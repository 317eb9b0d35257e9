/**
 * Lesson progress, kept in IndexedDB beside the library: which lessons are completed, how many
 * hints were shown, and the learner's work in progress, so leaving a lesson loses nothing.
 * Written against the storage layer's small key-value interface, so tests run in memory.
 */
import type { KeyValueStore } from '../../storage/index.ts';

/** What is remembered about one lesson. */
export interface LessonRecord {
  slug: string;
  /** When every goal first held (ISO 8601), or null while it has not. */
  completedAt: string | null;
  /** How many hints the learner has revealed. */
  hintsShown: number;
  /** Whether the solution was revealed (shown in the list, without judgement). */
  solutionShown: boolean;
  /** The learner's scenario as last edited, to resume where they left off. */
  work: unknown;
  /** The name an exercise was last handed in under (absent until it is handed in). */
  handedIn?: string;
  updatedAt: string;
}

/** The export format of lesson progress. */
export interface ProgressExport {
  format: 'iam-playground/lesson-progress';
  version: 1;
  exportedAt: string;
  lessons: LessonRecord[];
}

const KEY_PREFIX = 'lesson:';

function emptyRecord(slug: string): LessonRecord {
  return {
    slug,
    completedAt: null,
    hintsShown: 0,
    solutionShown: false,
    work: null,
    updatedAt: '',
  };
}

/** Reads a stored value defensively: a damaged record becomes an empty one, never an error. */
function readRecord(slug: string, value: unknown): LessonRecord {
  const base = emptyRecord(slug);
  if (typeof value !== 'object' || value === null) return base;
  const v = value as Record<string, unknown>;
  return {
    slug,
    completedAt: typeof v.completedAt === 'string' ? v.completedAt : null,
    hintsShown:
      typeof v.hintsShown === 'number' && v.hintsShown >= 0 ? Math.floor(v.hintsShown) : 0,
    solutionShown: v.solutionShown === true,
    work: v.work ?? null,
    ...(typeof v.handedIn === 'string' ? { handedIn: v.handedIn } : {}),
    updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : '',
  };
}

export class LessonProgress {
  readonly #store: KeyValueStore;
  readonly #now: () => Date;

  constructor(store: KeyValueStore, now: () => Date = () => new Date()) {
    this.#store = store;
    this.#now = now;
  }

  /** The record of one lesson (an empty one when nothing is stored). */
  async get(slug: string): Promise<LessonRecord> {
    return readRecord(slug, await this.#store.get(KEY_PREFIX + slug));
  }

  /** Every stored lesson record, by slug. */
  async all(): Promise<Map<string, LessonRecord>> {
    const out = new Map<string, LessonRecord>();
    for (const [key, value] of await this.#store.entries()) {
      if (!key.startsWith(KEY_PREFIX)) continue;
      const slug = key.slice(KEY_PREFIX.length);
      out.set(slug, readRecord(slug, value));
    }
    return out;
  }

  /** Changes one lesson's record; `completedAt`, once set, is kept. */
  async update(
    slug: string,
    change: Partial<Omit<LessonRecord, 'slug' | 'updatedAt'>>,
  ): Promise<LessonRecord> {
    let next = emptyRecord(slug);
    await this.#store.update(KEY_PREFIX + slug, (old) => {
      const current = readRecord(slug, old);
      next = {
        ...current,
        ...change,
        completedAt: current.completedAt ?? change.completedAt ?? null,
        slug,
        updatedAt: this.#now().toISOString(),
      };
      return next;
    });
    return next;
  }

  /** Marks a lesson completed (the first time every goal holds). */
  complete(slug: string): Promise<LessonRecord> {
    return this.update(slug, { completedAt: this.#now().toISOString() });
  }

  /** Forgets the work in progress of a lesson (reset), keeping completion. */
  resetWork(slug: string): Promise<LessonRecord> {
    return this.update(slug, { work: null, hintsShown: 0 });
  }

  /** Everything, as a JSON document the learner can keep or hand in. */
  async export(): Promise<ProgressExport> {
    const lessons = [...(await this.all()).values()].sort((a, b) => a.slug.localeCompare(b.slug));
    return {
      format: 'iam-playground/lesson-progress',
      version: 1,
      exportedAt: this.#now().toISOString(),
      lessons,
    };
  }
}
