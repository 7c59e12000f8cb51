import request from 'supertest';
import type { Statement } from '../../src/model/statement-schema';
import { startTestApp, type TestApp } from '../support/test-app';

type Coalition = { actors: { id: string }[] };
const coalitionOf = (coalitions: Coalition[], id: string) =>
  coalitions.findIndex((c) => c.actors.some((a) => a.id === id));

describe('analytics of the seed article', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  it('Louvain separates the Mexican side from the US government side, reproducibly', async () => {
    // rollup: statements on "strikes" and "unilateral strikes" count for their parent, the military
    // approach to the cartels, which is where Vigil's "not a military problem" sits.
    const res = await request(t.app)
      .get('/api/analytics/coalitions')
      .query({ rollup: 'true', seed: 7 })
      .expect(200);
    const { coalitions, modularity } = res.body;
    const mexican = ['claudia-sheinbaum', 'gustavo-flores-macias', 'mike-vigil'].map((id) =>
      coalitionOf(coalitions, id),
    );
    const us = ['pete-hegseth', 'us-government', 'ronald-johnson'].map((id) => coalitionOf(coalitions, id));
    expect(new Set(mexican).size).toBe(1);
    expect(new Set(us).size).toBe(1);
    expect(mexican[0]).not.toBe(us[0]);
    expect(mexican[0]).toBeGreaterThanOrEqual(0);
    expect(modularity).toBeGreaterThan(0.3);
    const again = await request(t.app)
      .get('/api/analytics/coalitions')
      .query({ rollup: 'true', seed: 7 })
      .expect(200);
    expect(again.body).toEqual(res.body);

    // Without roll-up Vigil shares no topic with anyone; the two camps still come apart.
    const plain = (await request(t.app).get('/api/analytics/coalitions').expect(200)).body.coalitions;
    expect(coalitionOf(plain, 'claudia-sheinbaum')).toBe(coalitionOf(plain, 'gustavo-flores-macias'));
    expect(coalitionOf(plain, 'pete-hegseth')).toBe(coalitionOf(plain, 'ronald-johnson'));
    expect(coalitionOf(plain, 'claudia-sheinbaum')).not.toBe(coalitionOf(plain, 'us-government'));
  });

  it('ranks actors by degree, weighted degree, betweenness and PageRank', async () => {
    const res = await request(t.app).get('/api/analytics/centrality').expect(200);
    const sheinbaum = res.body.items.find((i: { id: string }) => i.id === 'claudia-sheinbaum');
    // She agrees with Flores-Macias (unilateral strikes) and with the US military and intelligence
    // services (surveillance flights): three ties, and the only path between the two groups she joins.
    expect(sheinbaum).toMatchObject({ name: 'Claudia Sheinbaum', degree: 3, weightedDegree: 3 });
    expect(sheinbaum.betweenness).toBeGreaterThan(0);
    const ranks = res.body.items.map((i: { pagerank: number }) => i.pagerank);
    expect(ranks.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1);
  });

  it('ranks the signed net network too: PageRank walks only its positive ties', async () => {
    // Actors whose every tie is a clash (negative net) once made PageRank divide 0 by 0 and fail (500).
    const res = await request(t.app).get('/api/analytics/centrality').query({ network: 'net' }).expect(200);
    const ranks = res.body.items.map((i: { pagerank: number }) => i.pagerank);
    expect(ranks.every((rank: number) => Number.isFinite(rank))).toBe(true);
    expect(ranks.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1);
  });

  it('measures polarization per topic: unilateral strikes split the actors two against two', async () => {
    const res = await request(t.app).get('/api/analytics/polarization').expect(200);
    const unilateral = res.body.items.find(
      (i: { topic: { id: string } }) => i.topic.id === 'unilateral-us-strikes-in-mexico',
    );
    expect(unilateral).toMatchObject({ support: 2, oppose: 2, polarization: 1 });
    expect(unilateral.opponents.map((a: { id: string }) => a.id)).toEqual([
      'claudia-sheinbaum',
      'gustavo-flores-macias',
    ]);
    const surveillance = res.body.items.find(
      (i: { topic: { id: string } }) => i.topic.id === 'us-surveillance-flights-over-mexico',
    );
    expect(surveillance).toMatchObject({ support: 3, oppose: 0, polarization: 0 });
  });

  it('finds bridging actors whose agreement reaches into another coalition', async () => {
    const res = await request(t.app).get('/api/analytics/bridges').query({ resolution: 2 }).expect(200);
    for (const item of res.body.items) {
      expect(item.coalitionsReached).toBeGreaterThanOrEqual(2);
      expect(item.participation).toBeGreaterThan(0);
    }
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain('claudia-sheinbaum');
  });
});

describe('ego networks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const keys = async (query: Record<string, string | number>) =>
    (await request(t.app).get('/api/network').query(query).expect(200)).body.nodes
      .map((n: { key: string }) => n.key)
      .sort();

  it('cuts the network around one actor, capping depth and fan-out', async () => {
    expect(await keys({ kind: 'agreement', ego: 'claudia-sheinbaum' })).toEqual([
      'claudia-sheinbaum',
      'gustavo-flores-macias',
      'us-intelligence-services',
      'us-military',
    ]);
    expect(await keys({ kind: 'agreement', ego: 'claudia-sheinbaum', fanout: 1 })).toHaveLength(2);
    expect(await keys({ kind: 'conflict', ego: 'gustavo-flores-macias', depth: 2 })).toEqual(
      expect.arrayContaining([
        'gustavo-flores-macias',
        'us-government',
        'ronald-johnson',
        'claudia-sheinbaum',
      ]),
    );
    expect(await keys({ kind: 'agreement', ego: 'nbc-news' })).toEqual(['nbc-news']);
    await request(t.app).get('/api/network').query({ ego: 'nobody-at-all' }).expect(404);
    const deep = await request(t.app)
      .get('/api/network')
      .query({ ego: 'claudia-sheinbaum', depth: 9 })
      .expect(422);
    expect(deep.body.errors[0].field).toBe('depth');
  });
});

describe('stance changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const base = {
    intensity: 0.5,
    datePrecision: 'day',
    confidence: 1,
    method: 'manual',
    reviewStatus: 'accepted',
  } as const;

  it('finds a flip when an actor changes sides between two dated statements, with both as evidence', async () => {
    const later: Statement = {
      ...base,
      id: 'st-johnson-rules-out-unilateral-action',
      actorId: 'ronald-johnson',
      topicId: 'unilateral-us-strikes-in-mexico',
      polarity: 'oppose',
      statedAt: '2025-09-15',
      quote: 'Any action will be coordinated with the Mexican government',
    };
    await t.store.upsertSnapshot({ statements: [later] });
    const res = await request(t.app).get('/api/analytics/stance-changes').expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      actor: { id: 'ronald-johnson', name: 'Ronald Johnson' },
      topic: { id: 'unilateral-us-strikes-in-mexico' },
      from: 'support',
      to: 'oppose',
      before: { id: 'st-johnson-does-not-rule-out-uncoordinated-deployment', statedAt: '2025-04-10' },
      after: { id: later.id, statedAt: '2025-09-15', quote: later.quote },
    });
    // The window decides which statements count: before the second one there is no flip.
    const earlier = await request(t.app)
      .get('/api/analytics/stance-changes')
      .query({ to: '2025-06-30' })
      .expect(200);
    expect(earlier.body.items).toEqual([]);
    // A proposed statement is no evidence until reviewed, unless asked for.
    await t.store.upsertSnapshot({
      statements: [
        {
          ...later,
          id: 'st-johnson-back',
          polarity: 'support',
          statedAt: '2025-10-01',
          reviewStatus: 'proposed',
        },
      ],
    });
    expect((await request(t.app).get('/api/analytics/stance-changes').expect(200)).body.items).toHaveLength(
      1,
    );
    const all = await request(t.app)
      .get('/api/analytics/stance-changes')
      .query({ acceptedOnly: 'false', actor: 'ronald-johnson' })
      .expect(200);
    expect(all.body.items.map((i: { to: string }) => i.to)).toEqual(['oppose', 'support']);
  });
});
