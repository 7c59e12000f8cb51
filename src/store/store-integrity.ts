import type { StoredDocument } from '../model/document-schema';
import type { Topic } from '../model/topic-schema';
import {
  ENTITY_KINDS,
  ENTITY_NAMES,
  ENTITY_REFERENCES,
  type EntityKind,
  type EntityMap,
  type EntityReference,
  type GraphSnapshot,
} from '../model/entity-kinds';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../shared/errors';

/**
 * The rules every store keeps when it writes, written once for all of them: references must point at
 * records that exist, a topic cannot be its own ancestor, an id and a document's text are stored once, and
 * a delete either refuses while others refer to the record or cascades as the model's reference table
 * says. The errors and their wording live here, so every store refuses the same write with the same words.
 *
 * A store brings only small reads and writes (`StorePrimitives`), run inside its own transaction. The rules
 * are generators that yield each primitive they need and resume with its answer, so one rule serves a
 * synchronous store (`runSync`, inside a better-sqlite3 transaction) and an asynchronous one (`runAsync`,
 * inside a Neo4j managed transaction) alike.
 */

/** A record of `kind` whose `field` names a record of the kind it is listed under. */
export interface Referrer {
  kind: EntityKind;
  field: string;
  onDelete: EntityReference['onDelete'];
}

/**
 * Who may refer to a record of each kind, from the model's reference table. Other kinds first, in
 * dependency order, the kind's own records (sub-topics) last: the order a refused delete lists them in.
 */
export const REFERRERS: Record<EntityKind, readonly Referrer[]> = Object.fromEntries(
  ENTITY_KINDS.map((target) => {
    const referrers = ENTITY_KINDS.flatMap((kind) =>
      ENTITY_REFERENCES[kind]
        .filter((reference) => reference.kind === target)
        .map(({ field, onDelete }) => ({ kind, field, onDelete })),
    );
    return [
      target,
      [...referrers.filter((r) => r.kind !== target), ...referrers.filter((r) => r.kind === target)],
    ];
  }),
) as unknown as Record<EntityKind, readonly Referrer[]>;

/** A field as the embedded store's column names it (`actorId` -> `actor_id`); messages speak of those. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** What a store answers, inside the transaction the rule runs in. Each may be given any number of ids. */
export interface StorePrimitives {
  /** Which of `ids` exist as records of `kind`. */
  existingIds(kind: EntityKind, ids: readonly string[]): Set<string>;
  /** The parent (undefined for a root) of each of these topics that exists. */
  topicParents(ids: readonly string[]): Map<string, string | undefined>;
  /** The stored document holding each of these content hashes, if any (a hash is stored once): hash -> id. */
  contentHashOwners(hashes: readonly string[]): Map<string, string>;
  /** How many records refer to `id` of `kind`, per referrer in `REFERRERS[kind]` order. */
  referrerCounts(kind: EntityKind, id: string): readonly number[];
  /** Deletes the records of `referrer.kind` whose `referrer.field` is `id`. */
  deleteReferrers(referrer: Referrer, id: string): void;
  /** Removes `referrer.field` from the records of `referrer.kind` where it is `id`. */
  detachReferrers(referrer: Referrer, id: string): void;
  /** Deletes the record itself. */
  deleteRecord(kind: EntityKind, id: string): void;
}

/** The same primitives for a store whose reads and writes are awaited. */
export type AsyncStorePrimitives = {
  [M in keyof StorePrimitives]: (
    ...args: Parameters<StorePrimitives[M]>
  ) => Promise<ReturnType<StorePrimitives[M]>>;
};

type Call = {
  [M in keyof StorePrimitives]: { method: M; args: Parameters<StorePrimitives[M]> };
}[keyof StorePrimitives];

/** A rule: yields the primitives it calls, receives their answers, returns (or throws) its verdict. */
export type Rule<T> = Generator<Call, T, unknown>;

function* call<M extends keyof StorePrimitives>(
  method: M,
  ...args: Parameters<StorePrimitives[M]>
): Rule<ReturnType<StorePrimitives[M]>> {
  return (yield { method, args } as Call) as ReturnType<StorePrimitives[M]>;
}

/** Calls the primitive a rule asked for (the one untyped step: `Call` pairs each method with its arguments). */
function apply(primitives: StorePrimitives | AsyncStorePrimitives, next: Call): unknown {
  return Reflect.apply(primitives[next.method], primitives, next.args);
}

/** Runs a rule against a synchronous store, inside the caller's transaction. */
export function runSync<T>(rule: Rule<T>, primitives: StorePrimitives): T {
  let step = rule.next();
  while (!step.done) step = rule.next(apply(primitives, step.value));
  return step.value;
}

/** Runs a rule against a store whose primitives are awaited, inside the caller's transaction. */
export async function runAsync<T>(rule: Rule<T>, primitives: AsyncStorePrimitives): Promise<T> {
  let step = rule.next();
  while (!step.done) step = rule.next(await apply(primitives, step.value));
  return step.value;
}

type Path = (string | number)[];

// ---------------------------------------------------------------------------------------------------------
// The rules a write follows
// ---------------------------------------------------------------------------------------------------------

/** Before a create: the id is free, the references exist, the record is unique. */
export function* checkCreate<K extends EntityKind>(kind: K, entity: EntityMap[K]): Rule<void> {
  const collision = yield* findCollision(kind, entity);
  if (collision) throw collision;
  yield* checkReferences(kind, [entity], () => []);
}

/**
 * Why a new record cannot be stored beside the ones there (its id or, for a document, its text is
 * taken), or undefined. Also what a store tells a create that lost a race to a uniqueness constraint.
 */
export function* findCollision<K extends EntityKind>(
  kind: K,
  entity: EntityMap[K],
): Rule<ConflictError | undefined> {
  const existing = yield* call('existingIds', kind, [entity.id]);
  if (existing.has(entity.id)) {
    return new ConflictError(`${ENTITY_NAMES[kind]} '${entity.id}' already exists`, [
      { path: ['id'], message: `'${entity.id}' is taken` },
    ]);
  }
  return yield* findContentTwin(kind, [entity], () => []);
}

/** Before an update is written: the id is the same, the references exist, and it stays unique and acyclic. */
export function* checkUpdate<K extends EntityKind>(kind: K, id: string, next: EntityMap[K]): Rule<void> {
  if (next.id !== id)
    throw new ValidationError('an id cannot change', [{ path: ['id'], message: 'is immutable' }]);
  yield* checkReferences(kind, [next], () => []);
  const twin = yield* findContentTwin(kind, [next], () => []);
  if (twin) throw twin;
  if (kind === 'topics') yield* checkTopicCycles([next as Topic]);
}

/** Before a snapshot is written: no document repeats the text of another, in the snapshot or the store. */
export function* checkSnapshotBeforeWrite(snapshot: Partial<GraphSnapshot>): Rule<void> {
  const twin = yield* findContentTwin('documents', snapshot.documents ?? [], (index) => ['documents', index]);
  if (twin) throw twin;
}

/** After a snapshot is written: every reference of every record points at a stored one, and no topic loops. */
export function* checkSnapshotAfterWrite(snapshot: Partial<GraphSnapshot>): Rule<void> {
  for (const kind of ENTITY_KINDS) {
    const entities = snapshot[kind] ?? [];
    if (entities.length > 0) yield* checkReferences(kind, entities, (index) => [kind, index]);
  }
  yield* checkTopicCycles(snapshot.topics ?? []);
}

/**
 * Deletes a record. Refused (ConflictError, naming who refers to it) while other records refer to it,
 * unless `cascade`, which deletes or detaches each referrer as the model's reference table says.
 */
export function* deleteWithPlan(kind: EntityKind, id: string, options: { cascade?: boolean }): Rule<void> {
  const existing = yield* call('existingIds', kind, [id]);
  if (!existing.has(id)) throw new NotFoundError(ENTITY_NAMES[kind], id);
  const referrers = REFERRERS[kind];
  const counts = referrers.length > 0 ? yield* call('referrerCounts', kind, id) : [];
  const blocking = referrers
    .map((referrer, index) => ({ referrer, count: counts[index] ?? 0 }))
    .filter(({ count }) => count > 0);
  if (blocking.length > 0 && !options.cascade) {
    throw new ConflictError(
      `${ENTITY_NAMES[kind]} '${id}' is referred to by ${referredBy(blocking)}; delete those first or pass cascade=true`,
    );
  }
  for (const { referrer } of blocking) {
    if (referrer.onDelete === 'delete') yield* call('deleteReferrers', referrer, id);
    else yield* call('detachReferrers', referrer, id);
  }
  yield* call('deleteRecord', kind, id);
}

/**
 * Removes the records a change set lists, once its upserts are written (they may move referrers away):
 * each must exist, and nothing may refer to it any more. Never cascades: a change set says what it moves.
 */
export function* removeUnreferenced(remove: Partial<Record<EntityKind, readonly string[]>>): Rule<void> {
  for (const kind of ENTITY_KINDS) {
    const ids = remove[kind] ?? [];
    if (ids.length === 0) continue;
    const existing = yield* call('existingIds', kind, ids);
    for (const id of ids) {
      if (!existing.has(id)) throw new NotFoundError(ENTITY_NAMES[kind], id);
      const referrers = REFERRERS[kind];
      const counts = referrers.length > 0 ? yield* call('referrerCounts', kind, id) : [];
      const left = referrers
        .map((referrer, index) => ({ referrer, count: counts[index] ?? 0 }))
        .filter(({ count }) => count > 0);
      if (left.length > 0) {
        throw new ConflictError(`${ENTITY_NAMES[kind]} '${id}' is still referred to by ${referredBy(left)}`);
      }
      yield* call('deleteRecord', kind, id);
    }
  }
}

/** "2 statements (actor_id), 1 relations (source_id)": who refers to a record, as both stores say it. */
function referredBy(referrers: readonly { referrer: Referrer; count: number }[]): string {
  return referrers
    .map(({ referrer, count }) => `${count} ${referrer.kind} (${columnOf(referrer.field)})`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------------------

/**
 * ValidationError naming every reference of the first record (in the given order) that points at nothing,
 * one issue per field, each path under `pathOf(index)`.
 */
function* checkReferences(
  kind: EntityKind,
  entities: readonly object[],
  pathOf: (index: number) => Path,
): Rule<void> {
  const references = ENTITY_REFERENCES[kind];
  if (references.length === 0) return;
  const valueOf = (entity: object, field: string) => (entity as Record<string, unknown>)[field];
  const existing = new Map<EntityKind, Set<string>>();
  for (const target of new Set(references.map((reference) => reference.kind))) {
    const wanted = new Set<string>();
    for (const entity of entities) {
      for (const { field, kind: of } of references) {
        const value = valueOf(entity, field);
        if (of === target && typeof value === 'string') wanted.add(value);
      }
    }
    existing.set(target, wanted.size > 0 ? yield* call('existingIds', target, [...wanted]) : new Set());
  }
  entities.forEach((entity, index) => {
    const issues: FieldIssue[] = [];
    for (const { field, kind: target } of references) {
      const value = valueOf(entity, field);
      if (typeof value === 'string' && !existing.get(target)!.has(value)) {
        issues.push({
          path: [...pathOf(index), field],
          message: `unknown ${ENTITY_NAMES[target]} '${value}'`,
        });
      }
    }
    if (issues.length > 0)
      throw new ValidationError(`${ENTITY_NAMES[kind]} refers to records that do not exist`, issues);
  });
}

/**
 * The first document whose text another document already has, as a ConflictError, or undefined. The
 * documents are taken as written one after the other over the store: the same text twice among them is a
 * conflict, and a stored document they rewrite counts with its new text.
 */
function* findContentTwin(
  kind: EntityKind,
  entities: readonly object[],
  pathOf: (index: number) => Path,
): Rule<ConflictError | undefined> {
  if (kind !== 'documents' || entities.length === 0) return undefined;
  const documents = entities as readonly StoredDocument[];
  const stored = yield* call('contentHashOwners', [...new Set(documents.map((d) => d.contentHash))]);
  // The documents taken so far, both ways; a hash has one owner among them, or there is a conflict.
  const hashOf = new Map<string, string>();
  const ownerOf = new Map<string, string>();
  for (const [index, document] of documents.entries()) {
    const storedOwner = stored.get(document.contentHash);
    const twin =
      ownerOf.get(document.contentHash) ??
      (storedOwner !== undefined && !hashOf.has(storedOwner) ? storedOwner : undefined);
    if (twin !== undefined && twin !== document.id) {
      return new ConflictError(`the same document is already stored as '${twin}'`, [
        { path: [...pathOf(index), 'text'], message: `same content as document '${twin}'` },
      ]);
    }
    const previous = hashOf.get(document.id);
    if (previous !== undefined) ownerOf.delete(previous);
    hashOf.set(document.id, document.contentHash);
    ownerOf.set(document.contentHash, document.id);
  }
  return undefined;
}

/**
 * Refuses the first of these topics (in the given order) whose chain of parents, as stored but with these
 * topics' parents as given, comes back to a topic already on it. The chains are walked side by side, one
 * generation of parents read at a time.
 */
function* checkTopicCycles(topics: readonly Topic[]): Rule<void> {
  const given = new Map(topics.map((topic) => [topic.id, topic.parentId]));
  const stored = new Map<string, string | undefined>();
  const cyclic = new Set<Topic>();
  let walks = topics
    .filter((topic) => topic.parentId !== undefined)
    .map((topic) => ({ topic, seen: new Set([topic.id]), at: topic.parentId! }));
  while (walks.length > 0) {
    const unread = [...new Set(walks.map((walk) => walk.at))].filter(
      (id) => !given.has(id) && !stored.has(id),
    );
    if (unread.length > 0)
      for (const [id, parent] of yield* call('topicParents', unread)) stored.set(id, parent);
    walks = walks.filter((walk) => {
      if (walk.seen.has(walk.at)) cyclic.add(walk.topic);
      walk.seen.add(walk.at);
      const parent = given.has(walk.at) ? given.get(walk.at) : stored.get(walk.at);
      if (parent === undefined || cyclic.has(walk.topic)) return false;
      walk.at = parent;
      return true;
    });
  }
  const offender = topics.find((topic) => cyclic.has(topic));
  if (offender) {
    throw new ValidationError('a topic cannot be its own ancestor', [
      { path: ['parentId'], message: `'${offender.parentId}' descends from '${offender.id}'` },
    ]);
  }
}
