import type { SerializedGraph } from 'graphology-types';

/** The shapes of the API answers this page reads (see /api/docs); only the fields it uses. */
export type Polarity = 'support' | 'oppose' | 'neutral' | 'mixed';

export interface Statement {
  id: string;
  actorId: string;
  topicId: string;
  polarity: Polarity;
  statedAt: string;
  quote?: string;
  evidence?: { sentence: string; start?: number };
  documentId?: string;
  aboutId?: string;
  reportedById?: string;
  reviewStatus?: string;
}

export interface Relation {
  id: string;
  sourceId: string;
  targetId: string;
  type: string;
  topicId?: string;
  date?: string;
  quote?: string;
  evidence?: { sentence: string; start?: number };
  documentId?: string;
  reportedById?: string;
  reviewStatus?: string;
}

export interface Actor {
  id: string;
  name: string;
  aliases?: string[];
  kind: string;
  country?: string;
  description?: string;
}

export interface Topic {
  id: string;
  title: string;
  description?: string;
}

export interface SourceDocument {
  id: string;
  title: string;
  url?: string;
  outlet?: string;
  publishedAt?: string;
}

export interface Affiliation {
  id: string;
  memberId: string;
  organizationId: string;
  role?: string;
  from?: string;
  to?: string;
  reviewStatus?: string;
}

/** Every statement, relation and affiliation that names one actor in any of its actor fields. */
export interface ActorRecords {
  statements: Statement[];
  relations: Relation[];
  affiliations: Affiliation[];
}

/**
 * The ids of the records a merge or a split moved, per kind, as the API answers them: an actor's
 * statements, relations and affiliations (the lists a split is sent, too, to say what to move), or a
 * topic's statements, relations and sub-topics (`topics`).
 */
export type MovedRecords<Kind extends string = keyof ActorRecords> = Record<Kind, string[]>;

export interface ActorRef {
  id: string;
  name: string;
  kind: string;
}

export interface Evidence {
  actorId: string;
  quote?: string;
  sentence?: string;
  documentId?: string;
  date?: string;
  polarity?: Polarity;
}

export interface Match {
  kind: 'direct' | 'entailed' | 'partial';
  via?: { id: string; title: string };
}

export interface Reason {
  kind: 'relation' | 'stance';
  type?: string;
  direction?: 'outgoing' | 'incoming';
  side: 'agreement' | 'conflict';
  match: Match;
  weight: number;
  topic?: { id: string; title: string };
  since?: string;
  evidence: Evidence[];
}

export interface Counterpart {
  actor: ActorRef;
  since?: string;
  net: number;
  agreements: number;
  conflicts: number;
  reasons: Reason[];
}

export interface ActorStances {
  actor: Actor;
  topics: { topic: { id: string; title: string }; current: Statement | null; statements: Statement[] }[];
}

export interface TopicPositions {
  topic: Topic;
  counts: Record<Polarity, number>;
  positions: Record<Polarity, { actor: ActorRef; statement: Statement; match: Match }[]>;
}

export interface Oppositions {
  items: { actors: [ActorRef, ActorRef]; since?: string; reasons: Reason[] }[];
  total: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export class ApiError extends Error {}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = ((await response.json()) as { detail?: string }).detail ?? detail;
    } catch {
      // the body was not a problem document: the status text says enough
    }
    throw new ApiError(`${path}: ${response.status} ${detail}`);
  }
  return (await response.json()) as T;
}

/** A JSON request whose failure message carries the problem's detail and each named field. */
export async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as T & {
    detail?: string;
    errors?: { field: string; message: string }[];
  };
  if (!response.ok) {
    const fields = (answer.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new ApiError(`${answer.detail ?? response.statusText}${fields ? ` (${fields})` : ''}`);
  }
  return answer;
}

export const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

const id = encodeURIComponent;

/** Every page of a list, for lists the page needs whole (topics, a topic's statements). */
async function getAll<T>(path: string, params: Record<string, string | undefined>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await getJson<Page<T>>(
      `${path}${query({ ...params, limit: '500', offset: String(offset) })}`,
    );
    items.push(...page.items);
    if (offset + 500 >= page.total) return items;
  }
}

const uniqueById = <T extends { id: string }>(lists: T[][]): T[] => [
  ...new Map(lists.flat().map((record) => [record.id, record])).values(),
];

export interface Window {
  from?: string;
  to?: string;
}

export const api = {
  network: (search: string) => getJson<SerializedGraph>(`/api/network?${search}`),
  topics: () => getAll<Topic>('/api/topics', {}),
  statements: (params: { topicId?: string; actorId?: string }) =>
    getAll<Statement>('/api/statements', { ...params, reviewStatus: 'accepted' }),
  statement: (statementId: string) => getJson<Statement>(`/api/statements/${id(statementId)}`),
  relation: (relationId: string) => getJson<Relation>(`/api/relations/${id(relationId)}`),
  actor: (actorId: string) => getJson<Actor>(`/api/actors/${id(actorId)}`),
  topic: (topicId: string) => getJson<Topic>(`/api/topics/${id(topicId)}`),
  /**
   * What splitting an alias off the actor may move: its own statements and relations, those about it or
   * relayed by it, and its affiliations either way, whatever their review status.
   */
  actorRecords: async (actorId: string): Promise<ActorRecords> => {
    const [statements, relations, affiliations] = await Promise.all([
      Promise.all(
        (['actorId', 'aboutId', 'reportedById'] as const).map((field) =>
          getAll<Statement>('/api/statements', { [field]: actorId }),
        ),
      ),
      Promise.all(
        (['actorId', 'reportedById'] as const).map((field) =>
          getAll<Relation>('/api/relations', { [field]: actorId }),
        ),
      ),
      Promise.all(
        (['memberId', 'organizationId'] as const).map((field) =>
          getAll<Affiliation>('/api/affiliations', { [field]: actorId }),
        ),
      ),
    ]);
    return {
      statements: uniqueById(statements),
      relations: uniqueById(relations),
      affiliations: uniqueById(affiliations),
    };
  },
  /** Actors whose name or alias contains the words, the accepted ones (rejected and proposed left out). */
  findActors: (q: string) =>
    getJson<Page<Actor & { reviewStatus?: string }>>(
      `/api/actors${query({ q, reviewStatus: 'accepted', limit: '20' })}`,
    ),
  document: (documentId: string) => getJson<SourceDocument>(`/api/documents/${id(documentId)}`),
  affiliations: (params: { memberId?: string; organizationId?: string }) =>
    getAll<Affiliation>('/api/affiliations', params),
  stances: (actorId: string, window: Window) =>
    getJson<ActorStances>(`/api/actors/${id(actorId)}/stances${query({ ...window })}`),
  /** One page of an actor's opponents or allies, the most reasons first; `total` counts them all. */
  counterparts: (
    side: 'opponents' | 'allies',
    actorId: string,
    params: Window & { topic?: string },
    offset: number,
  ) =>
    getJson<Page<Counterpart>>(
      `/api/actors/${id(actorId)}/${side}${query({ ...params, offset: String(offset) })}`,
    ),
  positions: (topicId: string, window: Window) =>
    getJson<TopicPositions>(`/api/topics/${id(topicId)}/positions${query({ ...window })}`),
  oppositions: (params: Window & { topic?: string }) =>
    getJson<Oppositions>(`/api/oppositions${query({ ...params, limit: '12' })}`),
};
