/**
 * merging/: one actor or topic found under two ids made one, and an alias that names someone else split off
 * into an actor of its own. Each is one commit with its history, so a merge is traceable record by record
 * and can be taken apart again by a split. Uses model and store.
 */
import type { Actor } from '../model/actor-schema';
import type { Affiliation } from '../model/affiliation-schema';
import {
  ENTITY_NAMES,
  ENTITY_REFERENCES,
  type EntityKind,
  type EntityMap,
  type ListFilterMap,
} from '../model/entity-kinds';
import { historyEvents, reviewerOf, type HistoryAction, type RecordChange } from '../model/history-schema';
import type { Relation } from '../model/relation-schema';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../shared/errors';
import { slugFromName } from '../shared/ids';
import { listAll } from '../shared/pages';
import type { GraphStore } from '../store/graph-store';
import type {
  ActorMergeResult,
  ActorSplitResult,
  MergeRequest,
  SplitRequest,
  TopicMergeResult,
} from './merge-schema';

/** The fields of each kind that may name an actor (its holder, ends, target or reporter), from the model. */
const ACTOR_FIELDS = {
  statements: actorFieldsOf('statements'),
  relations: actorFieldsOf('relations'),
  affiliations: actorFieldsOf('affiliations'),
};
/** The fields an edge joins two actors by: both naming one actor would join it to itself. */
const EDGE_ENDS = {
  relations: ['sourceId', 'targetId'],
  affiliations: ['memberId', 'organizationId'],
} as const;
const TOPIC_FIELDS = { statements: ['topicId'], relations: ['topicId'], topics: ['parentId'] } as const;

/**
 * Merges actor `request.from` into actor `id`: its name and aliases become aliases of `id` (once each,
 * ignoring case, never `id`'s own name), every statement, relation and affiliation naming it names `id`
 * instead, and it is removed. Refused with 409, changing nothing, when a relation or affiliation between
 * the two would come to join the actor to itself.
 */
export async function mergeActors(
  store: GraphStore,
  id: string,
  request: MergeRequest,
  caller?: string,
  now: Date = new Date(),
): Promise<ActorMergeResult> {
  const by = reviewerOf(request, caller);
  const [into, from] = await mergePair(store, 'actors', id, request.from);
  const referrers = await actorReferrers(store, from.id);
  const between = [...referrers.relations, ...referrers.affiliations].filter((record) =>
    EDGE_ENDS[kindOfEdge(record)].some((field) => (record as Record<string, unknown>)[field] === into.id),
  );
  if (between.length > 0) {
    throw new ConflictError(
      `stancegraph/merging: ${between.map((r) => `${ENTITY_NAMES[kindOfEdge(r)]} '${r.id}'`).join(', ')} would join '${into.id}' to itself; delete or correct ${between.length === 1 ? 'it' : 'them'} first`,
      between.map((r) => ({
        path: ['from'],
        location: 'body',
        message: `${ENTITY_NAMES[kindOfEdge(r)]} '${r.id}' is between '${from.id}' and '${into.id}'`,
      })),
    );
  }
  const merged: Actor = {
    ...into,
    aliases: unitedAliases(into, [from.name, ...from.aliases]),
    ...(into.country === undefined && from.country !== undefined ? { country: from.country } : {}),
    ...(into.description === undefined && from.description !== undefined
      ? { description: from.description }
      : {}),
  };
  if (merged.aliases.length > 100) {
    throw new ValidationError('the merged actor would have too many aliases', [
      { path: ['from'], location: 'body', message: `${merged.aliases.length} aliases together, at most 100` },
    ]);
  }
  const moved = {
    statements: referrers.statements.map((s) => repoint(s, ACTOR_FIELDS.statements, from.id, into.id)),
    relations: referrers.relations.map((r) => repoint(r, ACTOR_FIELDS.relations, from.id, into.id)),
    affiliations: referrers.affiliations.map((a) => repoint(a, ACTOR_FIELDS.affiliations, from.id, into.id)),
  };
  const changes = new Changes('merged')
    .add('actors', into, merged)
    .addMoved('statements', referrers.statements, moved.statements)
    .addMoved('relations', referrers.relations, moved.relations)
    .addMoved('affiliations', referrers.affiliations, moved.affiliations)
    .add('actors', from, null, 0);
  const history = changes.events(by, now, request.reason);
  await store.commit({
    upsert: { actors: [merged], ...moved },
    remove: { actors: [from.id] },
    history,
  });
  return { actor: merged, moved: idsOf(moved), history };
}

/**
 * Merges topic `request.from` into topic `id`: its statements and relations move to `id`, its sub-topics
 * become sub-topics of `id`, and it is removed. Topics have no aliases: the removed topic's title stays in
 * the history (the removed record, whole, is its last event's `before`). Refused with 409 when `id` lies
 * under `from`, which would make `id` its own ancestor.
 */
export async function mergeTopics(
  store: GraphStore,
  id: string,
  request: MergeRequest,
  caller?: string,
  now: Date = new Date(),
): Promise<TopicMergeResult> {
  const by = reviewerOf(request, caller);
  const [into, from] = await mergePair(store, 'topics', id, request.from);
  for (let parentId = into.parentId; parentId !== undefined;) {
    if (parentId === from.id) {
      throw new ConflictError(
        `stancegraph/merging: topic '${into.id}' lies under '${from.id}'; merging would make it its own ancestor`,
        [{ path: ['from'], location: 'body', message: `'${into.id}' descends from '${from.id}'` }],
      );
    }
    parentId = (await store.get('topics', parentId))?.parentId;
  }
  const referrers = {
    statements: await listAll((offset) => store.list('statements', { topicId: from.id, limit: 500, offset })),
    relations: await listAll((offset) => store.list('relations', { topicId: from.id, limit: 500, offset })),
    topics: await listAll((offset) => store.list('topics', { parentId: from.id, limit: 500, offset })),
  };
  // A topic merged into its own parent leaves the parent where it was; one merged into a child takes
  // nothing of the parent's place, since `into` keeps its own.
  const moved = {
    statements: referrers.statements.map((s) => repoint(s, TOPIC_FIELDS.statements, from.id, into.id)),
    relations: referrers.relations.map((r) => repoint(r, TOPIC_FIELDS.relations, from.id, into.id)),
    topics: referrers.topics.map((t) => repoint(t, TOPIC_FIELDS.topics, from.id, into.id)),
  };
  const changes = new Changes('merged')
    .add('topics', into, into)
    .addMoved('statements', referrers.statements, moved.statements)
    .addMoved('relations', referrers.relations, moved.relations)
    .addMoved('topics', referrers.topics, moved.topics)
    .add('topics', from, null, 0);
  const history = changes.events(by, now, request.reason);
  await store.commit({
    upsert: { topics: moved.topics, statements: moved.statements, relations: moved.relations },
    remove: { topics: [from.id] },
    history,
  });
  return { topic: into, moved: idsOf(moved), history };
}

/**
 * Splits one alias of actor `id` off into a new actor of the same kind and country, named by the alias,
 * and moves the listed statements, relations and affiliations (each must name `id`) to it.
 */
export async function splitActor(
  store: GraphStore,
  id: string,
  request: SplitRequest,
  caller?: string,
  now: Date = new Date(),
): Promise<ActorSplitResult> {
  const by = reviewerOf(request, caller);
  const source = await store.get('actors', id);
  if (!source) throw new NotFoundError('actor', id);
  const alias = source.aliases.find((a) => a.toLowerCase() === request.alias.toLowerCase());
  if (alias === undefined) {
    throw new ValidationError(`'${request.alias}' is not an alias of actor '${id}'`, [
      { path: ['alias'], location: 'body', message: `is not one of ${JSON.stringify(source.aliases)}` },
    ]);
  }
  const newId = request.newId ?? slugFromName(alias);
  if (await store.get('actors', newId)) {
    throw new ConflictError(`actor '${newId}' already exists`, [
      { path: [request.newId ? 'newId' : 'alias'], location: 'body', message: `'${newId}' is taken` },
    ]);
  }
  const issues: FieldIssue[] = [];
  const listed = {
    statements: await listedReferrers(store, 'statements', request.statements, id, issues),
    relations: await listedReferrers(store, 'relations', request.relations, id, issues),
    affiliations: await listedReferrers(store, 'affiliations', request.affiliations, id, issues),
  };
  if (issues.length > 0) throw new ValidationError(`only records of actor '${id}' can move`, issues);
  const actor: Actor = {
    id: newId,
    name: alias,
    aliases: [],
    kind: source.kind,
    ...(source.country !== undefined ? { country: source.country } : {}),
  };
  const rest: Actor = { ...source, aliases: source.aliases.filter((a) => a !== alias) };
  const moved = {
    statements: listed.statements.map((s) => repoint(s, ACTOR_FIELDS.statements, id, newId)),
    relations: listed.relations.map((r) => repoint(r, ACTOR_FIELDS.relations, id, newId)),
    affiliations: listed.affiliations.map((a) => repoint(a, ACTOR_FIELDS.affiliations, id, newId)),
  };
  const changes = new Changes('split')
    .add('actors', source, rest)
    .add('actors', null, actor, 0)
    .addMoved('statements', listed.statements, moved.statements)
    .addMoved('relations', listed.relations, moved.relations)
    .addMoved('affiliations', listed.affiliations, moved.affiliations);
  const history = changes.events(by, now, request.reason);
  await store.commit({ upsert: { actors: [rest, actor], ...moved }, history });
  return { actor, source: rest, moved: idsOf(moved), history };
}

/** The two records of a merge: the one kept (404 when unknown) and the one merged in (422 naming `from`). */
async function mergePair<K extends 'actors' | 'topics'>(
  store: GraphStore,
  kind: K,
  id: string,
  fromId: string,
): Promise<[EntityMap[K], EntityMap[K]]> {
  const into = await store.get(kind, id);
  if (!into) throw new NotFoundError(ENTITY_NAMES[kind], id);
  if (fromId === id) {
    throw new ValidationError(`a ${ENTITY_NAMES[kind]} cannot be merged into itself`, [
      { path: ['from'], location: 'body', message: `is '${id}' itself` },
    ]);
  }
  const from = await store.get(kind, fromId);
  if (!from) {
    throw new ValidationError(`there is no ${ENTITY_NAMES[kind]} '${fromId}' to merge`, [
      { path: ['from'], location: 'body', message: `unknown ${ENTITY_NAMES[kind]} '${fromId}'` },
    ]);
  }
  return [into, from];
}

/** Every record naming the actor in any of its actor fields, once each. */
async function actorReferrers(store: GraphStore, actorId: string) {
  const page = { limit: 500 };
  const statements = (filter: Omit<ListFilterMap['statements'], 'limit' | 'offset'>) =>
    listAll((offset) => store.list('statements', { ...filter, ...page, offset }));
  const relations = (filter: Omit<ListFilterMap['relations'], 'limit' | 'offset'>) =>
    listAll((offset) => store.list('relations', { ...filter, ...page, offset }));
  const affiliations = (filter: Omit<ListFilterMap['affiliations'], 'limit' | 'offset'>) =>
    listAll((offset) => store.list('affiliations', { ...filter, ...page, offset }));
  return {
    statements: uniqueById([
      ...(await statements({ actorId })),
      ...(await statements({ aboutId: actorId })),
      ...(await statements({ reportedById: actorId })),
    ]),
    relations: uniqueById([
      ...(await relations({ actorId })),
      ...(await relations({ reportedById: actorId })),
    ]),
    affiliations: uniqueById([
      ...(await affiliations({ memberId: actorId })),
      ...(await affiliations({ organizationId: actorId })),
    ]),
  };
}

function actorFieldsOf(kind: 'statements' | 'relations' | 'affiliations'): string[] {
  return ENTITY_REFERENCES[kind].filter((reference) => reference.kind === 'actors').map((r) => r.field);
}

/** The listed records, each of which must exist and name the actor; issues name the item that does not. */
async function listedReferrers<K extends keyof typeof ACTOR_FIELDS>(
  store: GraphStore,
  kind: K,
  ids: readonly string[] | undefined,
  actorId: string,
  issues: FieldIssue[],
): Promise<EntityMap[K][]> {
  if (!ids || ids.length === 0) return [];
  const found = new Map((await store.getMany(kind, ids)).map((record) => [record.id, record]));
  const records: EntityMap[K][] = [];
  ids.forEach((recordId, index) => {
    const record = found.get(recordId);
    const names =
      record && ACTOR_FIELDS[kind].some((f) => (record as Record<string, unknown>)[f] === actorId);
    if (!record || !names) {
      issues.push({
        path: [kind, index],
        location: 'body',
        message: record
          ? `${ENTITY_NAMES[kind]} '${recordId}' is not one of actor '${actorId}'`
          : `unknown ${ENTITY_NAMES[kind]} '${recordId}'`,
      });
    } else if (!records.includes(record)) {
      records.push(record);
    }
  });
  return records;
}

/** The merged actor's aliases: its own, then the new ones, each once ignoring case, never its own name. */
function unitedAliases(actor: Actor, more: readonly string[]): string[] {
  const seen = new Set([actor.name.toLowerCase()]);
  const united: string[] = [];
  for (const alias of [...actor.aliases, ...more]) {
    const key = alias.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    united.push(alias);
  }
  return united;
}

/** The record with every one of `fields` that named `fromId` naming `toId`. */
function repoint<T extends object>(record: T, fields: readonly string[], fromId: string, toId: string): T {
  const next = { ...record } as Record<string, unknown>;
  for (const field of fields) if (next[field] === fromId) next[field] = toId;
  return next as T;
}

function kindOfEdge(record: Relation | Affiliation): 'relations' | 'affiliations' {
  return 'sourceId' in record ? 'relations' : 'affiliations';
}

function uniqueById<T extends { id: string }>(records: T[]): T[] {
  return [...new Map(records.map((r) => [r.id, r])).values()];
}

function idsOf<T extends Record<string, { id: string }[]>>(records: T): { [K in keyof T]: string[] } {
  return Object.fromEntries(Object.entries(records).map(([kind, list]) => [kind, list.map((r) => r.id)])) as {
    [K in keyof T]: string[];
  };
}

/** The records one merge or split changes, in order, the first being the one the others follow from. */
class Changes {
  private readonly list: RecordChange[] = [];

  constructor(private readonly action: HistoryAction) {}

  add<K extends EntityKind>(
    kind: K,
    before: EntityMap[K] | null,
    after: EntityMap[K] | null,
    causedBy?: number,
  ): this {
    this.list.push({ kind, action: this.action, before, after, causedBy });
    return this;
  }

  /** Moved records follow from the first change. */
  addMoved<K extends EntityKind>(kind: K, before: EntityMap[K][], after: EntityMap[K][]): this {
    before.forEach((record, index) => this.add(kind, record, after[index]!, 0));
    return this;
  }

  events(by: string, now: Date, reason: string | undefined) {
    return historyEvents(this.list, { by, at: now.toISOString(), reason });
  }
}
