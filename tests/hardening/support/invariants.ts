import type { EntityKind, GraphStore } from '../../../src/store/graph-store';

/** The references each kind must keep: a record may never point at one that is gone. */
const REFERENCES: Partial<Record<EntityKind, { field: string; kind: EntityKind }[]>> = {
  topics: [{ field: 'parentId', kind: 'topics' }],
  statements: [
    { field: 'actorId', kind: 'actors' },
    { field: 'topicId', kind: 'topics' },
    { field: 'documentId', kind: 'documents' },
  ],
  relations: [
    { field: 'sourceId', kind: 'actors' },
    { field: 'targetId', kind: 'actors' },
    { field: 'topicId', kind: 'topics' },
    { field: 'documentId', kind: 'documents' },
  ],
  affiliations: [
    { field: 'memberId', kind: 'actors' },
    { field: 'organizationId', kind: 'actors' },
  ],
};

/**
 * Every broken reference in the store, read through the store interface only: a statement without its
 * actor, topic or document, a relation to a missing actor, and so on. Empty means the graph is whole.
 */
export async function danglingReferences(store: GraphStore): Promise<string[]> {
  const problems: string[] = [];
  for (const [kind, references] of Object.entries(REFERENCES) as [
    EntityKind,
    { field: string; kind: EntityKind }[],
  ][]) {
    for await (const batch of store.readAll(kind, 500)) {
      for (const reference of references) {
        const wanted = batch
          .map((record) => (record as unknown as Record<string, unknown>)[reference.field])
          .filter((id): id is string => typeof id === 'string');
        const found = new Set((await store.getMany(reference.kind, wanted)).map((record) => record.id));
        for (const record of batch) {
          const id = (record as unknown as Record<string, unknown>)[reference.field];
          if (typeof id === 'string' && !found.has(id))
            problems.push(
              `${kind} '${record.id}' refers to missing ${reference.kind} '${id}' (${reference.field})`,
            );
        }
      }
    }
  }
  return problems;
}
