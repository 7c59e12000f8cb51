import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/** Global News on Sheinbaum and drone strikes: proposes "Trump administration", the seed's US government. */
const GLOBAL_NEWS = readFileSync(
  path.join(__dirname, '../fixtures/extraction/globalnews-2025-04-sheinbaum-drone-strikes.txt'),
  'utf8',
);
const ANA = 'ana-key-0123456789abcdef00';

interface Event {
  id: string;
  by: string;
  action: string;
  kind: string;
  recordId: string;
  reason?: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  causedBy?: string;
}

const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

/** Issue 15, item 5: merging two actors or topics, and splitting an alias off, each one write with its history. */
describe('merging and splitting', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ seed: true, config: { apiKeys: [{ name: 'ana', key: ANA }] } });
  });
  afterEach(() => t.store.close());

  const post = (url: string, body: object, key: string | null = ANA) => {
    const req = request(t.app).post(`/api${url}`);
    return (key ? req.set('Authorization', `Bearer ${key}`) : req).send(body);
  };
  const get = async (url: string) => (await request(t.app).get(`/api${url}`).expect(200)).body;
  const all = async (kind: string, filter: string) => (await get(`/${kind}?${filter}&limit=500`)).items;

  async function ingestGlobalNews(): Promise<string> {
    const res = await post('/documents?wait=true', {
      title: 'Sheinbaum rejects drone strikes',
      text: GLOBAL_NEWS,
      publishedAt: '2025-04-11',
    }).expect(201);
    return res.body.id;
  }

  it('merges an actor found under a second name into the first, moving its claims, and splits it off again', async () => {
    await ingestGlobalNews();
    const duplicate = await get('/actors/trump-administration');
    // Its own claims, and the claims about it or relayed by it: all of them move.
    const naming = async (kind: string, fields: string[]) =>
      [
        ...new Map(
          (await Promise.all(fields.map((f) => all(kind, `${f}=trump-administration`))))
            .flat()
            .map((r: { id: string }) => [r.id, r]),
        ).values(),
      ] as { id: string }[];
    const statements = await naming('statements', ['actorId', 'aboutId', 'reportedById']);
    const relations = await naming('relations', ['actorId', 'reportedById']);
    expect(statements.length).toBeGreaterThan(0);
    expect(relations.length).toBeGreaterThan(0);
    const governmentBefore = await get('/actors/us-government');

    const merged = await post('/actors/us-government/merge', {
      from: 'trump-administration',
      reason: 'the administration is the government the article means',
    });
    expect(merged.status).toBe(200);
    const actor = merged.body.actor;
    expect(actor.name).toBe('US government');
    // Its name and aliases join once each, ignoring case; the government's own come first.
    expect(actor.aliases.slice(0, governmentBefore.aliases.length)).toEqual(governmentBefore.aliases);
    expect(actor.aliases).toEqual(expect.arrayContaining(['Trump administration', ...duplicate.aliases]));
    const lower = actor.aliases.map((a: string) => a.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(lower).not.toContain('us government');
    expect(await get('/actors/us-government')).toEqual(actor);
    expect((await request(t.app).get('/api/actors/trump-administration')).status).toBe(404);
    const { moved } = merged.body as { moved: Record<string, string[]> };
    expect({
      statements: [...moved.statements!].sort(),
      relations: [...moved.relations!].sort(),
      affiliations: moved.affiliations,
    }).toEqual({ statements: ids(statements), relations: ids(relations), affiliations: [] });
    for (const field of ['actorId', 'aboutId', 'reportedById'])
      expect(await all('statements', `${field}=trump-administration`)).toEqual([]);
    for (const statement of await all('statements', 'actorId=us-government'))
      expect(statement.actorId).toBe('us-government');
    const movedRelations = await Promise.all(relations.map((r: { id: string }) => get(`/relations/${r.id}`)));
    for (const relation of movedRelations) {
      expect([relation.sourceId, relation.targetId]).toContain('us-government');
      expect([relation.sourceId, relation.targetId]).not.toContain('trump-administration');
    }

    // One event per changed record, by the key's holder, the moved ones and the removed actor following from the first.
    const history = merged.body.history as Event[];
    expect(history).toHaveLength(2 + statements.length + relations.length);
    const [root] = history;
    expect(root).toMatchObject({ kind: 'actors', recordId: 'us-government', action: 'merged', by: 'ana' });
    expect(root!.before).toEqual(governmentBefore);
    for (const event of history.slice(1))
      expect(event).toMatchObject({ action: 'merged', causedBy: root!.id });
    const removed = await get('/actors/trump-administration/history');
    expect(removed.items).toEqual([history[history.length - 1]]);
    expect(removed.items[0]).toMatchObject({ before: duplicate, after: null });
    expect((await get(`/statements/${statements[0]!.id}/history`)).items[0]).toMatchObject({
      before: { actorId: 'trump-administration' },
      after: { actorId: 'us-government' },
    });

    // Undone by a split: the alias becomes its own actor again, with the records listed.
    const split = await post('/actors/us-government/split', {
      alias: 'trump administration',
      newId: 'trump-administration',
      statements: ids(statements),
      relations: ids(relations),
      reason: 'kept apart after all',
    });
    expect(split.status).toBe(201);
    expect(split.headers.location).toBe('/api/actors/trump-administration');
    expect(split.body.actor).toEqual({
      id: 'trump-administration',
      name: 'Trump administration',
      aliases: [],
      kind: 'government',
      country: 'US',
    });
    expect(split.body.source.aliases).not.toContain('Trump administration');
    expect(ids(await naming('statements', ['actorId', 'aboutId', 'reportedById']))).toEqual(ids(statements));
    expect(ids(await naming('relations', ['actorId', 'reportedById']))).toEqual(ids(relations));
    const splitEvents = split.body.history as Event[];
    expect(splitEvents.map((e) => [e.action, e.kind, e.recordId])).toEqual([
      ['split', 'actors', 'us-government'],
      ['split', 'actors', 'trump-administration'],
      ...ids(statements).map((id) => ['split', 'statements', id]),
      ...ids(relations).map((id) => ['split', 'relations', id]),
    ]);
    // The removed actor's history reads on: merged away, then split off anew.
    expect((await get('/actors/trump-administration/history')).items.map((e: Event) => e.action)).toEqual([
      'merged',
      'split',
    ]);
  });

  it('refuses to merge two actors a relation joins, naming it, and changes nothing', async () => {
    const res = await post('/actors/us-military/merge', { from: 'us-intelligence-services' });
    expect(res.status).toBe(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toContain('rel-us-military-cooperates-with-us-intelligence-services');
    expect(res.body.errors[0]).toMatchObject({ field: 'from' });
    expect((await get('/actors/us-intelligence-services')).id).toBe('us-intelligence-services');
    expect((await get('/relations?actorId=us-intelligence-services')).total).toBeGreaterThan(0);
    expect((await get('/actors/us-military/history')).total).toBe(0);
    expect((await get('/actors/us-intelligence-services/history')).total).toBe(0);
  });

  it('refuses a merge into itself, from nothing or into nothing, and without a reviewer or a key', async () => {
    const self = await post('/actors/mike-vigil/merge', { from: 'mike-vigil' });
    expect(self.status).toBe(422);
    expect(self.body.errors[0]).toMatchObject({ field: 'from' });
    const unknown = await post('/actors/mike-vigil/merge', { from: 'no-such-actor' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'from' });
    expect((await post('/actors/no-such-actor/merge', { from: 'mike-vigil' })).status).toBe(404);
    expect((await post('/topics/no-such-topic/merge', { from: 'military-approach-to-cartels' })).status).toBe(
      404,
    );
    expect((await post('/actors/dea/merge', { from: 'mike-vigil' }, null)).status).toBe(401);
    const other = await post('/actors/dea/merge', { from: 'mike-vigil', reviewer: 'someone-else' });
    expect(other.status).toBe(422);
    expect(other.body.errors[0]).toMatchObject({ field: 'reviewer' });
    expect((await get('/actors/mike-vigil')).id).toBe('mike-vigil');
  });

  it('merges a proposed topic into the seed topic it means, and refuses one that would become its own ancestor', async () => {
    await ingestGlobalNews();
    const onIntervention = await all('statements', 'topicId=intervention');
    expect(onIntervention.length).toBeGreaterThan(0);
    const before = (await all('statements', 'topicId=unilateral-us-strikes-in-mexico')).length;
    const merged = await post('/topics/unilateral-us-strikes-in-mexico/merge', {
      from: 'intervention',
      reason: 'Sheinbaum means US strikes without consent',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.topic.id).toBe('unilateral-us-strikes-in-mexico');
    expect(merged.body.moved.statements).toEqual(ids(onIntervention));
    expect((await all('statements', 'topicId=unilateral-us-strikes-in-mexico')).length).toBe(
      before + onIntervention.length,
    );
    const removed = (await get('/topics/intervention/history')).items as Event[];
    expect(removed).toHaveLength(1);
    expect(removed[0]!.before).toMatchObject({ id: 'intervention', title: expect.any(String) });
    expect(removed[0]!.after).toBeNull();

    const cycle = await post('/topics/us-strikes-on-cartels-in-mexico/merge', {
      from: 'military-approach-to-cartels',
    });
    expect(cycle.status).toBe(409);
    expect(cycle.body.errors[0]).toMatchObject({ field: 'from' });
    expect((await get('/topics/military-approach-to-cartels')).id).toBe('military-approach-to-cartels');
  });

  it("merges a topic into its parent: its sub-topics, statements and relations become the parent's", async () => {
    const statements = await all('statements', 'topicId=us-strikes-on-cartels-in-mexico');
    const relations = await all('relations', 'topicId=us-strikes-on-cartels-in-mexico');
    const merged = await post('/topics/military-approach-to-cartels/merge', {
      from: 'us-strikes-on-cartels-in-mexico',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.moved).toEqual({
      statements: ids(statements),
      relations: ids(relations),
      topics: ['unilateral-us-strikes-in-mexico'],
    });
    expect((await get('/topics/unilateral-us-strikes-in-mexico')).parentId).toBe(
      'military-approach-to-cartels',
    );
    expect((await request(t.app).get('/api/topics/us-strikes-on-cartels-in-mexico')).status).toBe(404);
    const positions = await get('/topics/military-approach-to-cartels/positions');
    expect(JSON.stringify(positions)).toContain('pete-hegseth');
  });

  it('splits an alias off with the records chosen, whichever field names the actor, and leaves the rest', async () => {
    const { aliases } = await get('/actors/pete-hegseth');
    const split = await post('/actors/pete-hegseth/split', {
      alias: 'Defense Secretary Pete Hegseth',
      newId: 'defense-secretary',
      // His own statement, listed twice, and a relation he is the target of; not the relation he is the
      // source of, nor his affiliation.
      statements: ['st-hegseth-warns-of-military-operation', 'st-hegseth-warns-of-military-operation'],
      relations: ['rel-wsj-reports-on-hegseth'],
      reason: 'the office, not the person',
    });
    expect(split.status).toBe(201);
    expect(split.body.moved).toEqual({
      statements: ['st-hegseth-warns-of-military-operation'],
      relations: ['rel-wsj-reports-on-hegseth'],
      affiliations: [],
    });
    expect((split.body.history as Event[]).map((e) => [e.kind, e.recordId])).toEqual([
      ['actors', 'pete-hegseth'],
      ['actors', 'defense-secretary'],
      ['statements', 'st-hegseth-warns-of-military-operation'],
      ['relations', 'rel-wsj-reports-on-hegseth'],
    ]);
    expect(ids(await all('statements', 'actorId=defense-secretary'))).toEqual([
      'st-hegseth-warns-of-military-operation',
    ]);
    expect(await get('/relations/rel-wsj-reports-on-hegseth')).toMatchObject({
      sourceId: 'wall-street-journal',
      targetId: 'defense-secretary',
    });
    expect(ids(await all('relations', 'actorId=pete-hegseth'))).toEqual(['rel-hegseth-warns-mexico']);
    expect(ids(await all('affiliations', 'memberId=pete-hegseth'))).toEqual(['aff-hegseth-us-government']);
    expect(await all('affiliations', 'memberId=defense-secretary')).toEqual([]);
    expect((await get('/actors/pete-hegseth')).aliases).toEqual(
      aliases.filter((a: string) => a !== 'Defense Secretary Pete Hegseth'),
    );
  });

  it('splits only an alias of the actor, and moves only its own records', async () => {
    const notAlias = await post('/actors/pete-hegseth/split', { alias: 'Esper' });
    expect(notAlias.status).toBe(422);
    expect(notAlias.body.errors[0]).toMatchObject({ field: 'alias' });
    const foreign = await post('/actors/pete-hegseth/split', {
      alias: 'Defense Secretary Pete Hegseth',
      statements: ['st-hegseth-warns-of-military-operation', 'st-vigil-not-a-military-problem'],
      affiliations: ['no-such-affiliation'],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'statements.1',
      'affiliations.0',
    ]);
    const taken = await post('/actors/pete-hegseth/split', { alias: 'Hegseth', newId: 'mike-vigil' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0]).toMatchObject({ field: 'newId' });
    expect((await get('/actors/pete-hegseth/history')).total).toBe(0);
    expect((await get('/actors/pete-hegseth')).aliases).toContain('Defense Secretary Pete Hegseth');
  });
});
