import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/** Every refusal is problem+json, names what was wrong, and is never a 500. */
describe('bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status,
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
    });
    expect(res.body.instance).toEqual(expect.stringMatching(/^\//));
  };
  const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  it('rejects malformed JSON with 400', async () => {
    const res = await request(t.app)
      .post('/api/actors')
      .set('Content-Type', 'application/json')
      .send('{"name": "Vigil",');
    expectProblem(res, 400);
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await request(t.app).post('/api/actors').set('Content-Type', 'text/plain').send('name=Vigil');
    expectProblem(res, 415);
  });

  it('rejects a missing body with 422', async () => {
    expectProblem(await request(t.app).post('/api/actors'), 422);
  });

  it('rejects a JSON array or scalar where an object belongs', async () => {
    expectProblem(
      await request(t.app)
        .post('/api/actors')
        .send([{ name: 'Mike Vigil' }]),
      422,
    );
    const scalar = await request(t.app)
      .post('/api/actors')
      .set('Content-Type', 'application/json')
      .send('"Mike Vigil"');
    expect([400, 422]).toContain(scalar.status);
  });

  it('rejects an oversized body with 413', async () => {
    const res = await request(t.app)
      .post('/api/actors')
      .send({ name: 'Mike Vigil', kind: 'expert', description: 'x'.repeat(200_000) });
    expectProblem(res, 413);
  });

  it('names each invalid field', async () => {
    const res = await request(t.app)
      .post('/api/actors')
      .send({ name: '', kind: 'wizard', country: 'Mexico', nickname: 'AMLO' });
    expectProblem(res, 422);
    expect(fields(res)).toEqual(expect.arrayContaining(['name', 'kind', 'country']));
    expect(JSON.stringify(res.body.errors)).toMatch(/nickname/);
    expect(res.body.errors[0]).toMatchObject({ in: 'body', pointer: expect.stringMatching(/^#\//) });
  });

  it('refuses impossible dates and reversed windows', async () => {
    const statement = await request(t.app).post('/api/statements').send({
      actorId: 'mike-vigil',
      topicId: 'military-approach-to-cartels',
      polarity: 'oppose',
      statedAt: '2025-02-30',
    });
    expectProblem(statement, 422);
    expect(fields(statement)).toEqual(['statedAt']);
    const window = await request(t.app)
      .get('/api/oppositions')
      .query({ from: '2025-05-01', to: '2025-01-01' });
    expectProblem(window, 422);
    expect(fields(window)).toEqual(['from']);
  });

  it('refuses a statement whose actor, topic or document does not exist, naming them', async () => {
    const res = await request(t.app).post('/api/statements').send({
      actorId: 'andres-manuel-lopez-obrador',
      topicId: 'military-approach-to-cartels',
      documentId: 'no-such-document',
      polarity: 'oppose',
      statedAt: '2025-04-10',
    });
    expectProblem(res, 422);
    expect(fields(res).sort()).toEqual(['actorId', 'documentId']);
  });

  it('refuses evidence whose span does not hold the sentence', async () => {
    const res = await request(t.app)
      .post('/api/statements')
      .send({
        actorId: 'mike-vigil',
        topicId: 'military-approach-to-cartels',
        polarity: 'oppose',
        statedAt: '2025-04-10',
        documentId: 'us-drone-strikes-mexico-cartels-2025-04-10',
        evidence: { sentence: "It's not a military problem.", start: 0, end: 28 },
      });
    expectProblem(res, 422);
    expect(fields(res)).toEqual(['evidence.start']);
  });

  it('refuses evidence without a document, and spans that end before they start', async () => {
    const base = {
      actorId: 'mike-vigil',
      topicId: 'military-approach-to-cartels',
      polarity: 'oppose',
      statedAt: '2025-04-10',
    };
    const orphan = await request(t.app)
      .post('/api/statements')
      .send({ ...base, evidence: { sentence: 'x', start: 0, end: 1 } });
    expectProblem(orphan, 422);
    expect(fields(orphan)).toEqual(['documentId']);
    const reversed = await request(t.app)
      .post('/api/statements')
      .send({
        ...base,
        documentId: 'us-drone-strikes-mexico-cartels-2025-04-10',
        evidence: { sentence: 'x', start: 5, end: 2 },
      });
    expectProblem(reversed, 422);
    expect(fields(reversed)).toEqual(['evidence.end']);
  });

  it('refuses relation types outside the vocabulary and relations to oneself', async () => {
    const unknownType = await request(t.app)
      .post('/api/relations')
      .send({ sourceId: 'pete-hegseth', targetId: 'mexico', type: 'invades' });
    expectProblem(unknownType, 422);
    expect(fields(unknownType)).toEqual(['type']);
    const self = await request(t.app)
      .post('/api/relations')
      .send({ sourceId: 'mexico', targetId: 'mexico', type: 'warns' });
    expectProblem(self, 422);
    expect(fields(self)).toEqual(['targetId']);
  });

  it('refuses a patch that would break the record or change what cannot change', async () => {
    const cycle = await request(t.app)
      .patch('/api/topics/military-approach-to-cartels')
      .send({ parentId: 'unilateral-us-strikes-in-mexico' });
    expectProblem(cycle, 422);
    expect(fields(cycle)).toEqual(['parentId']);
    const text = await request(t.app)
      .patch('/api/documents/us-drone-strikes-mexico-cartels-2025-04-10')
      .send({ text: 'rewritten' });
    expectProblem(text, 422);
    const id = await request(t.app).patch('/api/actors/mike-vigil').send({ id: 'someone-else' });
    expectProblem(id, 422);
  });

  it('answers 404 for unknown ids and routes', async () => {
    expectProblem(await request(t.app).get('/api/actors/andres-manuel-lopez-obrador'), 404);
    expectProblem(await request(t.app).get('/api/actors/Not%20A%20Slug/opponents'), 404);
    expectProblem(await request(t.app).delete('/api/topics/no-such-topic'), 404);
    expectProblem(
      await request(t.app).get('/api/paths').query({ from: 'mike-vigil', to: 'nobody-at-all' }),
      404,
    );
    expectProblem(await request(t.app).get('/api/coalitions-of-the-willing'), 404);
  });

  it('refuses out-of-range query parameters, naming them', async () => {
    const page = await request(t.app).get('/api/actors').query({ limit: 100000, offset: -1 });
    expectProblem(page, 422);
    expect(fields(page).sort()).toEqual(['limit', 'offset']);
    const depth = await request(t.app)
      .get('/api/paths')
      .query({ from: 'mike-vigil', to: 'pete-hegseth', maxDepth: 50 });
    expectProblem(depth, 422);
    expect(fields(depth)).toEqual(['maxDepth']);
    const kind = await request(t.app).get('/api/network').query({ kind: 'everything' });
    expectProblem(kind, 422);
    const types = await request(t.app).get('/api/network').query({ types: 'warns,invades' });
    expectProblem(types, 422);
  });

  it('writes nothing when a request fails', async () => {
    const before = await t.store.counts();
    await request(t.app)
      .post('/api/relations')
      .send({ sourceId: 'pete-hegseth', targetId: 'nobody', type: 'warns' });
    await request(t.app).delete('/api/actors/claudia-sheinbaum');
    expect(await t.store.counts()).toEqual(before);
  });
});
