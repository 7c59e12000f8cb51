import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

const ALICE = 'alice-key-0123456789abcdef';
const BOB = 'bob-key-0123456789abcdef00';
/** Proposes the actor Tim Kaine with two statements, one of them on a topic of its own making. */
const KAINE =
  'Senator Tim Kaine criticized the strikes. "This is not legal," Kaine said in a statement on Friday.';

interface Event {
  id: string;
  at: string;
  by: string;
  action: string;
  kind: string;
  recordId: string;
  documentId?: string;
  reason?: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  causedBy?: string;
}

/** Issue 14, item 3: every review appended to a history, readable per record and per document. */
describe('review history', () => {
  let t: TestApp;
  let documentId: string;
  let reported: { id: string; topicId: string };
  let quoted: { id: string; topicId: string };
  beforeEach(async () => {
    t = await startTestApp({
      seed: true,
      config: {
        apiKeys: [
          { name: 'alice', key: ALICE },
          { name: 'bob', key: BOB },
        ],
      },
    });
    const ingest = await request(t.app)
      .post('/api/documents?wait=true')
      .set('Authorization', `Bearer ${ALICE}`)
      .send({ title: 'Kaine on the strikes', text: KAINE, publishedAt: '2025-10-24' })
      .expect(201);
    documentId = ingest.body.id;
    const list = await request(t.app).get(`/api/documents/${documentId}/extractions`).expect(200);
    reported = list.body.statements.find((s: { quote?: string }) => s.quote === undefined);
    quoted = list.body.statements.find((s: { quote?: string }) => s.quote === 'This is not legal');
    expect(reported).toBeDefined();
    expect(quoted).toBeDefined();
  });
  afterEach(() => t.store.close());

  const review = (kind: string, id: string, body: object, key: string) =>
    request(t.app)
      .post(`/api/documents/${documentId}/extractions/${kind}/${id}/review`)
      .set('Authorization', `Bearer ${key}`)
      .send(body);
  const historyOf = async (path: string, query = ''): Promise<{ items: Event[]; total: number }> => {
    const res = await request(t.app).get(`/api${path}/history${query}`).expect(200);
    return res.body;
  };

  it('keeps contradicting reviews by two reviewers, each with its reason and the record before and after', async () => {
    const accepted = await review(
      'statements',
      reported.id,
      { action: 'accept', reason: 'he said so' },
      ALICE,
    );
    expect(accepted.status).toBe(200);
    const rejected = await review(
      'statements',
      reported.id,
      { action: 'reject', reason: 'criticizing is not opposing' },
      BOB,
    );
    expect(rejected.status).toBe(200);

    const history = await historyOf(`/statements/${reported.id}`);
    expect(history.total).toBe(2);
    const [first, second] = history.items;
    expect(first).toMatchObject({
      by: 'alice',
      action: 'accepted',
      kind: 'statements',
      recordId: reported.id,
      documentId,
      reason: 'he said so',
      before: { reviewStatus: 'proposed' },
      after: { reviewStatus: 'accepted', reviewedBy: 'alice' },
    });
    expect(second).toMatchObject({
      by: 'bob',
      action: 'rejected',
      reason: 'criticizing is not opposing',
      before: first!.after,
      after: { reviewStatus: 'rejected', reviewedBy: 'bob' },
    });
    expect(first!.at <= second!.at).toBe(true);
    // The record says the latest; the answers said what each review appended.
    expect(await t.store.get('statements', reported.id)).toEqual(second!.after);
    expect(accepted.body.history.filter((e: Event) => e.recordId === reported.id)).toEqual([first]);
    expect(rejected.body.history).toEqual([second]);

    const page = await historyOf(`/statements/${reported.id}`, '?limit=1&offset=1');
    expect(page).toEqual({ items: [second], total: 2, limit: 1, offset: 1 });
  });

  it('records a cascade with the event that caused it', async () => {
    const rejected = await review(
      'actors',
      'tim-kaine',
      { action: 'reject', reason: 'not in this story' },
      BOB,
    );
    expect(rejected.status).toBe(200);
    const events = rejected.body.history as Event[];
    const [root, ...cascade] = events;
    expect(root).toMatchObject({ kind: 'actors', recordId: 'tim-kaine', action: 'rejected' });
    expect(root!.causedBy).toBeUndefined();
    const byRecord = new Map(cascade.map((e) => [`${e.kind}/${e.recordId}`, e]));
    expect(byRecord.get(`statements/${reported.id}`)).toMatchObject({
      action: 'rejected',
      causedBy: root!.id,
    });
    expect(byRecord.get(`statements/${quoted.id}`)).toMatchObject({ action: 'rejected', causedBy: root!.id });
    // The proposed topic only that statement stood on goes with it, because of it.
    expect(byRecord.get(`topics/${quoted.topicId}`)).toMatchObject({
      action: 'rejected',
      causedBy: byRecord.get(`statements/${quoted.id}`)!.id,
      before: { reviewStatus: 'proposed' },
      after: { reviewStatus: 'rejected' },
    });
    for (const event of events)
      expect(event).toMatchObject({ by: 'bob', reason: 'not in this story', documentId });

    expect(await historyOf(`/documents/${documentId}`)).toEqual({
      items: events,
      total: events.length,
      limit: 50,
      offset: 0,
    });
    expect((await historyOf(`/topics/${quoted.topicId}`)).items).toEqual([
      byRecord.get(`topics/${quoted.topicId}`),
    ]);
    expect((await historyOf('/actors/tim-kaine')).items).toEqual([root]);
  });

  it('records an edit with the corrected fields, and accepting a claim accepts the actor it rests on because of it', async () => {
    const edited = await review(
      'statements',
      reported.id,
      { action: 'edit', changes: { intensity: 0.7 }, reason: 'a firm criticism' },
      ALICE,
    );
    expect(edited.status).toBe(200);
    const [root, actor] = edited.body.history as Event[];
    expect(root).toMatchObject({
      action: 'edited',
      before: { intensity: 0.5, reviewStatus: 'proposed' },
      after: { intensity: 0.7, reviewStatus: 'accepted', reviewOutcome: 'edited' },
    });
    expect(actor).toMatchObject({
      kind: 'actors',
      recordId: 'tim-kaine',
      action: 'accepted',
      causedBy: root!.id,
      before: { reviewStatus: 'proposed' },
      after: { reviewStatus: 'accepted' },
    });
  });

  it('appends nothing when a review fails', async () => {
    await review('actors', 'tim-kaine', { action: 'reject' }, BOB).expect(200);
    const before = await historyOf(`/documents/${documentId}`);
    const invalid = await review(
      'statements',
      reported.id,
      { action: 'edit', changes: { polarity: 'maybe' } },
      ALICE,
    );
    expect(invalid.status).toBe(422);
    // Accepting a claim whose actor was rejected is a conflict.
    const conflict = await review('statements', reported.id, { action: 'accept' }, ALICE);
    expect(conflict.status).toBe(409);
    const wrongReviewer = await review(
      'statements',
      reported.id,
      { action: 'accept', reviewer: 'bob' },
      ALICE,
    );
    expect(wrongReviewer.status).toBe(422);
    expect(await historyOf(`/documents/${documentId}`)).toEqual(before);
  });

  it('answers an empty history for a record never reviewed, and 404 for one that never existed', async () => {
    expect(await historyOf('/actors/claudia-sheinbaum')).toEqual({
      items: [],
      total: 0,
      limit: 50,
      offset: 0,
    });
    for (const path of [
      '/actors/no-such-actor',
      '/topics/no-such-topic',
      '/statements/st-000000000000',
      '/relations/no-such-relation',
      '/affiliations/no-such-affiliation',
      '/documents/no-such-document',
    ]) {
      const res = await request(t.app).get(`/api${path}/history`);
      expect({ path, status: res.status, type: res.type }).toEqual({
        path,
        status: 404,
        type: 'application/problem+json',
      });
    }
    const bad = await request(t.app).get('/api/actors/claudia-sheinbaum/history?limit=0');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'limit' });
  });
});
