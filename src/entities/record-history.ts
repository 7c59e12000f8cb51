import { NotFoundError } from '../shared/errors';
import type { GraphStore } from '../store/graph-store';
import { ENTITY_NAMES, type EntityKind } from '../model/entity-kinds';
import type { HistoryQuery, HistoryEvent } from '../model/history-schema';

type HistoryPage = { items: HistoryEvent[]; total: number; limit: number; offset: number };
type PageRequest = Pick<HistoryQuery, 'limit' | 'offset'>;

/**
 * A record's history, oldest first. A record merged away is gone but its history is not: only an id
 * that neither exists nor ever had an event is not found.
 */
export async function recordHistory(
  store: GraphStore,
  kind: EntityKind,
  id: string,
  page: PageRequest,
): Promise<HistoryPage> {
  return answer(store, kind, id, await store.history({ kind, recordId: id, ...page }), page);
}

/** Every event of a review that went through the document (the document's own record has none). */
export async function documentHistory(
  store: GraphStore,
  id: string,
  page: PageRequest,
): Promise<HistoryPage> {
  return answer(store, 'documents', id, await store.history({ documentId: id, ...page }), page);
}

async function answer(
  store: GraphStore,
  kind: EntityKind,
  id: string,
  events: { items: HistoryEvent[]; total: number },
  page: PageRequest,
): Promise<HistoryPage> {
  if (events.total === 0 && !(await store.get(kind, id))) throw new NotFoundError(ENTITY_NAMES[kind], id);
  return { ...events, limit: page.limit, offset: page.offset };
}
