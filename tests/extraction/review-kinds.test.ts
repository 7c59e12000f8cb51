import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { type Config } from '../../src/config/config';
import type { GraphStore } from '../../src/store/graph-store';
import { startTestApp } from '../support/test-app';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../fixtures/extraction', `${name}.txt`), 'utf8');
/** "Defense Secretary Pete Hegseth" and "Mexican President Claudia Sheinbaum": roles that are affiliations. */
const TAG24 = fixture('tag24-2025-10-sheinbaum-pacific-strikes');
/** Petro and Maduro with their offices; several proposed topics, some used by a single statement. */
const CARIBBEAN = fixture('caribbeanfocus-2025-10-petro-trump-fisherman');
const SEED_ARTICLE = readFileSync(
  path.join(__dirname, '../../seed/documents/us-drone-strikes-mexico-cartels-2025-04-10.txt'),
  'utf8',
);

interface Proposal {
  id: string;
  reviewStatus?: string;
  [field: string]: unknown;
}
interface Extractions {
  statements: (Proposal & { actorId: string; topicId: string; confidence: number })[];
  relations: Proposal[];
  actors: Proposal[];
  topics: Proposal[];
  affiliations: (Proposal & { memberId: string; organizationId: string; role?: string })[];
}

let store: GraphStore;
afterEach(async () => {
  await store?.close();
});

async function ingest(text: string, config: Partial<Config> = {}) {
  const started = await startTestApp({ config });
  store = started.store;
  const app = started.app;
  const res = await request(app)
    .post('/api/documents?wait=true')
    .send({ title: 'ingested', text })
    .expect(201);
  const id = res.body.id as string;
  const extractions = async (query = ''): Promise<Extractions> =>
    (await request(app).get(`/api/documents/${id}/extractions${query}`).expect(200)).body;
  const review = (kind: string, proposalId: string, body: object) =>
    request(app).post(`/api/documents/${id}/extractions/${kind}/${proposalId}/review`).send(body);
  return { app, id, extractions, review, list: await extractions() };
}

const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

it('writes only proposed actors that a listed claim or affiliation names, so each can be reviewed', async () => {
  for (const text of [TAG24, CARIBBEAN, SEED_ARTICLE]) {
    const { app, list } = await ingest(text);
    const proposed = (await request(app).get('/api/actors?reviewStatus=proposed&limit=500').expect(200)).body
      .items as Proposal[];
    expect(proposed.length).toBeGreaterThan(0);
    expect(ids(list.actors)).toEqual(expect.arrayContaining(ids(proposed)));
    await store.close();
  }
});

describe('proposed topics and affiliations', () => {
  it('are written for review with their extractor, and listed by review status', async () => {
    const { app, list } = await ingest(TAG24);
    expect(list.topics.length).toBeGreaterThan(0);
    for (const topic of list.topics) {
      expect(topic).toMatchObject({ reviewStatus: 'proposed', extractor: { name: 'stancegraph-rules' } });
    }
    const hegseth = list.affiliations.find((a) => a.memberId === 'pete-hegseth');
    expect(hegseth).toMatchObject({
      organizationId: 'united-states',
      role: 'Defense Secretary',
      reviewStatus: 'proposed',
      extractor: { name: 'stancegraph-rules' },
    });
    expect(ids(list.actors)).toEqual(expect.arrayContaining(['pete-hegseth', 'united-states']));

    const proposedTopics = await request(app).get('/api/topics?reviewStatus=proposed').expect(200);
    expect(ids(proposedTopics.body.items)).toEqual(ids(list.topics));
    const proposedAffiliations = await request(app)
      .get('/api/affiliations?reviewStatus=proposed')
      .expect(200);
    expect(ids(proposedAffiliations.body.items)).toEqual(ids(list.affiliations));
    const proposedActors = await request(app).get('/api/actors?reviewStatus=proposed').expect(200);
    // The document's claims and affiliations name only some of the actors proposed from its text.
    expect(ids(proposedActors.body.items)).toEqual(expect.arrayContaining(ids(list.actors)));
    for (const actor of proposedActors.body.items) expect(actor.reviewStatus).toBe('proposed');
    const bad = await request(app).get('/api/actors?reviewStatus=maybe').expect(422);
    expect(JSON.stringify(bad.body)).toContain('reviewStatus');
  });

  it('leave hand-entered topics and affiliations as they were, counted as accepted', async () => {
    const { app } = await ingest(TAG24);
    const topic = { title: 'US military strikes on drug boats in the Pacific' };
    const created = await request(app).post('/api/topics').send(topic).expect(201);
    expect(created.body).toEqual({ id: 'us-military-strikes-on-drug-boats-in-the-pacific', ...topic });
    const member = await request(app)
      .post('/api/affiliations')
      .send({ memberId: 'pete-hegseth', organizationId: 'united-states', role: 'Secretary of War' })
      .expect(201);
    expect(member.body.reviewStatus).toBeUndefined();

    const accepted = await request(app).get('/api/topics?reviewStatus=accepted').expect(200);
    expect(accepted.body.items).toEqual([created.body]);
    const acceptedAffiliations = await request(app)
      .get('/api/affiliations?reviewStatus=accepted')
      .expect(200);
    expect(acceptedAffiliations.body.items).toEqual([member.body]);
    const patched = await request(app)
      .patch(`/api/topics/${created.body.id}`)
      .send({ description: 'Operation Southern Spear' })
      .expect(200);
    expect(patched.body).toEqual({ ...created.body, description: 'Operation Southern Spear' });
  });

  it('are auto-accepted with the claims that rest on them, and otherwise wait', async () => {
    const { list } = await ingest(SEED_ARTICLE, { extraction: { extractor: 'rules', autoAcceptAbove: 0.5 } });
    const accepted = list.statements.filter((s) => s.reviewStatus === 'accepted');
    expect(accepted.length).toBeGreaterThan(0);
    for (const topic of list.topics) {
      const onIt = list.statements.filter((s) => s.topicId === topic.id);
      const expected = onIt.some((s) => s.reviewStatus === 'accepted') ? 'accepted' : 'proposed';
      expect({ topic: topic.id, status: topic.reviewStatus }).toEqual({ topic: topic.id, status: expected });
      if (expected === 'accepted') expect(topic.reviewedBy).toBe('auto-accept');
    }
    expect(list.affiliations.length).toBeGreaterThan(0);
    for (const affiliation of list.affiliations) expect(affiliation.reviewStatus).toBe('proposed');
  });
});

describe('reviewing topics', () => {
  it('accepting a statement accepts its proposed topic, which can then no longer be rejected', async () => {
    const { list, review } = await ingest(TAG24);
    const statement = list.statements[0]!;
    const res = await review('statements', statement.id, { action: 'accept', reviewer: 'ana' }).expect(200);
    expect(res.body.topics).toEqual([
      expect.objectContaining({ id: statement.topicId, reviewStatus: 'accepted', reviewedBy: 'ana' }),
    ]);
    expect((await store.get('topics', statement.topicId))?.reviewStatus).toBe('accepted');

    const refused = await review('topics', statement.topicId, { action: 'reject', reviewer: 'ana' }).expect(
      409,
    );
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toContain('accepted statement');
    expect((await store.get('topics', statement.topicId))?.reviewStatus).toBe('accepted');
  });

  it('rejecting a topic rejects the pending statements on it, and none can be accepted on it after', async () => {
    const { list, review, extractions } = await ingest(CARIBBEAN);
    const topic = list.topics.find((t) => list.statements.filter((s) => s.topicId === t.id).length > 1)!;
    const onTopic = list.statements.filter((s) => s.topicId === topic.id);
    const res = await review('topics', topic.id, { action: 'reject', reviewer: 'ana' }).expect(200);
    expect(res.body.topics).toEqual([expect.objectContaining({ id: topic.id, reviewStatus: 'rejected' })]);
    expect(ids(res.body.statements)).toEqual(ids(onTopic));
    for (const s of res.body.statements)
      expect(s).toMatchObject({ reviewStatus: 'rejected', reviewedBy: 'ana' });

    const pending = await extractions('?reviewStatus=proposed');
    expect(pending.statements.filter((s) => s.topicId === topic.id)).toEqual([]);
    expect(ids(pending.topics)).not.toContain(topic.id);
    const rejected = await extractions('?reviewStatus=rejected');
    expect(ids(rejected.topics)).toEqual([topic.id]);

    const again = await review('statements', onTopic[0]!.id, { action: 'accept', reviewer: 'bo' }).expect(
      409,
    );
    expect(JSON.stringify(again.body)).toContain('topicId');
    expect((await store.get('statements', onTopic[0]!.id))?.reviewStatus).toBe('rejected');
  });

  it('a rejected statement takes its invented topic along only when no other statement stands on it', async () => {
    const { list, review } = await ingest(CARIBBEAN);
    const countOn = (topicId: string) => list.statements.filter((s) => s.topicId === topicId).length;
    const lonely = list.topics.find((t) => countOn(t.id) === 1)!;
    const shared = list.topics.find((t) => countOn(t.id) > 1)!;

    const single = list.statements.find((s) => s.topicId === lonely.id)!;
    const res = await review('statements', single.id, { action: 'reject', reviewer: 'ana' }).expect(200);
    expect(res.body.topics).toEqual([expect.objectContaining({ id: lonely.id, reviewStatus: 'rejected' })]);

    const [first, ...rest] = list.statements.filter((s) => s.topicId === shared.id);
    const partial = await review('statements', first!.id, { action: 'reject', reviewer: 'ana' }).expect(200);
    expect(partial.body.topics).toEqual([]);
    expect((await store.get('topics', shared.id))?.reviewStatus).toBe('proposed');
    for (const s of rest) await review('statements', s.id, { action: 'reject', reviewer: 'ana' }).expect(200);
    expect((await store.get('topics', shared.id))?.reviewStatus).toBe('rejected');
  });

  it('an edit corrects the title and accepts; a bad edit names the field and changes nothing', async () => {
    const { list, review } = await ingest(TAG24);
    const topic = list.topics[0]!;
    const bad = await review('topics', topic.id, {
      action: 'edit',
      reviewer: 'ana',
      changes: { title: '', parentId: 'no-such-topic' },
    }).expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('parentId');
    const badTitle = await review('topics', topic.id, {
      action: 'edit',
      reviewer: 'ana',
      changes: { title: '' },
    }).expect(422);
    expect(JSON.stringify(badTitle.body)).toContain('title');
    expect(await store.get('topics', topic.id)).toEqual(topic);

    const title = 'US strikes on drug boats in the Pacific';
    const res = await review('topics', topic.id, {
      action: 'edit',
      reviewer: 'ana',
      changes: { title },
    }).expect(200);
    expect(res.body.topics[0]).toMatchObject({
      id: topic.id,
      title,
      reviewStatus: 'accepted',
      reviewOutcome: 'edited',
    });
    // Accepting the topic vouches for the topic only, not for the claims made on it.
    expect(res.body.statements).toEqual([]);
  });

  it('refuses to review a topic entered by hand, and a proposal of an unknown document', async () => {
    const { app, list, review } = await ingest(TAG24);
    await request(app)
      .post('/api/topics')
      .send({ id: 'hand-made', title: 'A topic entered by hand' })
      .expect(201);
    await review('topics', 'hand-made', { action: 'accept', reviewer: 'ana' }).expect(409);
    await review('topics', 'no-such-topic', { action: 'accept', reviewer: 'ana' }).expect(404);
    await request(app)
      .post(`/api/documents/no-such-document/extractions/topics/${list.topics[0]!.id}/review`)
      .send({ action: 'accept', reviewer: 'ana' })
      .expect(404);
    const unknownKind = await review('subjects', list.topics[0]!.id, { action: 'accept', reviewer: 'ana' });
    expect(unknownKind.status).toBe(422);
    expect(JSON.stringify(unknownKind.body)).toContain('kind');
  });
});

describe('reviewing affiliations', () => {
  it('accepting one accepts its proposed actors and lets paths and the affiliation network use it', async () => {
    const { app, list, review } = await ingest(TAG24);
    const affiliation = list.affiliations.find((a) => a.memberId === 'pete-hegseth')!;
    const between = `/api/paths?from=pete-hegseth&to=united-states`;
    expect((await request(app).get(between).expect(200)).body.paths).toEqual([]);
    const network = async () =>
      (await request(app).get('/api/network?kind=affiliation').expect(200)).body.edges.map(
        (e: { key: string }) => e.key,
      );
    expect(await network()).toEqual([]);

    const res = await review('affiliations', affiliation.id, { action: 'accept', reviewer: 'ana' }).expect(
      200,
    );
    expect(res.body.affiliations).toEqual([
      expect.objectContaining({ id: affiliation.id, reviewStatus: 'accepted', reviewedBy: 'ana' }),
    ]);
    expect(ids(res.body.actors)).toEqual(['pete-hegseth', 'united-states']);
    for (const actor of res.body.actors)
      expect(actor).toMatchObject({ reviewStatus: 'accepted', reviewOutcome: 'accepted' });

    const paths = (await request(app).get(between).expect(200)).body.paths;
    expect(paths).toHaveLength(1);
    expect(paths[0].hops[0].edge).toMatchObject({
      kind: 'affiliation',
      id: affiliation.id,
      role: 'Defense Secretary',
    });
    expect(await network()).toEqual([affiliation.id]);
  });

  it('rejecting an actor rejects its pending affiliations; accepting one on a rejected actor is refused', async () => {
    const { app, list, review, extractions } = await ingest(TAG24);
    const affiliation = list.affiliations.find((a) => a.memberId === 'pete-hegseth')!;
    const res = await review('actors', 'pete-hegseth', { action: 'reject', reviewer: 'ana' }).expect(200);
    expect(res.body.affiliations).toEqual([
      expect.objectContaining({ id: affiliation.id, reviewStatus: 'rejected', reviewedBy: 'ana' }),
    ]);
    const rejected = await request(app).get('/api/affiliations?reviewStatus=rejected').expect(200);
    expect(ids(rejected.body.items)).toEqual([affiliation.id]);
    expect(ids((await extractions('?reviewStatus=rejected')).affiliations)).toEqual([affiliation.id]);

    const refused = await review('affiliations', affiliation.id, { action: 'accept', reviewer: 'bo' }).expect(
      409,
    );
    expect(JSON.stringify(refused.body)).toContain('memberId');
    expect((await store.get('affiliations', affiliation.id))?.reviewStatus).toBe('rejected');
    expect((await store.get('actors', 'united-states'))?.reviewStatus).toBe('proposed');
  });

  it('an edit corrects the role; an unknown organization is named and nothing is written', async () => {
    const { list, review } = await ingest(TAG24);
    const affiliation = list.affiliations.find((a) => a.memberId === 'pete-hegseth')!;
    const bad = await review('affiliations', affiliation.id, {
      action: 'edit',
      reviewer: 'ana',
      changes: { organizationId: 'no-such-actor' },
    }).expect(422);
    expect(JSON.stringify(bad.body)).toContain('organizationId');
    const period = await review('affiliations', affiliation.id, {
      action: 'edit',
      reviewer: 'ana',
      changes: { from: '2025-12-01', to: '2025-01-20' },
    }).expect(422);
    expect(JSON.stringify(period.body)).toContain('from');
    expect(await store.get('affiliations', affiliation.id)).toEqual(affiliation);
    expect((await store.get('actors', 'united-states'))?.reviewStatus).toBe('proposed');

    const res = await review('affiliations', affiliation.id, {
      action: 'edit',
      reviewer: 'ana',
      changes: { role: 'Secretary of Defense', from: '2025-01-25' },
    }).expect(200);
    expect(res.body.affiliations[0]).toMatchObject({
      role: 'Secretary of Defense',
      from: '2025-01-25',
      reviewStatus: 'accepted',
      reviewOutcome: 'edited',
    });
  });

  it('a proposed affiliation is not proposed again once the two actors are linked', async () => {
    const { app, id, list } = await ingest(TAG24);
    const affiliation = list.affiliations.find((a) => a.memberId === 'pete-hegseth')!;
    await request(app).delete(`/api/affiliations/${affiliation.id}`).expect(204);
    await request(app)
      .post('/api/affiliations')
      .send({ memberId: 'pete-hegseth', organizationId: 'united-states', role: 'Secretary of War' })
      .expect(201);
    const rerun = await request(app).post(`/api/documents/${id}/extractions`).expect(200);
    expect(rerun.body.extraction.written.affiliations).toBe(0);
    const linked = await request(app).get('/api/affiliations?memberId=pete-hegseth').expect(200);
    expect(linked.body.items.map((a: { role: string }) => a.role)).toEqual(['Secretary of War']);
  });
});
