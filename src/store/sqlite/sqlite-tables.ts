import type { Actor } from '../../model/actor-schema';
import type { Affiliation } from '../../model/affiliation-schema';
import type { StoredDocument } from '../../model/document-schema';
import type { Relation } from '../../model/relation-schema';
import { statedAtKey, type Statement } from '../../model/statement-schema';
import type { Topic } from '../../model/topic-schema';
import type { EntityKind, EntityMap, ListFilterMap } from '../../model/entity-kinds';
import { searchTextOf } from '../search-keys';

export interface SqlFilter {
  where: string[];
  params: Record<string, unknown>;
}

interface TableSpec<K extends EntityKind> {
  table: string;
  /** The indexed columns besides `id` and `doc`. */
  columns(entity: EntityMap[K]): Record<string, string | number | null>;
  filter(filter: ListFilterMap[K]): SqlFilter;
}

/** Builds `WHERE` parts from the filters that are set; values always travel as parameters. */
export function conditions(pairs: [string, unknown][]): SqlFilter {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  for (const [condition, value] of pairs) {
    if (value === undefined) continue;
    const name = /@(\w+)/.exec(condition)![1]!;
    where.push(condition);
    params[name] = value;
  }
  return { where, params };
}

function likePattern(q: string | undefined): string | undefined {
  return q === undefined ? undefined : `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const matchesQuery = "search LIKE @q ESCAPE '\\'";

/**
 * The review status of actors, topics and affiliations, which hand-entered records leave out and which
 * then counts as accepted. Read from the stored document rather than a column, so data files written
 * before these kinds could be reviewed need no migration; `sqlite-schema.ts` indexes this very expression.
 */
export const REVIEW_STATUS = "coalesce(json_extract(doc, '$.reviewStatus'), 'accepted')";

export const TABLES: { [K in EntityKind]: TableSpec<K> } = {
  actors: {
    table: 'actors',
    columns: (a: Actor) => ({
      kind: a.kind,
      country: a.country ?? null,
      search: searchTextOf.actor(a),
    }),
    filter: (f) =>
      conditions([
        [matchesQuery, likePattern(f.q)],
        ['kind = @kind', f.kind],
        ['country = @country', f.country],
        [`${REVIEW_STATUS} = @reviewStatus`, f.reviewStatus],
      ]),
  },
  topics: {
    table: 'topics',
    columns: (t: Topic) => ({
      parent_id: t.parentId ?? null,
      search: searchTextOf.topic(t),
    }),
    filter: (f) =>
      conditions([
        [matchesQuery, likePattern(f.q)],
        ['parent_id = @parentId', f.parentId],
        [`${REVIEW_STATUS} = @reviewStatus`, f.reviewStatus],
      ]),
  },
  documents: {
    table: 'documents',
    columns: (d: StoredDocument) => ({
      content_hash: d.contentHash,
      outlet: d.outlet ?? null,
      published_at: d.publishedAt ?? null,
      search: searchTextOf.document(d),
    }),
    filter: (f) =>
      conditions([
        [matchesQuery, likePattern(f.q)],
        ['outlet = @outlet', f.outlet],
        ['published_at >= @from', f.from],
        ['published_at <= @to', f.to],
      ]),
  },
  statements: {
    table: 'statements',
    columns: (s: Statement) => ({
      actor_id: s.actorId,
      topic_id: s.topicId,
      document_id: s.documentId ?? null,
      polarity: s.polarity,
      // '' for an undated statement: it sorts before every date, and no bounded window holds it.
      stated_at: statedAtKey(s),
      method: s.method,
      review_status: s.reviewStatus,
      about_id: s.aboutId ?? null,
      reported_by_id: s.reportedById ?? null,
    }),
    filter: (f) =>
      conditions([
        ['actor_id = @actorId', f.actorId],
        ['topic_id = @topicId', f.topicId],
        ['document_id = @documentId', f.documentId],
        ['polarity = @polarity', f.polarity],
        ['review_status = @reviewStatus', f.reviewStatus],
        ['method = @method', f.method],
        ["json_extract(doc, '$.confidence') >= @minConfidence", f.minConfidence],
        ['about_id = @aboutId', f.aboutId],
        ['reported_by_id = @reportedById', f.reportedById],
        ['stated_at >= @from', f.from],
        ["stated_at <= @to AND stated_at <> ''", f.to],
      ]),
  },
  relations: {
    table: 'relations',
    columns: (r: Relation) => ({
      source_id: r.sourceId,
      target_id: r.targetId,
      type: r.type,
      topic_id: r.topicId ?? null,
      document_id: r.documentId ?? null,
      date: r.date ?? null,
      review_status: r.reviewStatus,
      reported_by_id: r.reportedById ?? null,
    }),
    filter: (f) =>
      conditions([
        ['(source_id = @actorId OR target_id = @actorId)', f.actorId],
        ['source_id = @sourceId', f.sourceId],
        ['target_id = @targetId', f.targetId],
        ['type IN (SELECT value FROM json_each(@types))', f.type ? JSON.stringify(f.type) : undefined],
        ['topic_id = @topicId', f.topicId],
        ['document_id = @documentId', f.documentId],
        ['review_status = @reviewStatus', f.reviewStatus],
        ["json_extract(doc, '$.method') = @method", f.method],
        ["json_extract(doc, '$.confidence') >= @minConfidence", f.minConfidence],
        ['reported_by_id = @reportedById', f.reportedById],
        ['date >= @from', f.from],
        ['date <= @to', f.to],
      ]),
  },
  affiliations: {
    table: 'affiliations',
    columns: (a: Affiliation) => ({ member_id: a.memberId, organization_id: a.organizationId }),
    filter: (f) =>
      conditions([
        ['member_id = @memberId', f.memberId],
        ['organization_id = @organizationId', f.organizationId],
        [`${REVIEW_STATUS} = @reviewStatus`, f.reviewStatus],
      ]),
  },
};
