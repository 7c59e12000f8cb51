import request from 'supertest';
import type { Statement } from '../../src/model/statement-schema';
import { readSeed } from '../../src/seed/seed-loader';
import { SEED_DIR, startTestApp, type TestApp } from '../support/test-app';

/**
 * A small discourse network computed by hand. Four actors of the seed article take sides on three of its
 * topics (S = support, O = oppose):
 *
 *                          strikes (t1)  unilateral (t2)  surveillance (t3)   activity
 *   claudia-sheinbaum (A)      S              S                 O                 3
 *   ronald-johnson (B)         S              O                                   2
 *   gustavo-flores-macias (C)  O                                O                 2
 *   mike-vigil (D)                            S                                   1
 *
 * Agreement (same side on a topic): A-B t1, A-C t3, A-D t2 -> weight 1 each; no other pair agrees.
 * Conflict (opposite sides): A-B t2, A-C t1, B-C t1, B-D t2 -> weight 1 each.
 * Average activity divides by the mean activity of the pair: A-B 1/((3+2)/2) = 0.4, A-C 1/2.5 = 0.4,
 * A-D 1/((3+1)/2) = 0.5; conflict B-C 1/2 = 0.5, B-D 1/1.5 = 2/3.
 * Jaccard divides by the topics either takes a side on: A-B, A-C, A-D all 1/3; B-C 1/3; B-D 1/2.
 * Subtract (agreement - conflict, raw): A-B 0 and A-C 0 vanish, A-D +1, B-C -1, B-D -1.
 */
const T1 = 'us-strikes-on-cartels-in-mexico';
const T2 = 'unilateral-us-strikes-in-mexico';
const T3 = 'us-surveillance-flights-over-mexico';
const A = 'claudia-sheinbaum';
const B = 'ronald-johnson';
const C = 'gustavo-flores-macias';
const D = 'mike-vigil';

const said = (
  id: string,
  actorId: string,
  topicId: string,
  polarity: Statement['polarity'],
  extra: Partial<Statement> = {},
): Statement => ({
  id,
  actorId,
  topicId,
  polarity,
  intensity: 0.5,
  statedAt: '2025-04-10',
  datePrecision: 'day',
  confidence: 1,
  method: 'manual',
  reviewStatus: 'accepted',
  ...extra,
});

const HAND_STATEMENTS = [
  said('st-a-t1', A, T1, 'support'),
  said('st-a-t2', A, T2, 'support'),
  said('st-a-t3', A, T3, 'oppose'),
  said('st-b-t1', B, T1, 'support'),
  said('st-b-t2', B, T2, 'oppose'),
  said('st-c-t1', C, T1, 'oppose'),
  said('st-c-t3', C, T3, 'oppose'),
  said('st-d-t2', D, T2, 'support'),
];

type Edge = {
  source: string;
  target: string;
  attributes: { weight: number; count: number; topics: string[] };
};
const weights = (edges: Edge[]) =>
  Object.fromEntries(edges.map((e) => [[e.source, e.target].sort().join(' '), e.attributes.weight]));
const pair = (x: string, y: string) => [x, y].sort().join(' ');

describe('discourse networks', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    const seed = readSeed(SEED_DIR);
    await t.store.upsertSnapshot({
      actors: seed.actors,
      topics: seed.topics,
      affiliations: seed.affiliations,
      statements: HAND_STATEMENTS,
    });
  });
  afterEach(() => t.store.close());

  const network = async (query: Record<string, string | number>) =>
    (await request(t.app).get('/api/network').query(query).expect(200)).body as {
      nodes: { key: string }[];
      edges: Edge[];
    };

  it('weighs agreement and conflict by the number of shared topics, as computed by hand', async () => {
    const agreement = await network({ kind: 'agreement' });
    expect(weights(agreement.edges)).toEqual({ [pair(A, B)]: 1, [pair(A, C)]: 1, [pair(A, D)]: 1 });
    expect(agreement.edges.find((e) => pair(e.source, e.target) === pair(A, B))!.attributes.topics).toEqual([
      T1,
    ]);
    const conflict = await network({ kind: 'conflict' });
    expect(weights(conflict.edges)).toEqual({
      [pair(A, B)]: 1,
      [pair(A, C)]: 1,
      [pair(B, C)]: 1,
      [pair(B, D)]: 1,
    });
    const subtract = await network({ kind: 'subtract' });
    expect(weights(subtract.edges)).toEqual({ [pair(A, D)]: 1, [pair(B, C)]: -1, [pair(B, D)]: -1 });
  });

  it('normalizes by average activity and by Jaccard, as computed by hand', async () => {
    const average = weights((await network({ kind: 'agreement', normalization: 'average-activity' })).edges);
    expect(average[pair(A, B)]).toBeCloseTo(0.4);
    expect(average[pair(A, C)]).toBeCloseTo(0.4);
    expect(average[pair(A, D)]).toBeCloseTo(0.5);
    const conflict = weights((await network({ kind: 'conflict', normalization: 'average-activity' })).edges);
    expect(conflict[pair(B, C)]).toBeCloseTo(0.5);
    expect(conflict[pair(B, D)]).toBeCloseTo(2 / 3);
    const jaccard = weights((await network({ kind: 'conflict', normalization: 'jaccard' })).edges);
    expect(jaccard[pair(A, B)]).toBeCloseTo(1 / 3);
    expect(jaccard[pair(B, C)]).toBeCloseTo(1 / 3);
    expect(jaccard[pair(B, D)]).toBeCloseTo(1 / 2);
  });

  it('applies the qualifiers: minimum confidence, accepted statements only, the time window', async () => {
    await t.store.upsertSnapshot({
      statements: [
        said('st-d-t1-proposed', D, T1, 'oppose', { reviewStatus: 'proposed' }),
        said('st-b-t3-unsure', B, T3, 'oppose', { confidence: 0.3 }),
      ],
    });
    expect(weights((await network({ kind: 'agreement' })).edges)[pair(B, C)]).toBe(1);
    expect(
      weights((await network({ kind: 'agreement', minConfidence: 0.5 })).edges)[pair(B, C)],
    ).toBeUndefined();
    expect(weights((await network({ kind: 'agreement' })).edges)[pair(C, D)]).toBeUndefined();
    expect(weights((await network({ kind: 'agreement', acceptedOnly: 'false' })).edges)[pair(C, D)]).toBe(1);
    expect((await network({ kind: 'agreement', to: '2025-04-09' })).edges).toEqual([]);
  });

  it('lets organizations speak through their members', async () => {
    // Johnson (B) is a member of the US government, Vigil (D) of the DEA, Sheinbaum (A) of the Mexican government.
    const agreement = await network({ kind: 'agreement', level: 'organizations' });
    const keys = agreement.nodes.map((n) => n.key);
    expect(keys).toEqual(
      expect.arrayContaining(['us-government', 'dea', 'mexican-government', 'cornell-university']),
    );
    expect(keys).not.toContain(B);
    expect(weights(agreement.edges)[pair('mexican-government', 'us-government')]).toBe(1);
  });

  it('traces the network over moving windows', async () => {
    await t.store.upsertSnapshot({
      statements: [said('st-d-t2-later', D, T2, 'oppose', { statedAt: '2025-06-01' })],
    });
    const res = await request(t.app)
      .get('/api/analytics/evolution')
      .query({ from: '2025-04-01', to: '2025-06-29', windowDays: 30, stepDays: 30 })
      .expect(200);
    expect(res.body.windows.map((w: { from: string; to: string }) => `${w.from}/${w.to}`)).toEqual([
      '2025-04-01/2025-04-30',
      '2025-05-01/2025-05-30',
      '2025-05-31/2025-06-29',
    ]);
    expect(res.body.windows.map((w: { edges: number }) => w.edges)).toEqual([3, 0, 0]);
    expect(res.body.windows[0].actors).toBe(4);
    expect(res.body.windows[2].actors).toBe(1);
  });

  it('refuses a projection above the configured size with 422 naming the limit', async () => {
    const small = await startTestApp({
      config: { analytics: { maxNodes: 3, maxEdges: 100, maxStatements: 100, maxWindows: 5 } },
    });
    await small.store.upsertSnapshot(await snapshotOf(t));
    const res = await request(small.app).get('/api/analytics/coalitions').expect(422);
    expect(res.body.errors[0].field).toBe('ANALYTICS_MAX_NODES');
    const windows = await request(small.app)
      .get('/api/analytics/evolution')
      .query({ from: '2025-01-01', to: '2025-12-31', windowDays: 7, stepDays: 7 })
      .expect(422);
    expect(windows.body.errors[0].field).toBe('ANALYTICS_MAX_WINDOWS');
    await small.store.close();
  });
});

async function snapshotOf(t: TestApp) {
  const seed = readSeed(SEED_DIR);
  return {
    actors: seed.actors,
    topics: seed.topics,
    statements: (await t.store.list('statements', { limit: 500, offset: 0 })).items,
  };
}
