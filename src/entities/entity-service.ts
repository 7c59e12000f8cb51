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
import { checkClaimEvidence, type ClaimEvidence } from '../model/claim-evidence';

/** Creates a record from validated create-input: derives what is derived, checks its evidence, stores it. */
export async function createEntity<K extends EntityKind>(
  store: GraphStore,
  kind: K,
  input: unknown,
): Promise<EntityMap[K]> {
  const entity = await verifiedClaim(store, ENTITY_SPECS[kind].build(input as never));
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
  const preview = await verifiedClaim(store, apply(await getEntity(store, kind, id)));
  const checked = evidenceKey(preview);
  return store.update(kind, id, (current) => {
    const next = apply(current);
    if (evidenceKey(next) !== checked) {
      throw new ConflictError(`the ${spec.name} changed while it was being updated; try again`);
    }
    return withEvidenceStatus(next, preview);
  });
}

function evidenceKey(entity: object): string {
  const { evidence, documentId, quote } = entity as {
    evidence?: unknown;
    documentId?: unknown;
    quote?: unknown;
  };
  return JSON.stringify([evidence ?? null, documentId ?? null, quote ?? null]);
}

/** The status the check gave, on the record written (the same evidence, as `evidenceKey` made sure). */
function withEvidenceStatus<T>(next: T, checked: T): T {
  const { evidenceStatus: _stale, ...rest } = next as { evidenceStatus?: string };
  const { evidenceStatus } = checked as { evidenceStatus?: string };
  return (evidenceStatus ? { ...rest, evidenceStatus } : rest) as T;
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
 * A claim as it may be stored: its quote and evidence checked against its document's text by the one
 * rule (model/claim-evidence.ts), refused naming the field when they are not there, and marked with the
 * outcome (`evidenceStatus`). Records that are not claims pass through unchanged.
 */
export async function verifiedClaim<T extends object>(store: GraphStore, entity: T): Promise<T> {
  const claim = entity as ClaimEvidence & { evidenceStatus?: string };
  if (!('polarity' in entity) && !('sourceId' in entity)) return entity;
  const document = claim.documentId ? await store.get('documents', claim.documentId) : undefined;
  const check = checkClaimEvidence(claim, document);
  if (check.issues.length > 0) {
    throw new ValidationError(
      'the claim is not supported by its document',
      check.issues.map((issue) => ({ ...issue, location: 'body' })),
    );
  }
  const { evidenceStatus: _previous, ...rest } = claim;
  return (check.status ? { ...rest, evidenceStatus: check.status } : rest) as T;
}
