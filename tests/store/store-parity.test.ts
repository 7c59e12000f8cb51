import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadSeed } from '../../src/seed/seed-loader';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { GraphStore } from '../../src/store/graph-store';
import { SEED_DIR, STORE_UNDER_TEST, startTestApp, type TestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { actorId, loadSyntheticGraph, topicId } from '../support/synthetic-graph';
import { historyEvents, type HistoryEvent } from '../../src/model/history-schema';

/**
 * Parity: the same graph in SQLite (in memory) and in the live Neo4j must give the same JSON answer to
 * every read route under /api (src/api/*-routes.ts). Runs only in the live run (`npm run test:neo4j`,
 * STANCEGRAPH_TEST_STORE=neo4j); elsewhere it is skipped with one line.
 *
 * The graph is the seed article plus a small seeded synthetic graph (ids `actor-…`, `topic-…` do not
 * collide with the seed's). Answers are compared whole; the only normalisation is the documented one in
 * `normalise` for orders the API does not define.
 */
const LIVE = STORE_UNDER_TEST === 'neo4j';
if (!LIVE) console.log('store-parity: skipped (runs only live: npm run test:neo4j)');
const describeLive = LIVE ? describe : describe.skip;

const SYNTHETIC = { seed: 7, actors: 60, topics: 20, statements: 600, relations: 300, batchSize: 500 };

const SEED_ACTORS = [
  'claudia-sheinbaum',
  'us-government',
  'donald-trump',
  'ronald-johnson',
  'gustavo-flores-macias',
];
const SEED_TOPIC = 'us-strikes-on-cartels-in-mexico';
const SEED_DOCUMENT = 'us-drone-strikes-mexico-cartels-2025-04-10';

/**
 * The same history in both stores: reviews of the seed actors and topic, some at one instant (one change),
 * some through the seed document, so ordering by time then id and both filters are compared.
 */
async function parityHistory(store: GraphStore): Promise<HistoryEvent[]> {
  const actors = await store.getMany('actors', SEED_ACTORS);
  const topic = (await store.get('topics', SEED_TOPIC))!;
  const reviewed = <T extends object>(record: T, by: string) => ({ ...record, reviewedBy: by });
  return [
    ...historyEvents(
      actors.map((actor) => ({
        kind: 'actors',
        action: 'accepted',
        before: actor,
        after: reviewed(actor, 'ana'),
      })),
      { by: 'ana', at: '2025-04-11T09:00:00.000Z', documentId: SEED_DOCUMENT },
    ),
    ...historyEvents(
      [
        { kind: 'actors', action: 'rejected', before: actors[0]!, after: reviewed(actors[0]!, 'ben') },
        { kind: 'topics', action: 'edited', before: topic, after: reviewed(topic, 'ben'), causedBy: 0 },
      ],
      { by: 'ben', at: '2025-04-11T09:00:00.000Z', reason: 'a second opinion' },
    ),
    ...historyEvents(
      [{ kind: 'actors', action: 'accepted', before: actors[0]!, after: reviewed(actors[0]!, 'cleo') }],
      { by: 'cleo', at: '2025-04-12T10:30:00.000Z', documentId: SEED_DOCUMENT },
    ),
  ];
}

const SYNTHETIC_ACTORS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55].map(actorId);
const SYNTHETIC_TOPICS = [0, 1, 2, 5, 10, 19].map(topicId);

const NETWORK_KINDS = ['relations', 'agreement', 'conflict', 'subtract', 'affiliation', 'actor-topic'];
const ANALYSIS_NETWORKS = ['net', 'agreement', 'conflict', 'subtract', 'relations', 'affiliation'];

/** Every read route, with the queries asked of it. */
function readRequests(): [string, Record<string, string | number>][] {
  const requests: [string, Record<string, string | number>][] = [];
  const actors = [...SEED_ACTORS, ...SYNTHETIC_ACTORS];
  const topics = [SEED_TOPIC, ...SYNTHETIC_TOPICS];
  for (const kind of ['actors', 'topics', 'documents', 'statements', 'relations', 'affiliations']) {
    requests.push([`/api/${kind}`, { limit: 500 }]);
  }
  for (const id of actors) {
    requests.push([`/api/actors/${id}`, {}]);
    for (const match of ['all', 'entailed', 'direct']) {
      requests.push([`/api/actors/${id}/opponents`, { match, limit: 500 }]);
      requests.push([`/api/actors/${id}/allies`, { match, limit: 500 }]);
    }
    requests.push([`/api/actors/${id}/opponents`, { limit: 3, offset: 1 }]);
    requests.push([`/api/actors/${id}/stances`, {}]);
  }
  requests.push([
    `/api/actors/${SYNTHETIC_ACTORS[0]}/opponents`,
    { topic: SYNTHETIC_TOPICS[0]!, limit: 500 },
  ]);
  for (const id of topics) {
    requests.push([`/api/topics/${id}`, {}]);
    for (const match of ['all', 'entailed', 'direct'])
      requests.push([`/api/topics/${id}/positions`, { match }]);
  }
  for (const match of ['all', 'entailed', 'direct'])
    requests.push(['/api/oppositions', { match, limit: 500 }]);
  requests.push(['/api/oppositions', { topic: SEED_TOPIC, limit: 500 }]);
  requests.push(['/api/paths', { from: 'claudia-sheinbaum', to: 'donald-trump', maxDepth: 4, limit: 100 }]);
  requests.push(['/api/paths', { from: 'ronald-johnson', to: 'gustavo-flores-macias', limit: 100 }]);
  for (const [from, to] of [
    [0, 1],
    [2, 34],
    [5, 55],
    [13, 21],
  ] as const) {
    requests.push(['/api/paths', { from: actorId(from), to: actorId(to), maxDepth: 3, limit: 100 }]);
  }
  for (const kind of NETWORK_KINDS) requests.push(['/api/network', { kind }]);
  requests.push(['/api/network', { kind: 'relations', ego: SYNTHETIC_ACTORS[0]!, depth: 2 }]);
  requests.push(['/api/network', { kind: 'agreement', ego: 'claudia-sheinbaum' }]);
  for (const network of ANALYSIS_NETWORKS) {
    requests.push(['/api/analytics/coalitions', { network }]);
    requests.push(['/api/analytics/centrality', { network }]);
    requests.push(['/api/analytics/bridges', { network }]);
  }
  requests.push(['/api/analytics/polarization', {}]);
  requests.push(['/api/analytics/stance-changes', {}]);
  requests.push(['/api/analytics/stance-changes', { actor: SYNTHETIC_ACTORS[0]! }]);
  for (const kind of ['agreement', 'conflict', 'subtract']) {
    requests.push(['/api/analytics/evolution', { kind, from: '2024-01-01', to: '2025-12-31' }]);
  }
  for (const id of SEED_ACTORS) requests.push([`/api/actors/${id}/history`, {}]);
  requests.push([`/api/actors/${SEED_ACTORS[0]}/history`, { limit: 2, offset: 1 }]);
  requests.push([`/api/topics/${SEED_TOPIC}/history`, {}]);
  requests.push([`/api/documents/${SEED_DOCUMENT}/history`, { limit: 500 }]);
  return requests;
}

/**
 * Orders the API does not define, sorted the same way on both sides. The graphology export of a network
 * lists nodes and edges in the order the store returned the records it was built from; the API promises
 * the graph, not its listing order, so nodes are sorted by key and edges by key (then source, target).
 * Nothing else is normalised: pages, rankings and reasons keep the order the API defines.
 */
function normalise(route: string, body: unknown): unknown {
  if (route === '/api/network' && body && typeof body === 'object') {
    const graph = body as {
      nodes?: { key: string }[];
      edges?: { key?: string; source: string; target: string }[];
    };
    const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return {
      ...graph,
      nodes: [...(graph.nodes ?? [])].sort((a, b) => byKey(a.key, b.key)),
      edges: [...(graph.edges ?? [])].sort(
        (a, b) => byKey(a.key ?? '', b.key ?? '') || byKey(a.source, b.source) || byKey(a.target, b.target),
      ),
    };
  }
  return body;
}

describeLive('SQLite and Neo4j give the same answers', () => {
  let neo4jApp: TestApp;
  let sqlite: GraphStore;
  let sqliteApp: Express;

  beforeAll(async () => {
    neo4jApp = await startTestApp();
    sqlite = await openSqliteStore({ dataDir: ':memory:' });
    sqliteApp = createApp(sqlite, testConfig());
    for (const store of [neo4jApp.store, sqlite]) {
      await loadSeed(store, SEED_DIR);
      await loadSyntheticGraph(store, SYNTHETIC);
    }
    const history = await parityHistory(sqlite);
    for (const store of [neo4jApp.store, sqlite]) await store.commit({ history });
  });
  afterAll(async () => {
    await neo4jApp?.store.close();
    await sqlite?.close();
  });

  it('holds the same records in both stores', async () => {
    for (const kind of ['actors', 'topics', 'documents', 'statements', 'relations', 'affiliations']) {
      const [fromSqlite, fromNeo4j] = await Promise.all([
        request(sqliteApp).get(`/api/${kind}`).query({ limit: 1 }).expect(200),
        request(neo4jApp.app).get(`/api/${kind}`).query({ limit: 1 }).expect(200),
      ]);
      expect({ kind, total: fromNeo4j.body.total }).toEqual({ kind, total: fromSqlite.body.total });
    }
  });

  it('answers every read route identically', async () => {
    const differences: { route: string; query: Record<string, string | number> }[] = [];
    for (const [route, query] of readRequests()) {
      const fromSqlite = await request(sqliteApp).get(route).query(query);
      const fromNeo4j = await request(neo4jApp.app).get(route).query(query);
      const sqliteAnswer = { status: fromSqlite.status, body: normalise(route, fromSqlite.body) };
      const neo4jAnswer = { status: fromNeo4j.status, body: normalise(route, fromNeo4j.body) };
      if (JSON.stringify(sqliteAnswer) !== JSON.stringify(neo4jAnswer)) {
        differences.push({ route, query });
        // The first difference in full, to see what differs.
        if (differences.length === 1)
          expect({ route, query, ...neo4jAnswer }).toEqual({ route, query, ...sqliteAnswer });
      }
      expect({
        route,
        query,
        status: fromSqlite.status,
        body: fromSqlite.status === 200 ? 'ok' : fromSqlite.body,
      }).toEqual({ route, query, status: 200, body: 'ok' });
    }
    expect(differences).toEqual([]);
  });
});
