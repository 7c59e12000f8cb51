import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/test-app';

type Network = { nodes: { key: string }[]; edges: { key: string; source: string; target: string }[] };

describe('measures and CSV on every network kind (seed article)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const get = async (url: string, query: Record<string, string> = {}) =>
    (await request(t.app).get(url).query(query).expect(200)).body;

  it('ranks centrality on the relations network, actors without stances included', async () => {
    const relations = (await get('/api/network', { kind: 'relations' })) as Network;
    const tied = new Set(relations.edges.flatMap((e) => [e.source, e.target]));
    const ranked = await get('/api/analytics/centrality', { network: 'relations' });
    expect(ranked.network).toBe('relations');
    const ids = new Set((ranked.items as { id: string }[]).map((i) => i.id));
    expect(ids).toEqual(tied);
    const onStances = await get('/api/analytics/centrality');
    expect(onStances.network).toBe('agreement');
    const stanceIds = new Set((onStances.items as { id: string }[]).map((i) => i.id));
    expect([...ids].some((id) => !stanceIds.has(id))).toBe(true);
  });

  it('finds coalitions on the affiliation network, organizations included', async () => {
    const affiliation = (await get('/api/network', { kind: 'affiliation' })) as Network;
    const answer = await get('/api/analytics/coalitions', { network: 'affiliation' });
    expect(answer.network).toBe('affiliation');
    const members = (answer.coalitions as { actors: { id: string }[] }[]).flatMap((c) =>
      c.actors.map((a) => a.id),
    );
    expect(new Set(members)).toEqual(new Set(affiliation.nodes.map((n) => n.key)));
    // Members mostly end up with their organization: most memberships fall inside a coalition.
    const coalitionOf = new Map(
      (answer.coalitions as { id: number; actors: { id: string }[] }[]).flatMap((c) =>
        c.actors.map((a) => [a.id, c.id] as const),
      ),
    );
    const inside = affiliation.edges.filter((e) => coalitionOf.get(e.source) === coalitionOf.get(e.target));
    expect(inside.length).toBeGreaterThan(affiliation.edges.length / 2);
    expect(answer.modularity).toBeGreaterThan(0);
  });

  it('refuses an unknown network kind for a measure with a problem naming the field', async () => {
    const res = await request(t.app)
      .get('/api/analytics/centrality')
      .query({ network: 'friends' })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toContain('network');
  });

  it('gives an edge table for format=csv on relation and affiliation networks', async () => {
    for (const kind of ['relations', 'affiliation']) {
      const json = (await get('/api/network', { kind })) as Network;
      const res = await request(t.app).get('/api/network').query({ kind, format: 'csv' }).expect(200);
      const rows = parse(res.text, { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual(
        expect.arrayContaining(['source', 'target', 'type', 'date', 'quote', 'document_id']),
      );
      expect(rows.map((r) => r.id).sort()).toEqual(json.edges.map((e) => e.key).sort());
      for (const row of rows) {
        const edge = json.edges.find((e) => e.key === row.id)!;
        expect([row.source, row.target]).toEqual([edge.source, edge.target]);
      }
    }
    const relationRows = parse(
      (await request(t.app).get('/api/network').query({ kind: 'relations', format: 'csv' })).text,
      { columns: true },
    ) as Record<string, string>[];
    expect(relationRows.some((r) => r.quote !== '' || r.sentence !== '')).toBe(true);
    const affiliationRows = parse(
      (await request(t.app).get('/api/network').query({ kind: 'affiliation', format: 'csv' })).text,
      { columns: true },
    ) as Record<string, string>[];
    expect(new Set(affiliationRows.map((r) => r.type))).toEqual(new Set(['member_of']));
  });

  it('keeps the statements table for format=csv on discourse networks', async () => {
    const res = await request(t.app)
      .get('/api/network')
      .query({ kind: 'agreement', format: 'csv' })
      .expect(200);
    expect(res.text.split('\n')[0]).toMatch(/^statement_id,actor,actor_name,organization,topic/);
  });
});
