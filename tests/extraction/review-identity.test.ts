import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

const ALICE = 'alice-key-0123456789abcdef';
const BOB = 'bob-key-0123456789abcdef00';
const TEXT =
  'Mexican President Claudia Sheinbaum rejected the plan. "We will never accept intervention," Sheinbaum said on Tuesday.';
const OTHER_TEXT =
  'Senator Tim Kaine criticized the strikes. "This is not legal," Kaine said in a statement on Friday.';

/** Issue 14, item 3 (in part): who reviews comes from a named key, a reason is kept, and only the proposal's own document reviews it. */
describe('who reviews', () => {
  let t: TestApp;
  let documentId: string;
  let statementId: string;
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
      .send({ title: 'Sheinbaum answers Trump', text: TEXT, publishedAt: '2025-10-21' });
    expect(ingest.status).toBe(201);
    documentId = ingest.body.id;
    const list = await request(t.app).get(`/api/documents/${documentId}/extractions`);
    statementId = list.body.statements[0].id;
  });
  afterEach(() => t.store.close());

  const review = (id: string, body: object, key?: string, document = documentId, kind = 'statements') => {
    const req = request(t.app).post(`/api/documents/${document}/extractions/${kind}/${id}/review`);
    return (key ? req.set('Authorization', `Bearer ${key}`) : req).send(body);
  };

  it('takes the reviewer from the named API key, and keeps the reason', async () => {
    const res = await review(statementId, { action: 'accept', reason: 'the quote is in the article' }, ALICE);
    expect(res.status).toBe(200);
    expect(await t.store.get('statements', statementId)).toMatchObject({
      reviewStatus: 'accepted',
      reviewedBy: 'alice',
      reviewReason: 'the quote is in the article',
    });
  });

  it('refuses a reviewer other than the key holder, and a review without a key', async () => {
    const other = await review(statementId, { action: 'reject', reviewer: 'bob' }, ALICE);
    expect(other.status).toBe(422);
    expect(other.body.errors[0]).toMatchObject({ field: 'reviewer' });
    expect((await review(statementId, { action: 'reject', reviewer: 'bob' })).status).toBe(401);
    expect((await review(statementId, { action: 'reject' }, 'not-a-key-0123456789')).status).toBe(401);
    expect((await t.store.get('statements', statementId))?.reviewStatus).toBe('proposed');
    const bob = await review(statementId, { action: 'reject', reviewer: 'bob' }, BOB);
    expect(bob.status).toBe(200);
    expect((await t.store.get('statements', statementId))?.reviewedBy).toBe('bob');
  });

  it('reviews a proposed actor only through a document that proposed it', async () => {
    const other = await request(t.app)
      .post('/api/documents?wait=true')
      .set('Authorization', `Bearer ${BOB}`)
      .send({ title: 'Kaine on the strikes', text: OTHER_TEXT, publishedAt: '2025-10-24' });
    expect(other.status).toBe(201);
    const actors = (await request(t.app).get(`/api/documents/${other.body.id}/extractions`)).body.actors as {
      id: string;
    }[];
    const mine = new Set(
      (
        (await request(t.app).get(`/api/documents/${documentId}/extractions`)).body.actors as { id: string }[]
      ).map((a) => a.id),
    );
    const foreign = actors.find((a) => !mine.has(a.id));
    expect(foreign).toBeDefined();
    const wrong = await review(foreign!.id, { action: 'reject' }, ALICE, documentId, 'actors');
    expect(wrong.status).toBe(404);
    expect((await t.store.get('actors', foreign!.id))?.reviewStatus).toBe('proposed');
    const right = await review(foreign!.id, { action: 'accept' }, ALICE, other.body.id, 'actors');
    expect(right.status).toBe(200);
  });
});

describe('who reviews, without named keys', () => {
  it('needs the reviewer in the body', async () => {
    const t = await startTestApp({ seed: true });
    try {
      const ingest = await request(t.app)
        .post('/api/documents?wait=true')
        .send({ title: 'Sheinbaum answers', text: TEXT });
      const list = await request(t.app).get(`/api/documents/${ingest.body.id}/extractions`);
      const url = `/api/documents/${ingest.body.id}/extractions/statements/${list.body.statements[0].id}/review`;
      const res = await request(t.app).post(url).send({ action: 'accept' });
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ field: 'reviewer' });
      expect((await request(t.app).post(url).send({ action: 'accept', reviewer: 'ana' })).status).toBe(200);
    } finally {
      await t.store.close();
    }
  });
});
