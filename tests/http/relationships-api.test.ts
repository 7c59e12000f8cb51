import request from 'supertest';
import { STORE_UNDER_TEST, startTestApp, type TestApp } from '../support/test-app';

type Reason = {
  kind: string;
  type?: string;
  topic?: { id: string };
  evidence: { quote?: string; sentence?: string; documentId?: string; date?: string }[];
};
type Counterpart = { actor: { id: string; name: string }; since?: string; reasons: Reason[] };

/** Relationship questions asked of the seed article, answered with evidence. */
describe('relationship questions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const opponentsOf = async (id: string, query: Record<string, string> = {}) =>
    (await request(t.app).get(`/api/actors/${id}/opponents`).query(query).expect(200)).body
      .items as Counterpart[];

  it("answers who opposes Claudia Sheinbaum, with the article's quotes as evidence", async () => {
    const opponents = await opponentsOf('claudia-sheinbaum');
    const ids = opponents.map((o) => o.actor.id);
    expect(ids).toEqual(expect.arrayContaining(['us-government', 'ronald-johnson']));
    const usGovernment = opponents.find((o) => o.actor.id === 'us-government')!;
    const quotes = usGovernment.reasons.flatMap((r) => r.evidence.map((e) => e.quote));
    expect(quotes).toContain('We reject any form of interference');
    for (const reason of usGovernment.reasons) {
      expect(['relation', 'stance']).toContain(reason.kind);
      for (const evidence of reason.evidence) {
        expect(evidence.documentId).toBe('us-drone-strikes-mexico-cartels-2025-04-10');
        expect(evidence.quote ?? evidence.sentence).toBeTruthy();
      }
    }
    const johnson = opponents.find((o) => o.actor.id === 'ronald-johnson')!;
    expect(
      johnson.reasons.some((r) => r.kind === 'stance' && r.topic?.id === 'unilateral-us-strikes-in-mexico'),
    ).toBe(true);
    expect(johnson.since).toBe('2025-04-10');
  });

  it('narrows opponents to one topic and to a time window', async () => {
    const onSurveillance = await opponentsOf('claudia-sheinbaum', {
      topic: 'us-surveillance-flights-over-mexico',
    });
    expect(onSurveillance).toEqual([]);
    const before2021 = await opponentsOf('claudia-sheinbaum', { to: '2020-12-31' });
    expect(before2021).toEqual([]);
    const trumpIn2020 = await opponentsOf('donald-trump', { to: '2020-12-31' });
    expect(trumpIn2020.map((o) => o.actor.id)).toEqual(['mexican-drug-cartels']);
    expect(trumpIn2020[0]!.reasons[0]!.evidence[0]!.quote).toBe('to destroy the drug labs');
  });

  it('finds opponents through relations pointing at the actor', async () => {
    const opponents = await opponentsOf('mexico');
    const hegseth = opponents.find((o) => o.actor.id === 'pete-hegseth');
    expect(hegseth?.reasons).toEqual([
      expect.objectContaining({ kind: 'relation', type: 'warns', direction: 'incoming' }),
    ]);
  });

  it('answers who sides with an actor', async () => {
    const res = await request(t.app).get('/api/actors/gustavo-flores-macias/allies').expect(200);
    const ids = res.body.items.map((a: Counterpart) => a.actor.id);
    expect(ids).toContain('claudia-sheinbaum');
    expect(res.body.total).toBe(ids.length);
  });

  it('answers opponents and allies a page at a time, by net score (opponents lowest first), with the total', async () => {
    for (const side of ['opponents', 'allies']) {
      const url = `/api/actors/us-government/${side}`;
      const all = (await request(t.app).get(url).expect(200)).body as {
        items: (Counterpart & { net: number })[];
        total: number;
      };
      expect(all.total).toBeGreaterThan(2);
      expect(all.items).toHaveLength(all.total);
      const sign = side === 'opponents' ? 1 : -1;
      for (let i = 1; i < all.items.length; i++) {
        const [before, after] = [all.items[i - 1]!, all.items[i]!];
        expect(sign * (after.net - before.net)).toBeGreaterThanOrEqual(0);
        if (before.net === after.net) expect(before.actor.id < after.actor.id).toBe(true);
      }
      const pages: Counterpart[] = [];
      for (let offset = 0; offset < all.total; offset += 2) {
        const page = await request(t.app).get(url).query({ limit: 2, offset }).expect(200);
        expect(page.body.total).toBe(all.total);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        pages.push(...page.body.items);
      }
      expect(pages).toEqual(all.items);
      const beyond = await request(t.app).get(url).query({ offset: all.total }).expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: all.total });
    }
  });

  it('refuses a page size beyond 1000, naming the field', async () => {
    const res = await request(t.app)
      .get('/api/actors/us-government/opponents')
      .query({ limit: 1001 })
      .expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'limit', in: 'query' })]);
    await request(t.app).get('/api/actors/us-government/opponents').query({ limit: 1000 }).expect(200);
    await request(t.app).get('/api/actors/us-government/allies').query({ offset: -1 }).expect(422);
  });

  it('answers who supports US strikes in Mexico', async () => {
    const res = await request(t.app).get('/api/topics/us-strikes-on-cartels-in-mexico/positions').expect(200);
    const supporters = res.body.positions.support.map((p: { actor: { id: string } }) => p.actor.id);
    expect(supporters).toEqual(expect.arrayContaining(['pete-hegseth', 'us-government', 'donald-trump']));
    expect(res.body.counts.support).toBe(supporters.length);
    // Through the topic tree: Johnson supports the narrower unilateral case, Vigil opposes the broader
    // military approach (tests/http/topic-hierarchy-api.test.ts asks the rest).
    expect(supporters).toContain('ronald-johnson');
    expect(res.body.positions.oppose.map((p: { actor: { id: string } }) => p.actor.id)).toContain(
      'mike-vigil',
    );
  });

  it("shows an actor's stances over time, per topic", async () => {
    const res = await request(t.app).get('/api/actors/donald-trump/stances').expect(200);
    const strikes = res.body.topics.find(
      (topic: { topic: { id: string } }) => topic.topic.id === 'us-strikes-on-cartels-in-mexico',
    );
    const dates = strikes.statements.map((s: { statedAt: string }) => s.statedAt);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe('2020-01-01');
    expect(strikes.current.statedAt).toBe('2025-04-10');
  });

  it('lists every opposing pair with reasons, paged', async () => {
    const all = await request(t.app).get('/api/oppositions').query({ limit: 500 }).expect(200);
    expect(all.body.total).toBe(all.body.items.length);
    const pairKeys = all.body.items.map((p: { actors: { id: string }[] }) =>
      p.actors.map((a) => a.id).join('|'),
    );
    expect(pairKeys).toContain('claudia-sheinbaum|us-government');
    expect(new Set(pairKeys).size).toBe(pairKeys.length);
    const page = await request(t.app).get('/api/oppositions').query({ limit: 2, offset: 1 }).expect(200);
    expect(page.body.items).toEqual(all.body.items.slice(1, 3));
  });

  it('finds the shortest chains between two actors', async () => {
    const res = await request(t.app)
      .get('/api/paths')
      .query({ from: 'mike-vigil', to: 'claudia-sheinbaum', maxDepth: 6 })
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    for (const path of res.body.paths) {
      expect(path.hops).toHaveLength(res.body.length);
      expect(path.hops[0].from.id).toBe('mike-vigil');
      expect(path.hops[path.hops.length - 1].to.id).toBe('claudia-sheinbaum');
    }
    const capped = await request(t.app)
      .get('/api/paths')
      .query({ from: 'mike-vigil', to: 'claudia-sheinbaum', maxDepth: 1 })
      .expect(200);
    expect(capped.body).toMatchObject({ length: null, paths: [] });
  });

  it("serves each network in graphology's serialized format", async () => {
    for (const kind of ['relations', 'agreement', 'conflict', 'affiliation', 'actor-topic']) {
      const res = await request(t.app).get('/api/network').query({ kind }).expect(200);
      expect(res.body).toMatchObject({
        options: expect.any(Object),
        nodes: expect.any(Array),
        edges: expect.any(Array),
      });
      const keys = new Set(res.body.nodes.map((n: { key: string }) => n.key));
      for (const edge of res.body.edges) {
        expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
      }
      expect(res.body.edges.length).toBeGreaterThan(0);
    }
    const conflict = await request(t.app).get('/api/network').query({ kind: 'conflict' }).expect(200);
    const edge = conflict.body.edges.find(
      (e: { source: string; target: string }) =>
        [e.source, e.target].sort().join('|') === 'claudia-sheinbaum|us-government',
    );
    expect(edge.attributes).toMatchObject({ tone: 'hostile', derived: true, weight: 1 });
    const hostileOnly = await request(t.app)
      .get('/api/network')
      .query({ kind: 'relations', types: 'warns' })
      .expect(200);
    expect(hostileOnly.body.edges.map((e: { attributes: { type: string } }) => e.attributes.type)).toEqual([
      'warns',
    ]);
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas, and a docs page', async () => {
    const res = await request(t.app).get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/actors',
        '/api/actors/{id}/opponents',
        '/api/paths',
        '/api/network',
        '/health',
      ]),
    );
    expect(res.body.components.schemas.Statement.properties.polarity.enum).toEqual([
      'support',
      'oppose',
      'neutral',
      'mixed',
    ]);
    const docs = await request(t.app).get('/api/docs/').expect(200);
    expect(docs.text).toMatch(/swagger-ui/i);
  });

  it('reports its health, naming the backend under test', async () => {
    await request(t.app)
      .get('/health')
      .expect(200, { status: 'ok', store: { ok: true, backend: STORE_UNDER_TEST } });
  });
});
