import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { API_ROUTES } from '../../src/api/api-routes';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 14, item 4: requests are strict, and every refusal names what was wrong. */
describe('strict requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.store.close());

  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  it('answers a malformed % escape in a path parameter with 400 naming the parameter, on every id route', async () => {
    const idRoutes = API_ROUTES.filter((route) => /\{\w+\}/.test(route.path));
    expect(idRoutes.length).toBeGreaterThan(20);
    for (const route of idRoutes) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const last = names[names.length - 1]!;
      const url = `/api${route.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === last ? '%ZZ' : 'x'))}`;
      const res = await request(t.app)[route.method](url);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: last, in: 'path' })]);
    }
  });

  it('answers a body that is not compressed as its Content-Encoding says with 400, on every body route', async () => {
    const bodyRoutes = API_ROUTES.filter((route) => route.body);
    expect(bodyRoutes.length).toBeGreaterThan(10);
    for (const route of bodyRoutes) {
      const url = `/api${route.path.replace(/\{(\w+)\}/g, 'x')}`;
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const agent = request(t.app);
        const res = await agent[route.method](url)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .send('{"name":"Mike Vigil","kind":"expert"}');
        expectProblem(res, 400);
        expect(res.body.detail).toMatch(/Content-Encoding/);
      }
    }
  });

  it('refuses an unsupported Content-Encoding with 415, and reads a really gzipped body', async () => {
    const unsupported = await request(t.app)
      .post('/api/actors')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{"name":"Mike Vigil","kind":"expert"}');
    expectProblem(unsupported, 415);
    // supertest would re-encode a Buffer body; a real server and fetch send the bytes as they are.
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const gzipped = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/actors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(JSON.stringify({ name: 'Raúl Benítez Manaut', kind: 'expert' })),
      });
      expect(gzipped.status).toBe(201);
      expect(((await gzipped.json()) as { name: string }).name).toBe('Raúl Benítez Manaut');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses unknown query parameters with 400 naming them, instead of ignoring them', async () => {
    // (`q` on statements searches their quotes now; a parameter no route knows is refused.)
    const res = await request(t.app).get('/api/statements?quote=murder&limit=5');
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'quote', in: 'query' })]);
    expect(res.body.detail).toMatch(/'quote'/);
    const none = await request(t.app).get('/api/actors/claudia-sheinbaum?verbose=1');
    expectProblem(none, 400);
    expect(none.body.errors[0].field).toBe('verbose');
    // The known ones still work.
    expect((await request(t.app).get('/api/actors?q=sheinbaum&limit=5')).status).toBe(200);
  });

  it('names an unknown body field in field and pointer', async () => {
    const res = await request(t.app)
      .post('/api/actors')
      .send({ name: 'Mike Vigil', kind: 'expert', nickname: 'El Jefe' });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'nickname', pointer: '#/nickname', in: 'body' }),
    ]);
    const nested = await request(t.app)
      .post('/api/statements')
      .send({
        actorId: 'mike-vigil',
        topicId: 'military-approach-to-cartels',
        polarity: 'oppose',
        statedAt: '2025-04-10',
        evidence: { sentence: 'x', start: 0, end: 1, page: 3 },
      });
    expectProblem(nested, 422);
    expect(nested.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'evidence.page', pointer: '#/evidence/page' }),
      ]),
    );
  });

  it.each([
    ['a NUL character', 'Mike\u0000Vigil'],
    ['an escape character', 'Mike\u001b[31mVigil'],
    ['a line break', 'Mike\nVigil'],
    ['a lone high surrogate', 'Mike \ud800Vigil'],
    ['a lone low surrogate', 'Mike \udc00Vigil'],
  ])('refuses a name with %s', async (_what, name) => {
    const res = await request(t.app).post('/api/actors').send({ name, kind: 'expert' });
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    const alias = await request(t.app)
      .patch('/api/actors/mike-vigil')
      .send({ aliases: [name] });
    expectProblem(alias, 422);
    const topic = await request(t.app).post('/api/topics').send({ title: name });
    expectProblem(topic, 422);
  });

  it('keeps names with real characters beyond the basic plane', async () => {
    const res = await request(t.app)
      .post('/api/actors')
      .send({ name: 'Observatorio 🇲🇽 Ciudadano', kind: 'ngo' });
    expect(res.status).toBe(201);
  });

  it('takes PATCH as application/merge-patch+json, where null removes a field', async () => {
    const created = await request(t.app)
      .post('/api/actors')
      .send({ name: 'Ana María Salazar', kind: 'expert', country: 'MX', description: 'security analyst' });
    expect(created.status).toBe(201);
    const res = await request(t.app)
      .patch(`/api/actors/${created.body.id}`)
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ description: null, aliases: ['Salazar'] }));
    expect(res.status).toBe(200);
    expect(res.body.description).toBeUndefined();
    expect(res.body.aliases).toEqual(['Salazar']);
    expect(res.body.country).toBe('MX');
    // Only PATCH is a merge patch.
    const post = await request(t.app)
      .post('/api/actors')
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ name: 'Someone', kind: 'expert' }));
    expectProblem(post, 415);
  });

  it('lists application/merge-patch+json for PATCH in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/actors/{id}'].patch.requestBody.content)).toEqual(
      expect.arrayContaining(['application/json', 'application/merge-patch+json']),
    );
  });

  it('neutralises spreadsheet formulas in the CSV export, and imports them back as they were', async () => {
    const actor = await request(t.app)
      .post('/api/actors')
      .send({ id: 'formula-actor', name: '=HYPERLINK("http://evil","x")', kind: 'other' });
    expect(actor.status).toBe(201);
    const quotes = ['=1+2', '+cmd|calc', '-2+3', '@SUM(A1)', "'=already quoted"];
    const document = await request(t.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Formula test transcript', text: quotes.join('\n'), format: 'text' });
    expect(document.status).toBe(201);
    for (const [index, quote] of quotes.entries()) {
      const res = await request(t.app)
        .post('/api/statements')
        .send({
          id: `formula-statement-${index}`,
          actorId: 'formula-actor',
          topicId: 'military-approach-to-cartels',
          polarity: 'oppose',
          statedAt: '2025-04-10',
          quote,
          documentId: document.body.id,
        });
      expect(res.status).toBe(201);
    }
    const csv = await request(t.app).get('/api/network?kind=actor-topic&format=csv');
    expect(csv.status).toBe(200);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    const mine = rows.filter((r) => r.actor === 'formula-actor');
    expect(mine).toHaveLength(quotes.length);
    for (const row of mine) {
      for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
      expect(row.actor_name).toBe('\'=HYPERLINK("http://evil","x")');
    }
    expect(mine.map((r) => r.quote).sort()).toEqual(quotes.map((q) => `'${q}`).sort());
    // Read back, every cell is what was stored: the export's marks are undone, nothing changes.
    const back = await request(t.app).post('/api/imports/statements').send({ csv: csv.text });
    expect(back.status).toBe(200);
    expect(back.body.created.statements).toBe(0);
    expect(back.body.updated.statements).toBe(0);
    expect(back.body.unchanged.statements).toBeGreaterThanOrEqual(quotes.length);
  });
});
