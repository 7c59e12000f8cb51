import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('records over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.store.close());

  const createSheinbaum = () =>
    request(t.app)
      .post('/api/actors')
      .send({
        name: 'Claudia Sheinbaum',
        aliases: ['Sheinbaum', "Mexico's President Claudia Sheinbaum", 'sheinbaum'],
        kind: 'official',
        country: 'MX',
      });

  it('creates an actor with an id derived from its name, and says where it lives', async () => {
    const res = await createSheinbaum().expect(201);
    expect(res.headers.location).toBe('/api/actors/claudia-sheinbaum');
    expect(res.body).toEqual({
      id: 'claudia-sheinbaum',
      name: 'Claudia Sheinbaum',
      aliases: ['Sheinbaum', "Mexico's President Claudia Sheinbaum"],
      kind: 'official',
      country: 'MX',
    });
    await request(t.app).get('/api/actors/claudia-sheinbaum').expect(200, res.body);
  });

  it('refuses a duplicate id with 409', async () => {
    await createSheinbaum().expect(201);
    const res = await createSheinbaum().expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/claudia-sheinbaum/);
  });

  it('finds an actor by any of its aliases', async () => {
    await createSheinbaum().expect(201);
    const res = await request(t.app).get('/api/actors').query({ q: "mexico's president" }).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0].id).toBe('claudia-sheinbaum');
  });

  it('patches with merge semantics: null removes a field, others replace', async () => {
    await createSheinbaum().expect(201);
    const res = await request(t.app)
      .patch('/api/actors/claudia-sheinbaum')
      .send({ country: null, description: 'President of Mexico since October 2024' })
      .expect(200);
    expect(res.body.country).toBeUndefined();
    expect(res.body.description).toBe('President of Mexico since October 2024');
    expect(res.body.aliases).toHaveLength(2);
  });

  it('keeps a statement together with its actor, topic and document, and deletes by cascade only', async () => {
    await createSheinbaum().expect(201);
    await request(t.app)
      .post('/api/topics')
      .send({ title: 'US drone strikes on cartels in Mexico' })
      .expect(201);
    const text = '"We reject any form of interference," she said, according to the L.A. Times.';
    const doc = await request(t.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Sheinbaum on US strikes', publishedAt: '2025-04-10', text })
      .expect(201);
    expect(doc.body.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const statement = await request(t.app)
      .post('/api/statements')
      .send({
        actorId: 'claudia-sheinbaum',
        topicId: 'us-drone-strikes-on-cartels-in-mexico',
        polarity: 'oppose',
        statedAt: '2025-04-10',
        quote: 'We reject any form of interference',
        evidence: { sentence: text, start: 0, end: text.length },
        documentId: doc.body.id,
      })
      .expect(201);
    expect(statement.body).toMatchObject({
      intensity: 0.5,
      confidence: 1,
      method: 'manual',
      reviewStatus: 'accepted',
    });
    expect(statement.body.id).toMatch(/^st-[0-9a-f]{12}$/);

    const refused = await request(t.app).delete('/api/actors/claudia-sheinbaum').expect(409);
    expect(refused.body.detail).toMatch(/cascade=true/);
    await request(t.app).delete('/api/actors/claudia-sheinbaum?cascade=true').expect(204);
    await request(t.app).get(`/api/statements/${statement.body.id}`).expect(404);
  });

  it('lists with filters, limit and offset', async () => {
    for (const name of ['Pete Hegseth', 'Ronald Johnson', 'Mike Vigil']) {
      await request(t.app).post('/api/actors').send({ name, kind: 'official', country: 'US' }).expect(201);
    }
    await request(t.app)
      .post('/api/actors')
      .send({ name: 'Mexico', kind: 'state', country: 'MX' })
      .expect(201);
    const res = await request(t.app)
      .get('/api/actors')
      .query({ country: 'US', limit: 2, offset: 1 })
      .expect(200);
    expect(res.body).toEqual({
      items: [
        expect.objectContaining({ id: 'pete-hegseth' }),
        expect.objectContaining({ id: 'ronald-johnson' }),
      ],
      total: 3,
    });
  });

  it('creates and reads every other kind', async () => {
    await request(t.app).post('/api/actors').send({ name: 'Pete Hegseth', kind: 'official' }).expect(201);
    await request(t.app).post('/api/actors').send({ name: 'US government', kind: 'government' }).expect(201);
    await request(t.app).post('/api/actors').send({ name: 'Mexico', kind: 'state' }).expect(201);
    const affiliation = await request(t.app)
      .post('/api/affiliations')
      .send({ memberId: 'pete-hegseth', organizationId: 'us-government', role: 'Secretary of Defense' })
      .expect(201);
    expect(affiliation.body.id).toBe('pete-hegseth-member-of-us-government-secretary-of-defense');
    const relation = await request(t.app)
      .post('/api/relations')
      .send({ sourceId: 'pete-hegseth', targetId: 'mexico', type: 'warns', date: '2025-04-10' })
      .expect(201);
    await request(t.app).get(`/api/relations/${relation.body.id}`).expect(200, relation.body);
    const listed = await request(t.app).get('/api/relations').query({ type: 'warns,threatens' }).expect(200);
    expect(listed.body.total).toBe(1);
    await request(t.app).delete(`/api/relations/${relation.body.id}`).expect(204);
    await request(t.app).get(`/api/relations/${relation.body.id}`).expect(404);
  });
});
