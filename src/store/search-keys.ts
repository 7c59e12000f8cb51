import type { Actor } from '../model/actor-schema';
import type { StoredDocument } from '../model/document-schema';
import type { Topic } from '../model/topic-schema';

/**
 * How every store turns records into look-up keys. Both backends import these, so `?q=` and exact-name
 * look-ups match the same records whichever store answers.
 */

/** Exact-name key: NFKC, trimmed, single spaces, lower case. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Every key an actor can be found by exactly: its id, name and aliases. */
export function actorNameKeys(actor: Actor): string[] {
  return [...new Set([actor.id, actor.name, ...actor.aliases].map(normalizeName))];
}

function searchText(...parts: (string | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join('\n')
    .toLowerCase();
}

/** The lower-cased text `?q=` matches with a case-insensitive substring search. */
export const searchTextOf = {
  actor: (a: Actor) => searchText(a.id, a.name, ...a.aliases),
  topic: (t: Topic) => searchText(t.id, t.title, t.description),
  document: (d: StoredDocument) => searchText(d.id, d.title, d.outlet),
};
