import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/** A claim's reporter and target over HTTP: written, read, corrected, refused when unknown, documented. */
describe('who relayed a claim and whom it is about, over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    for (const actor of [
      { name: 'Lindsey Graham', kind: 'official', country: 'US' },
      { name: 'Gustavo Petro', kind: 'official', country: 'CO' },
      { name: 'Reuters', kind: 'media' },
    ])
      await request(t.app).post('/api/actors').send(actor).expect(201);
    await request(t.app).post('/api/topics').send({ title: 'US strikes on alleged drug boats' }).expect(201);
  });
  afterEach(() => t.store.close());

  const graphAccusesPetro = {
    actorId: 'lindsey-graham',
    topicId: 'us-strikes-on-alleged-drug-boats',
    polarity: 'support',
    statedAt: '2025-10-20',
    aboutId: 'gustavo-petro',
    reportedById: 'reuters',
  };

  it('keeps a statement with its reporter and its target, and a patch with null removes one', async () => {
    const created = await request(t.app).post('/api/statements').send(graphAccusesPetro).expect(201);
    expect(created.body).toMatchObject({ aboutId: 'gustavo-petro', reportedById: 'reuters' });
    const patched = await request(t.app)
      .patch(`/api/statements/${created.body.id}`)
      .send({ reportedById: null })
      .expect(200);
    expect(patched.body.reportedById).toBeUndefined();
    expect(patched.body.aboutId).toBe('gustavo-petro');
  });

  it('keeps a relation with the outlet that relayed it', async () => {
    const created = await request(t.app)
      .post('/api/relations')
      .send({
        sourceId: 'lindsey-graham',
        targetId: 'gustavo-petro',
        type: 'accuses',
        reportedById: 'reuters',
      })
      .expect(201);
    await request(t.app).get(`/api/relations/${created.body.id}`).expect(200, created.body);
    expect(created.body.reportedById).toBe('reuters');
  });

  it('refuses a reporter or target the graph does not have as a problem naming the field', async () => {
    const res = await request(t.app)
      .post('/api/statements')
      .send({ ...graphAccusesPetro, aboutId: 'nicolas-maduro', reportedById: 'associated-press' })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toMatch(/aboutId/);
    expect(JSON.stringify(res.body)).toMatch(/reportedById/);
    const listed = await request(t.app).get('/api/statements').expect(200);
    expect(listed.body.total).toBe(0);
  });

  it('documents both fields in the OpenAPI document', async () => {
    const res = await request(t.app).get('/api/openapi.json').expect(200);
    const schemas = res.body.components.schemas;
    expect(Object.keys(schemas.Statement.properties)).toEqual(
      expect.arrayContaining(['aboutId', 'reportedById']),
    );
    expect(Object.keys(schemas.Relation.properties)).toEqual(expect.arrayContaining(['reportedById']));
  });
});
