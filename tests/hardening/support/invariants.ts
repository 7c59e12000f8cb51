import { type GraphStore } from '../../../src/store/graph-store';
import { ENTITY_REFERENCES, type EntityKind, type EntityReference } from '../../../src/model/entity-kinds';

/**
 * Every broken reference in the store, read through the store interface only: a statement without its
 * actor, topic or document, a relation to a missing actor, and so on. Empty means the graph is whole.
 */
export async function danglingReferences(store: GraphStore): Promise<string[]> {
  const problems: string[] = [];
  for (const [kind, references] of Object.entries(ENTITY_REFERENCES) as [EntityKind, EntityReference[]][]) {
    if (references.length === 0) continue;
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
