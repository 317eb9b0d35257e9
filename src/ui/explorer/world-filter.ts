/**
 * The World panel's filter: which entities (users, groups, roles, instance profiles, policies,
 * resources) a query shows. A real account has thousands of roles; the filter finds one by its
 * name, its IAM path, a tag, or a policy attached to it (or its permissions boundary).
 *
 * A query is words separated by white space; an entity is shown when every word matches
 * (ignoring case, anywhere in the text). A word may name what it looks at:
 *   name:web   path:/eng/   tag:team=web   tag:team   policy:S3Read
 * and a plain word matches any of the four. A tag is matched as `key=value`.
 */
import { isObject } from '../../model/index.ts';

/** What a query word looks at. */
export type FilterField = 'name' | 'path' | 'tag' | 'policy';

/** One word of a query: the text it looks for (lower case) and where (any field when absent). */
export interface FilterTerm {
  field?: FilterField;
  text: string;
}

const FIELDS: readonly FilterField[] = ['name', 'path', 'tag', 'policy'];

/** The words of a query; an empty query gives none (everything shows). */
export function parseFilter(query: string): FilterTerm[] {
  return query
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => {
      const colon = word.indexOf(':');
      const field = word.slice(0, colon).toLowerCase() as FilterField;
      // "arn:aws:…" is a plain word: only the four field names before a colon name a field.
      if (colon > 0 && FIELDS.includes(field))
        return { field, text: word.slice(colon + 1).toLowerCase() };
      return { text: word.toLowerCase() };
    });
}

/** The texts of an entity a filter looks at, lower case. */
interface Searchable {
  name: string;
  path: string;
  tags: string[];
  policies: string[];
}

/** Each entity's texts, kept while it is the same object (an edit elsewhere leaves it so). */
const texts = new WeakMap<object, { name: string; searchable: Searchable }>();

function searchable(name: string, entity: unknown): Searchable {
  if (!isObject(entity)) return searchableOf(name, {});
  const kept = texts.get(entity);
  if (kept?.name === name) return kept.searchable;
  const made = searchableOf(name, entity);
  texts.set(entity, { name, searchable: made });
  return made;
}

function searchableOf(name: string, e: Record<string, unknown>): Searchable {
  const tags = isObject(e['tags'])
    ? Object.entries(e['tags']).map(([k, v]) => `${k}=${String(v)}`.toLowerCase())
    : [];
  const attached = Array.isArray(e['policies']) ? e['policies'] : [];
  const policies = [...attached, e['boundary']]
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.toLowerCase());
  return {
    name: name.toLowerCase(),
    path: typeof e['path'] === 'string' ? e['path'].toLowerCase() : '/',
    tags,
    policies,
  };
}

function termMatches(s: Searchable, term: FilterTerm): boolean {
  const { field, text } = term;
  if ((!field || field === 'name') && s.name.includes(text)) return true;
  if ((!field || field === 'path') && s.path.includes(text)) return true;
  if ((!field || field === 'tag') && s.tags.some((t) => t.includes(text))) return true;
  return (!field || field === 'policy') && s.policies.some((p) => p.includes(text));
}

/**
 * The last answer for each collection, by the query it answered. The world is replaced, never
 * mutated, by an edit: a keystroke in one policy leaves every account's users and roles the same
 * objects, so a filter over thousands of roles is not run again on each key.
 */
const answers = new WeakMap<object, { query: string; names: string[] }>();

/**
 * The keys of `collection` (an object of entities by name, or of resources by ARN) that every
 * term matches, in their order. With no terms, all of them. The answer is shared: not to be
 * changed by the caller.
 */
export function filterEntities(collection: unknown, terms: readonly FilterTerm[]): string[] {
  if (!isObject(collection)) return [];
  if (terms.length === 0) return Object.keys(collection);
  const query = JSON.stringify(terms);
  const kept = answers.get(collection);
  if (kept?.query === query) return kept.names;
  const names = Object.keys(collection).filter((name) => {
    const s = searchable(name, collection[name]);
    return terms.every((term) => termMatches(s, term));
  });
  answers.set(collection, { query, names });
  return names;
}
