/**
 * entities/: the generic create/read/update/delete use cases every kind of record shares, references to
 * actors and topics for answers, and the accepted affiliations. Uses model and store.
 */
import type { Page } from '../model/common-schema';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import type { GraphStore } from '../store/graph-store';
import type { EntityKind, EntityMap, ListFilterMap } from '../model/entity-kinds';
import { ENTITY_SPECS } from '../model/entity-kinds';

/** Creates a record from validated create-input: derives what is derived, checks its evidence, stores it. */
export async function createEntity<K extends EntityKind>(
  store: GraphStore,
  kind: K,
  input: unknown,
): Promise<EntityMap[K]> {
  const entity = ENTITY_SPECS[kind].build(input as never);
  await assertEvidenceMatchesDocument(store, entity);
  return store.create(kind, entity);
}

export async function getEntity<K extends EntityKind>(
  store: GraphStore,
  kind: K,
  id: string,
): Promise<EntityMap[K]> {
  const entity = await store.get(kind, id);
  if (!entity) throw new NotFoundError(ENTITY_SPECS[kind].name, id);
  return entity;
}

export function listEntities<K extends EntityKind>(
  store: GraphStore,
  kind: K,
  filter: ListFilterMap[K],
): Promise<Page<EntityMap[K]>> {
  return store.list(kind, filter);
}

/**
 * Applies a JSON merge patch (a `null` removes the field) and re-validates the whole record, so a patch
 * can never produce a record the create route would have refused.
 */
export async function updateEntity<K extends EntityKind>(
  store: GraphStore,
  kind: K,
  id: string,
  patch: Record<string, unknown>,
): Promise<EntityMap[K]> {
  const spec = ENTITY_SPECS[kind];
  const apply = (current: EntityMap[K]): EntityMap[K] => {
    const merged: Record<string, unknown> = { ...current };
    for (const [field, value] of Object.entries(patch)) {
      if (value === null) delete merged[field];
      else if (value !== undefined) merged[field] = value;
    }
    const parsed = spec.schema.safeParse(merged);
    if (!parsed.success)
      throw new ValidationError(`the ${spec.name} would become invalid`, zodIssues(parsed.error, 'body'));
    return parsed.data;
  };
  // Evidence is checked against the document before the write; the transaction then makes sure the
  // evidence it writes is the evidence that was checked.
  const preview = apply(await getEntity(store, kind, id));
  await assertEvidenceMatchesDocument(store, preview);
  const checked = evidenceKey(preview);
  return store.update(kind, id, (current) => {
    const next = apply(current);
    if (evidenceKey(next) !== checked) {
      throw new ConflictError(`the ${spec.name} changed while it was being updated; try again`);
    }
    return next;
  });
}

function evidenceKey(entity: object): string {
  const { evidence, documentId } = entity as { evidence?: unknown; documentId?: unknown };
  return JSON.stringify([evidence ?? null, documentId ?? null]);
}

export async function deleteEntity(
  store: GraphStore,
  kind: EntityKind,
  id: string,
  cascade: boolean,
): Promise<void> {
  await store.delete(kind, id, { cascade });
}

/**
 * Evidence must point at the words it quotes: the span's text in the document has to be the sentence
 * given. Checked whenever the document's text is stored.
 */
async function assertEvidenceMatchesDocument(store: GraphStore, entity: object): Promise<void> {
  const { evidence, documentId } = entity as {
    evidence?: { sentence: string; start: number; end: number };
    documentId?: string;
  };
  if (!evidence) return;
  if (!documentId) {
    throw new ValidationError('evidence needs the document it comes from', [
      { path: ['documentId'], message: 'is required when evidence is given' },
    ]);
  }
  const document = await store.get('documents', documentId);
  if (!document?.text) return;
  const found = document.text.slice(evidence.start, evidence.end);
  if (found !== evidence.sentence) {
    throw new ValidationError('the evidence span does not match the document text', [
      {
        path: ['evidence', 'start'],
        message: `characters ${evidence.start}..${evidence.end} of '${documentId}' read "${truncate(found)}", not the sentence given`,
      },
    ]);
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
