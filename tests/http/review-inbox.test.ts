import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../fixtures/extraction', `${name}.txt`), 'utf8');
const GLOBALNEWS = fixture('globalnews-2025-04-sheinbaum-drone-strikes');
const TAG24 = fixture('tag24-2025-10-sheinbaum-pacific-strikes');

interface Item {
  kind: 'statements' | 'relations';
  documentId: string;
  document: { id: string; title: string };
  record: {
    id: string;
    confidence: number;
    method: string;
    reviewStatus: string;
    reviewedBy?: string;
    reviewReason?: string;
    actorId?: string;
    sourceId?: string;
    targetId?: string;
    evidence: { start: number };
  };
  actors: { id: string; name: string }[];
  topic?: { id: string; name: string };
}

const key = (item: Item) => `${item.kind}/${item.record.id}`;

/** Issue 15, item 4: the review inbox across documents, and many proposals reviewed at once. */
describe('the review inbox', () => {
  let t: TestApp;
  let globalnews: string;
  let tag24: string;

  beforeEach(async () => {
    t = await startTestApp({
      config: { apiKeys: [{ name: 'alice', key: 'alice-key-0123456789abcdef' }] },
    });
    const ingest = async (title: string, text: string) => {
      const res = await request(t.app)
        .post('/api/documents?wait=true')
        .set('Authorization', 'Bearer alice-key-0123456789abcdef')
        .send({ title, text, publishedAt: '2025-10-21' })
        .expect(201);
      return res.body.id as string;
    };
    globalnews = await ingest('Sheinbaum rejects drone strikes', GLOBALNEWS);
    tag24 = await ingest('Sheinbaum on the Pacific strikes', TAG24);
  });
  afterEach(() => t.store.close());

  const inbox = async (query = ''): Promise<{ items: Item[]; total: number }> =>
    (await request(t.app).get(`/api/review/inbox${query}`).expect(200)).body;
  const bulk = (body: object, withKey = true) => {
    const req = request(t.app).post('/api/review/bulk');
    return (withKey ? req.set('Authorization', 'Bearer alice-key-0123456789abcdef') : req).send(body);
  };
  const item = (i: Item) => ({ documentId: i.documentId, kind: i.kind, id: i.record.id });

  it('lists the proposals of every document, each with its document and names, statements first', async () => {
    const all = await inbox('?limit=500');
    const extracted = async (id: string) =>
      (await request(t.app).get(`/api/documents/${id}/extractions?reviewStatus=proposed`).expect(200)).body;
    const [one, two] = [await extracted(globalnews), await extracted(tag24)];
    const expected = [one, two].flatMap((list) => [
      ...list.statements.map((s: { id: string }) => `statements/${s.id}`),
      ...list.relations.map((r: { id: string }) => `relations/${r.id}`),
    ]);
    expect(all.total).toBe(expected.length);
    expect(all.items.map(key).sort()).toEqual(expected.sort());
    expect(new Set(all.items.map((i) => i.documentId))).toEqual(new Set([globalnews, tag24]));
    expect(all.items.every((i) => i.record.reviewStatus === 'proposed')).toBe(true);
    // The statements, then the relations, each by id: the store's order, so a page reads only the page.
    const kinds = all.items.map((i) => i.kind);
    expect(kinds).toEqual([
      ...kinds.filter((k) => k === 'statements'),
      ...kinds.filter((k) => k === 'relations'),
    ]);
    for (const kind of ['statements', 'relations']) {
      const ids = all.items.filter((i) => i.kind === kind).map((i) => i.record.id);
      expect(ids).toEqual([...ids].sort());
    }
    const statement = all.items.find((i) => i.kind === 'statements')!;
    expect(statement.actors[0]!.id).toBe(statement.record.actorId);
    expect(statement.actors[0]!.name.length).toBeGreaterThan(0);
    expect(statement.topic?.name.length).toBeGreaterThan(0);
    expect(statement.document.title).toMatch(/^Sheinbaum/);
  });

  it('filters by kind, extractor, confidence, document and actor, and pages with the total', async () => {
    const all = (await inbox('?limit=500')).items;
    const relations = await inbox('?kind=relations&limit=500');
    expect(relations.items.map(key)).toEqual(all.filter((i) => i.kind === 'relations').map(key));
    expect((await inbox('?extractor=rules&limit=500')).total).toBe(all.length);
    expect((await inbox('?extractor=llm')).total).toBe(0);
    const confident = await inbox('?minConfidence=0.7&limit=500');
    expect(confident.items.map(key)).toEqual(all.filter((i) => i.record.confidence >= 0.7).map(key));
    expect(confident.total).toBeLessThan(all.length);
    const onlyTag24 = await inbox(`?documentId=${tag24}&limit=500`);
    expect(onlyTag24.items.map(key)).toEqual(all.filter((i) => i.documentId === tag24).map(key));
    const sheinbaum = all
      .find((i) => i.actors.some((a) => a.name === 'Claudia Sheinbaum'))!
      .actors.find((a) => a.name === 'Claudia Sheinbaum')!.id;
    const hers = await inbox(`?actorId=${sheinbaum}&limit=500`);
    expect(hers.total).toBeGreaterThan(0);
    expect(hers.items.map(key)).toEqual(all.filter((i) => i.actors.some((a) => a.id === sheinbaum)).map(key));

    // Pages cross from the statements to the relations without a gap or a repeat.
    const statements = all.filter((i) => i.kind === 'statements').length;
    for (const offset of [0, statements - 2, statements, all.length - 1]) {
      const page = await inbox(`?limit=3&offset=${offset}`);
      expect(page.total).toBe(all.length);
      expect(page.items.map(key)).toEqual(all.slice(offset, offset + 3).map(key));
    }
  });

  it('lists an accepted claim entered by hand without a document: it has no proposal to review', async () => {
    await request(t.app)
      .post('/api/actors')
      .set('Authorization', 'Bearer alice-key-0123456789abcdef')
      .send({ id: 'mike-vigil', name: 'Mike Vigil', kind: 'expert' })
      .expect(201);
    await request(t.app)
      .post('/api/topics')
      .set('Authorization', 'Bearer alice-key-0123456789abcdef')
      .send({ id: 'military-approach-to-cartels', title: 'A military approach to the cartels' })
      .expect(201);
    const hand = await request(t.app)
      .post('/api/statements')
      .set('Authorization', 'Bearer alice-key-0123456789abcdef')
      .send({
        actorId: 'mike-vigil',
        topicId: 'military-approach-to-cartels',
        polarity: 'oppose',
        statedAt: '2025-04-10',
      })
      .expect(201);
    const accepted = await inbox('?status=accepted&extractor=manual');
    expect(accepted.items).toEqual([
      expect.objectContaining({ kind: 'statements', record: expect.objectContaining({ id: hand.body.id }) }),
    ]);
    expect(accepted.items[0]!.documentId).toBeUndefined();
    expect(accepted.items[0]!.actors).toEqual([{ id: 'mike-vigil', name: 'Mike Vigil' }]);
  });

  it('refuses a bad filter, naming it', async () => {
    const res = await request(t.app).get('/api/review/inbox?minConfidence=2&status=maybe').expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'minConfidence',
      'status',
    ]);
  });

  it('accepts many at once, each through its own document and with the key holder as reviewer', async () => {
    const statements = (await inbox('?kind=statements&limit=500')).items;
    const chosen = [
      statements.find((i) => i.documentId === globalnews)!,
      statements.find((i) => i.documentId === tag24)!,
    ];
    const res = await bulk({ items: chosen.map(item), action: 'accept', reason: 'read against the article' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reviewed: 2, refused: 0 });
    expect(res.body.items.map((i: { ok: boolean }) => i.ok)).toEqual([true, true]);
    for (const { record } of chosen) {
      const stored = (await request(t.app).get(`/api/statements/${record.id}`).expect(200)).body;
      expect(stored).toMatchObject({
        reviewStatus: 'accepted',
        reviewedBy: 'alice',
        reviewReason: 'read against the article',
      });
      // The cascade of a single review: the statement's actor is accepted with it.
      const actor = (await request(t.app).get(`/api/actors/${stored.actorId}`).expect(200)).body;
      expect(actor.reviewStatus ?? 'accepted').toBe('accepted');
    }
    const accepted = await inbox('?status=accepted&limit=500');
    expect(accepted.items.map(key)).toEqual(expect.arrayContaining(chosen.map(key)));
  });

  it('reviews each item on its own: refused ones are reported with their problem, the others are written', async () => {
    const statements = (await inbox('?kind=statements&limit=500')).items;
    const [first, second] = statements.filter((i) => i.documentId === globalnews);
    const fromTag24 = statements.find((i) => i.documentId === tag24)!;
    const res = await bulk({
      items: [
        item(first!),
        { documentId: globalnews, kind: 'statements', id: 'no-such-statement' },
        // A claim is reviewed only through the document that proposed it.
        { ...item(fromTag24), documentId: globalnews },
        item(second!),
      ],
      action: 'reject',
      reason: 'not a stance on the question',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reviewed: 2, refused: 2 });
    const [a, b, c, d] = res.body.items;
    expect([a.ok, b.ok, c.ok, d.ok]).toEqual([true, false, false, true]);
    expect(b.problem).toMatchObject({ status: 404, detail: expect.stringContaining('no-such-statement') });
    expect(c.problem).toMatchObject({ status: 404 });
    expect(c.problem.instance).toBe(
      `/api/documents/${globalnews}/extractions/statements/${fromTag24.record.id}/review`,
    );
    const stored = async (id: string) => (await request(t.app).get(`/api/statements/${id}`).expect(200)).body;
    expect(await stored(first!.record.id)).toMatchObject({
      reviewStatus: 'rejected',
      reviewReason: 'not a stance on the question',
    });
    expect(await stored(second!.record.id)).toMatchObject({ reviewStatus: 'rejected' });
    expect((await stored(fromTag24.record.id)).reviewStatus).toBe('proposed');
  });

  it('refuses an item that rests on a rejected record with 409, and accepts the rest', async () => {
    const statements = (await inbox('?kind=statements&limit=500')).items;
    const proposedActors = new Set(
      (await request(t.app).get('/api/actors?reviewStatus=proposed&limit=500').expect(200)).body.items.map(
        (a: { id: string }) => a.id,
      ),
    );
    const victim = statements.find(
      (i) => i.documentId === globalnews && proposedActors.has(i.record.actorId),
    )!;
    const other = statements.find((i) => i.record.actorId !== victim.record.actorId)!;
    // Rejecting the actor (through its document) rejects its pending claims: accepting one is a conflict.
    const rejected = await bulk({
      items: [{ documentId: globalnews, kind: 'actors', id: victim.record.actorId }],
      action: 'reject',
    });
    expect(rejected.body).toMatchObject({ reviewed: 1, refused: 0 });
    const res = await bulk({ items: [item(victim), item(other)], action: 'accept' });
    expect(res.body.items.map((i: { ok: boolean }) => i.ok)).toEqual([false, true]);
    expect(res.body.items[0].problem).toMatchObject({
      status: 409,
      type: expect.stringContaining('conflict'),
    });
  });

  it('refuses the whole request before writing when the reviewer is not allowed', async () => {
    const [first] = (await inbox('?kind=statements')).items;
    // Without a key, the body must name the reviewer; this app has named keys and reads are open, writes not.
    const noKey = await bulk({ items: [item(first!)], action: 'accept' }, false);
    expect(noKey.status).toBe(401);
    const someoneElse = await bulk({ items: [item(first!)], action: 'accept', reviewer: 'mallory' });
    expect(someoneElse.status).toBe(422);
    expect(someoneElse.body.errors[0].field).toBe('reviewer');
    const stored = (await request(t.app).get(`/api/statements/${first!.record.id}`).expect(200)).body;
    expect(stored.reviewStatus).toBe('proposed');
  });

  it('refuses an empty or unknown bulk request, naming the field', async () => {
    const empty = await bulk({ items: [], action: 'accept' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].field).toBe('items');
    const edit = await bulk({
      items: [{ documentId: globalnews, kind: 'statements', id: 'x' }],
      action: 'edit',
    });
    expect(edit.status).toBe(422);
    expect(edit.body.errors[0].field).toBe('action');
  });
});
