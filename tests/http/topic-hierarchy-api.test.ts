import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

type Match = { kind: string; via?: { id: string } };
type Position = { actor: { id: string }; statement: { id: string; topicId: string }; match: Match };
type Reason = {
  kind: string;
  side: string;
  match: Match;
  topic?: { id: string };
  weight: number;
  evidence: { statementId?: string }[];
};
type Counterpart = {
  actor: { id: string };
  net: number;
  agreements: number;
  conflicts: number;
  reasons: Reason[];
};

/**
 * The seed's topic tree: military-approach-to-cartels > us-strikes-on-cartels-in-mexico >
 * unilateral-us-strikes-in-mexico. Questions as an analyst reading the article asks them.
 */
describe('the topic hierarchy, by entailment, in every answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const positions = async (query: Record<string, string> = {}) =>
    (
      await request(t.app)
        .get('/api/topics/us-strikes-on-cartels-in-mexico/positions')
        .query(query)
        .expect(200)
    ).body as { positions: Record<string, Position[]>; counts: Record<string, number> };
  const byId = (list: Position[]) => new Map(list.map((p) => [p.actor.id, p]));

  it('lists Vigil, Sheinbaum and Flores-Macias among those opposing US strikes in Mexico, each with how they matched', async () => {
    const { positions: p, counts } = await positions();
    const opposing = byId(p.oppose!);
    expect(opposing.get('mike-vigil')?.match).toEqual({
      kind: 'entailed',
      via: { id: 'military-approach-to-cartels', title: expect.any(String) },
    });
    expect(opposing.get('mike-vigil')?.statement.id).toBe('st-vigil-not-a-military-problem');
    for (const id of ['claudia-sheinbaum', 'gustavo-flores-macias'])
      expect(opposing.get(id)?.match).toEqual({
        kind: 'partial',
        via: { id: 'unilateral-us-strikes-in-mexico', title: expect.any(String) },
      });
    expect(counts.oppose).toBe(3);
  });

  it('lists Johnson among the supporters through the narrower case he supports; direct stances stay direct', async () => {
    const supporting = byId((await positions()).positions.support!);
    expect(supporting.get('ronald-johnson')?.match).toEqual({
      kind: 'entailed',
      via: { id: 'unilateral-us-strikes-in-mexico', title: expect.any(String) },
    });
    for (const id of ['us-government', 'donald-trump', 'pete-hegseth'])
      expect(supporting.get(id)?.match).toEqual({ kind: 'direct' });
    // The US government also supports the unilateral case: its direct stance is the one shown.
    expect(supporting.get('us-government')?.statement.topicId).toBe('us-strikes-on-cartels-in-mexico');
  });

  it('leaves partial positions out with match=entailed, and keeps direct ones only with match=direct', async () => {
    const entailed = await positions({ match: 'entailed' });
    expect(entailed.positions.oppose!.map((p) => p.actor.id)).toEqual(['mike-vigil']);
    expect(entailed.positions.support!.map((p) => p.actor.id)).toContain('ronald-johnson');
    const direct = await positions({ match: 'direct' });
    expect(direct.positions.oppose).toEqual([]);
    expect(direct.positions.support!.map((p) => p.actor.id).sort()).toEqual([
      'donald-trump',
      'pete-hegseth',
      'us-government',
    ]);
  });

  it('reads the broader proposition the same way: opposing a narrower case of it is only partial', async () => {
    const { positions: p } = (
      await request(t.app).get('/api/topics/military-approach-to-cartels/positions').expect(200)
    ).body as { positions: Record<string, Position[]> };
    expect(byId(p.oppose!).get('mike-vigil')?.match).toEqual({ kind: 'direct' });
    // Sheinbaum opposes only the unilateral case: that bears on the military approach partially, never entailed.
    expect(byId(p.oppose!).get('claudia-sheinbaum')?.match.kind).toBe('partial');
    expect(byId(p.support!).get('ronald-johnson')?.match.kind).toBe('entailed');
  });

  it('refuses an unknown match filter, naming the field', async () => {
    const res = await request(t.app)
      .get('/api/topics/us-strikes-on-cartels-in-mexico/positions')
      .query({ match: 'some' })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors[0].field).toBe('match');
  });

  const counterparts = async (
    actor: string,
    which: 'opponents' | 'allies',
    query: Record<string, string> = {},
  ) =>
    (await request(t.app).get(`/api/actors/${actor}/${which}`).query(query).expect(200)).body as {
      items: Counterpart[];
      total: number;
    };

  it("counts the US government, Trump, Hegseth and Johnson among Vigil's opponents, entailed via the military approach", async () => {
    const { items } = await counterparts('mike-vigil', 'opponents');
    const ids = items.map((c) => c.actor.id);
    expect(ids).toEqual(
      expect.arrayContaining(['us-government', 'donald-trump', 'pete-hegseth', 'ronald-johnson']),
    );
    const johnson = items.find((c) => c.actor.id === 'ronald-johnson')!;
    expect(johnson.reasons).toEqual([
      expect.objectContaining({
        kind: 'stance',
        side: 'conflict',
        topic: expect.objectContaining({ id: 'unilateral-us-strikes-in-mexico' }),
        match: expect.objectContaining({
          kind: 'entailed',
          via: expect.objectContaining({ id: 'military-approach-to-cartels' }),
        }),
      }),
    ]);
    // 1 (Vigil) x 0.8 (Johnson) x 0.75 (entailed)
    expect(johnson.reasons[0]!.weight).toBeCloseTo(0.6);
    expect(johnson.net).toBeCloseTo(-0.6);
    expect((await counterparts('mike-vigil', 'opponents', { match: 'direct' })).total).toBe(0);
  });

  it('treats supporting the broader proposition against opposing a narrower case as a partial conflict', async () => {
    const { items } = await counterparts('gustavo-flores-macias', 'opponents');
    const hegseth = items.find((c) => c.actor.id === 'pete-hegseth')!;
    expect(hegseth.reasons.map((r) => [r.side, r.match.kind, r.topic?.id, r.match.via?.id])).toEqual([
      ['conflict', 'partial', 'us-strikes-on-cartels-in-mexico', 'unilateral-us-strikes-in-mexico'],
    ]);
    const entailedOnly = await counterparts('gustavo-flores-macias', 'opponents', { match: 'entailed' });
    expect(entailedOnly.items.map((c) => c.actor.id)).not.toContain('pete-hegseth');
    // Flores-Macias and Vigil agree: Vigil's opposition to the military approach is carried down to unilateral strikes.
    const allies = await counterparts('gustavo-flores-macias', 'allies');
    expect(allies.items.map((c) => [c.actor.id, c.reasons[0]!.match.kind])).toContainEqual([
      'mike-vigil',
      'entailed',
    ]);
  });

  it('lists each ally with its conflicts beside its agreements, sorted by net score', async () => {
    const { items } = await counterparts('claudia-sheinbaum', 'allies');
    const military = items.find((c) => c.actor.id === 'us-military')!;
    // Both support the surveillance flights.
    expect(military.agreements).toBeGreaterThanOrEqual(1);
    const government = (await counterparts('claudia-sheinbaum', 'opponents')).items.find(
      (c) => c.actor.id === 'us-government',
    )!;
    expect(government.conflicts).toBeGreaterThanOrEqual(3);
    expect(government.net).toBeLessThan(0);
    for (const list of [items]) {
      const nets = list.map((c) => c.net);
      expect(nets).toEqual([...nets].sort((a, b) => b - a));
    }
    const opponents = (await counterparts('claudia-sheinbaum', 'opponents')).items.map((c) => c.net);
    expect(opponents).toEqual([...opponents].sort((a, b) => a - b));
    // An ally that also clashes shows both: every reason carries its side.
    for (const c of items) {
      expect(c.agreements + c.conflicts).toBe(c.reasons.length);
      expect(c.reasons.filter((r) => r.side === 'conflict')).toHaveLength(c.conflicts);
    }
  });

  it('finds opposing pairs through the tree, and narrows them to one topic', async () => {
    const { items } = (await request(t.app).get('/api/oppositions').query({ limit: 200 }).expect(200))
      .body as {
      items: { actors: { id: string }[]; reasons: Reason[] }[];
    };
    const pair = items.find(
      (p) =>
        p.actors
          .map((a) => a.id)
          .sort()
          .join() === 'mike-vigil,ronald-johnson',
    );
    expect(pair?.reasons.map((r) => r.match.kind)).toEqual(['entailed']);
    const direct = (
      await request(t.app).get('/api/oppositions').query({ limit: 200, match: 'direct' }).expect(200)
    ).body as { items: { actors: { id: string }[] }[] };
    expect(
      direct.items.map((p) =>
        p.actors
          .map((a) => a.id)
          .sort()
          .join(),
      ),
    ).not.toContain('mike-vigil,ronald-johnson');
  });

  it("shows in an actor's stance history what its stances entail on broader and narrower topics", async () => {
    const { topics } = (await request(t.app).get('/api/actors/ronald-johnson/stances').expect(200)).body as {
      topics: { topic: { id: string }; current: unknown; implied: { polarity: string; match: Match }[] }[];
    };
    const on = (id: string) => topics.find((x) => x.topic.id === id);
    expect(on('us-strikes-on-cartels-in-mexico')?.current).toBeNull();
    expect(on('us-strikes-on-cartels-in-mexico')?.implied).toEqual([
      {
        polarity: 'support',
        match: { kind: 'entailed', via: expect.objectContaining({ id: 'unilateral-us-strikes-in-mexico' }) },
        statement: expect.anything(),
      },
    ]);
    expect(on('military-approach-to-cartels')?.implied[0]?.match.kind).toBe('entailed');
  });
});

describe('networks and coalitions through the topic tree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const edgeKeys = async (query: Record<string, string>) =>
    (
      (await request(t.app).get('/api/network').query(query).expect(200)).body as {
        edges: { source: string; target: string }[];
      }
    ).edges.map((e) => [e.source, e.target].sort().join(' '));

  it('with rollup=true counts entailed stances only: opposing a narrower case is not opposing its parent', async () => {
    const conflicts = await edgeKeys({ kind: 'conflict', rollup: 'true' });
    // Vigil opposes the military approach; Trump's support of strikes is carried up to it.
    expect(conflicts).toContain('donald-trump mike-vigil');
    // Sheinbaum opposes only unilateral strikes; Trump supports strikes in general: a partial clash, not counted.
    expect(conflicts).not.toContain('claudia-sheinbaum donald-trump');
    // Vigil's opposition is carried down to unilateral strikes, where Sheinbaum and Flores-Macias oppose too.
    const agreements = await edgeKeys({ kind: 'agreement', rollup: 'true' });
    expect(agreements).toEqual(
      expect.arrayContaining(['claudia-sheinbaum mike-vigil', 'gustavo-flores-macias mike-vigil']),
    );
    expect(await edgeKeys({ kind: 'conflict' })).not.toContain('donald-trump mike-vigil');
  });

  it('with rollup=true draws a stance carried through the tree as an edge to each topic it bears on', async () => {
    const { body } = await request(t.app)
      .get('/api/network')
      .query({ kind: 'actor-topic', rollup: 'true' })
      .expect(200);
    const edges = (
      body as {
        edges: { key: string; source: string; target: string; attributes: { statementId: string } }[];
      }
    ).edges;
    const trump = edges.filter((e) => e.source === 'donald-trump');
    // His support of strikes on cartels counts on that topic and, carried up, on the military approach.
    expect(trump.map((e) => e.target)).toEqual(
      expect.arrayContaining(['topic:us-strikes-on-cartels-in-mexico', 'topic:military-approach-to-cartels']),
    );
    const carried = trump.filter((e) => e.target === 'topic:military-approach-to-cartels');
    const own = trump.find(
      (e) =>
        e.target === 'topic:us-strikes-on-cartels-in-mexico' &&
        e.attributes.statementId === carried[0]?.attributes.statementId,
    );
    expect(own).toBeDefined();
    expect(new Set(edges.map((e) => e.key)).size).toBe(edges.length);
  });

  it('runs coalitions on the signed net network by default, so actors tied only by relations take part', async () => {
    const net = (await request(t.app).get('/api/analytics/coalitions').expect(200)).body as {
      network: string;
      coalitions: { actors: { id: string }[] }[];
    };
    expect(net.network).toBe('net');
    const members = net.coalitions.flatMap((c) => c.actors.map((a) => a.id));
    expect(members).toEqual(expect.arrayContaining(['mexico', 'united-states']));
    const agreement = (
      await request(t.app).get('/api/analytics/coalitions').query({ network: 'agreement' }).expect(200)
    ).body as { network: string; coalitions: { actors: { id: string }[] }[] };
    expect(agreement.network).toBe('agreement');
    expect(agreement.coalitions.flatMap((c) => c.actors.map((a) => a.id))).not.toContain('mexico');
  });
});
