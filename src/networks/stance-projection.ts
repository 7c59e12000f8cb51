import type { Actor } from '../model/actor-schema';
import type { Affiliation } from '../model/affiliation-schema';
import type { Config } from '../config/config';
import { LimitExceededError } from '../shared/errors';
import { windowOf, type TimeWindow } from '../model/common-schema';
import { statedAtKey, type Polarity, type Statement } from '../model/statement-schema';
import type { GraphStore } from '../store/graph-store';
import type { ActorLevel, Counting, ProjectionQuery } from './projection-schema';
import { append } from '../shared/multimap';
import { acceptedAffiliations } from '../entities/accepted-affiliations';
import { loadTopicTree } from '../hierarchy/topic-hierarchy';

export type AnalyticsLimits = Config['analytics'];

/** A side an actor (or organization) takes on a topic, with the statements that say so. */
export interface Position {
  actorId: string;
  topicId: string;
  polarity: Polarity;
  statements: Statement[];
  /** How much the position counts: its statements with counting=every-statement, else 1. */
  weight: number;
}

export interface Projection {
  positions: Position[];
  actors: Map<string, Actor>;
  counting: Counting;
}

interface ProjectionOptions {
  window: TimeWindow;
  topic?: string;
  level: ActorLevel;
  acceptedOnly: boolean;
  minConfidence: number;
  rollup: boolean;
  counting: Counting;
}

/** Kinds of actor who speak for an organization when the analysis is at the organization level. */
const INDIVIDUAL_KINDS: ReadonlySet<Actor['kind']> = new Set(['official', 'person', 'expert']);
const PAGE = 500;

/**
 * The positions behind a discourse network. Without qualifiers the store's own current stances are used
 * (the query runs where the data is); qualifiers and roll-up need the statements themselves, read page by
 * page and refused above ANALYTICS_MAX_STATEMENTS.
 */
async function loadProjection(
  store: GraphStore,
  options: ProjectionOptions,
  limits: AnalyticsLimits,
): Promise<Projection> {
  const plain =
    options.acceptedOnly &&
    options.minConfidence === 0 &&
    !options.rollup &&
    options.counting === 'current-stance';
  const stances = plain
    ? await store.currentStances({ topicId: options.topic, window: options.window })
    : await qualifiedStances(store, options, limits);
  checkStatements(stances.length, limits);
  const speakers = await store.getMany('actors', [...new Set(stances.map((s) => s.actorId))]);
  const actors = new Map(speakers.map((a) => [a.id, a]));
  const speakerOf =
    options.level === 'organizations'
      ? await organizationResolver(store, actors, limits)
      : (s: Statement) => s.actorId;

  const positions = new Map<string, Position>();
  for (const statement of stances) {
    const actorId = speakerOf(statement);
    const key = `${actorId}\u0000${statement.topicId}\u0000${statement.polarity}`;
    const position = positions.get(key);
    if (position) position.statements.push(statement);
    else
      positions.set(key, {
        actorId,
        topicId: statement.topicId,
        polarity: statement.polarity,
        statements: [statement],
        weight: 1,
      });
  }
  if (options.counting === 'every-statement')
    for (const p of positions.values()) p.weight = p.statements.length;
  const missing = [...new Set([...positions.values()].map((p) => p.actorId))].filter((id) => !actors.has(id));
  for (const actor of await store.getMany('actors', missing)) actors.set(actor.id, actor);
  checkNodes(actors.size, limits);
  return { positions: [...positions.values()], actors, counting: options.counting };
}

function checkStatements(count: number, limits: AnalyticsLimits): void {
  if (count > limits.maxStatements) {
    throw new LimitExceededError(
      `stancegraph/analytics: ${count} statements exceed ANALYTICS_MAX_STATEMENTS`,
      'ANALYTICS_MAX_STATEMENTS',
      count,
      limits.maxStatements,
    );
  }
}

export function checkNodes(count: number, limits: AnalyticsLimits): void {
  if (count > limits.maxNodes) {
    throw new LimitExceededError(
      `stancegraph/analytics: ${count} actors exceed ANALYTICS_MAX_NODES`,
      'ANALYTICS_MAX_NODES',
      count,
      limits.maxNodes,
    );
  }
}

/** Statements in the window that pass the qualifiers, paged through the store's list filter. */
export async function qualifiedStatements(
  store: GraphStore,
  query: {
    window: TimeWindow;
    topicId?: string;
    actorId?: string;
    acceptedOnly: boolean;
    minConfidence: number;
  },
  limits: AnalyticsLimits,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.list('statements', {
      limit: PAGE,
      offset,
      actorId: query.actorId,
      topicId: query.topicId,
      reviewStatus: query.acceptedOnly ? 'accepted' : undefined,
      from: query.window.from,
      to: query.window.to,
    });
    checkStatements(page.total, limits);
    statements.push(...page.items);
    if (page.items.length < PAGE || offset + PAGE >= page.total) break;
  }
  return statements.filter((s) => s.reviewStatus !== 'rejected' && s.confidence >= query.minConfidence);
}

/** Latest first: by date, ties broken by the greater id (the store's rule for a current stance). */
function compareStatements(a: Statement, b: Statement): number {
  return a.statedAt === b.statedAt
    ? a.id < b.id
      ? -1
      : a.id > b.id
        ? 1
        : 0
    : statedAtKey(a) < statedAtKey(b)
      ? -1
      : 1;
}

async function qualifiedStances(
  store: GraphStore,
  options: ProjectionOptions,
  limits: AnalyticsLimits,
): Promise<Statement[]> {
  const statements = await qualifiedStatements(
    store,
    {
      window: options.window,
      topicId: options.rollup ? undefined : options.topic,
      acceptedOnly: options.acceptedOnly,
      minConfidence: options.minConfidence,
    },
    limits,
  );
  const tree = options.rollup ? await loadTopicTree(store) : undefined;
  // Per actor and topic the latest statement on the topic itself (every one, unless counting the current
  // stance); failing that, the latest one (every one) entailing a stance on it (an opposition carried down
  // to a narrower case, a support carried up to the broader proposition). Partial matches never count.
  const latestOnly = options.counting === 'current-stance';
  const direct = new Map<string, Statement[]>();
  const entailed = new Map<string, Statement[]>();
  const keep = (into: Map<string, Statement[]>, statement: Statement) => {
    if (options.topic && statement.topicId !== options.topic) return;
    const key = `${statement.actorId}\u0000${statement.topicId}`;
    const current = into.get(key);
    if (!current) into.set(key, [statement]);
    else if (!latestOnly) current.push(statement);
    else if (compareStatements(current[0]!, statement) < 0) into.set(key, [statement]);
  };
  for (const statement of statements) {
    keep(direct, statement);
    if (!tree) continue;
    const carried =
      statement.polarity === 'support'
        ? tree.ancestors(statement.topicId)
        : statement.polarity === 'oppose'
          ? tree.descendants(statement.topicId)
          : [];
    for (const topicId of carried) keep(entailed, { ...statement, topicId });
  }
  for (const [key, statement] of entailed) if (!direct.has(key)) direct.set(key, statement);
  return [...direct.values()].flat();
}

/** Maps each statement to the organization its speaker belonged to on that date, or to the speaker. */
async function organizationResolver(
  store: GraphStore,
  actors: Map<string, Actor>,
  limits: AnalyticsLimits,
): Promise<(s: Statement) => string> {
  const memberships = new Map<string, Affiliation[]>();
  let count = 0;
  for await (const batch of acceptedAffiliations(store, 1000)) {
    count += batch.length;
    if (count > limits.maxEdges) {
      throw new LimitExceededError(
        `stancegraph/analytics: more than ${limits.maxEdges} affiliations exceed ANALYTICS_MAX_EDGES`,
        'ANALYTICS_MAX_EDGES',
        count,
        limits.maxEdges,
      );
    }
    for (const a of batch) {
      if (!actors.has(a.memberId)) continue;
      append(memberships, a.memberId, a);
    }
  }
  return (statement) => {
    const speaker = actors.get(statement.actorId);
    if (!speaker || !INDIVIDUAL_KINDS.has(speaker.kind)) return statement.actorId;
    const at = statement.statedAt;
    // Undated, a statement speaks only for a membership without bounds: no other is known to hold.
    const organization = (memberships.get(speaker.id) ?? [])
      .filter((a) =>
        at === undefined ? !a.from && !a.to : (!a.from || a.from <= at) && (!a.to || at <= a.to),
      )
      .map((a) => a.organizationId)
      .sort()[0];
    return organization ?? statement.actorId;
  };
}

export async function projectionFor(
  store: GraphStore,
  query: ProjectionQuery,
  limits: AnalyticsLimits,
): Promise<Projection> {
  return loadProjection(
    store,
    {
      window: windowOf(query),
      topic: query.topic,
      level: query.level,
      acceptedOnly: query.acceptedOnly,
      minConfidence: query.minConfidence,
      rollup: query.rollup,
      counting: query.counting,
    },
    limits,
  );
}
