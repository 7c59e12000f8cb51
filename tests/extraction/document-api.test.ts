import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import type { GraphStore } from '../../src/store/graph-store';
import { startTestApp } from '../support/test-app';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../fixtures/extraction', `${name}.txt`), 'utf8');
const GLOBALNEWS = fixture('globalnews-2025-04-sheinbaum-drone-strikes');

let store: GraphStore;
afterEach(async () => {
  await store?.close();
});

describe('POST /api/documents', () => {
  it('stores the document and proposes claims anchored to its text', async () => {
    const env = await startTestApp();
    store = env.store;
    const res = await request(env.app)
      .post('/api/documents?wait=true')
      .send({
        title: 'Sheinbaum rejects drone strikes',
        outlet: 'Global News',
        publishedAt: '2025-04-09',
        text: GLOBALNEWS,
      })
      .expect(201);
    expect(res.headers.location).toBe(`/api/documents/${res.body.id}`);
    expect(res.body.duplicate).toBe(false);
    expect(res.body.extraction.extractor).toEqual({ name: 'stancegraph-rules', version: expect.any(String) });
    expect(res.body.extraction.written.statements).toBeGreaterThan(0);

    const list = await request(env.app).get(`/api/documents/${res.body.id}/extractions`).expect(200);
    expect(list.body.statements.length).toBe(res.body.extraction.written.statements);
    for (const claim of [...list.body.statements, ...list.body.relations]) {
      expect(claim.reviewStatus).toBe('proposed');
      expect(claim.method).toBe('rules');
      expect(claim.extractor.name).toBe('stancegraph-rules');
      expect(claim.confidence).toBeGreaterThan(0);
      expect(GLOBALNEWS.slice(claim.evidence.start, claim.evidence.end)).toBe(claim.evidence.sentence);
      if (claim.quote) expect(claim.evidence.sentence).toContain(claim.quote);
    }
    const sheinbaum = list.body.actors.find((a: { name: string }) => a.name === 'Claudia Sheinbaum');
    expect(sheinbaum).toMatchObject({ reviewStatus: 'proposed', kind: 'official' });
    const byHer = list.body.statements.filter((s: { actorId: string }) => s.actorId === sheinbaum.id);
    expect(byHer.some((s: { polarity: string }) => s.polarity === 'oppose')).toBe(true);

    // Proposals stay out of the relationship queries until someone accepts them.
    const opponents = await request(env.app).get(`/api/actors/${sheinbaum.id}/opponents`).expect(200);
    expect(opponents.body).toMatchObject({ items: [], total: 0 });
  });

  it('proposes a relayed accusation as one record: the accuser, the accused and the outlet', async () => {
    const env = await startTestApp();
    store = env.store;
    await request(env.app).post('/api/actors').send({ name: 'Reuters', kind: 'media' }).expect(201);
    const text = [
      'Senator Lindsey Graham accused Colombian President Gustavo Petro of shielding drug traffickers, Reuters reported.',
      'The senator spoke to reporters in Washington on Monday, and it was the latest of his attacks on the leader of Colombia.',
    ].join(' ');
    const res = await request(env.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Graham accuses Petro', publishedAt: '2025-10-20', text })
      .expect(201);
    const list = await request(env.app).get(`/api/documents/${res.body.id}/extractions`).expect(200);
    const accusation = list.body.relations.find((r: { type: string }) => r.type === 'accuses');
    expect(accusation).toMatchObject({
      sourceId: 'lindsey-graham',
      targetId: 'gustavo-petro',
      reportedById: 'reuters',
    });
  });

  it('ingesting the same text twice duplicates nothing', async () => {
    const env = await startTestApp();
    store = env.store;
    const body = { title: 'Sheinbaum rejects drone strikes', text: GLOBALNEWS };
    await request(env.app).post('/api/documents?wait=true').send(body).expect(201);
    const before = await store.counts();
    const again = await request(env.app)
      .post('/api/documents?wait=true')
      .send({ ...body, title: 'Same article, other title' })
      .expect(201);
    expect(again.body.duplicate).toBe(true);
    expect(await store.counts()).toEqual(before);
    // Running extraction again adds at most what the now larger graph lets it see, once.
    await request(env.app).post(`/api/documents/${again.body.id}/extractions`).expect(200);
    const settled = await store.counts();
    const rerun = await request(env.app).post(`/api/documents/${again.body.id}/extractions`).expect(200);
    expect(rerun.body.extraction.written).toEqual({
      actors: 0,
      topics: 0,
      statements: 0,
      relations: 0,
      affiliations: 0,
    });
    expect(await store.counts()).toEqual(settled);
  });

  it('auto-accepts proposals at or above the configured confidence', async () => {
    const env = await startTestApp({ config: { extraction: { extractor: 'rules', autoAcceptAbove: 0.5 } } });
    store = env.store;
    const res = await request(env.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Global News', text: GLOBALNEWS })
      .expect(201);
    const list = await request(env.app).get(`/api/documents/${res.body.id}/extractions`).expect(200);
    for (const s of list.body.statements) {
      expect(s.reviewStatus).toBe(s.confidence >= 0.5 ? 'accepted' : 'proposed');
      if (s.reviewStatus === 'accepted') expect(s.reviewedBy).toBe('auto-accept');
    }
    const accepted = list.body.statements.filter(
      (s: { reviewStatus: string }) => s.reviewStatus === 'accepted',
    );
    expect(accepted.length).toBeGreaterThan(0);
    for (const s of accepted) expect((await store.get('actors', s.actorId))?.reviewStatus).toBe('accepted');
  });
});

describe('GET /api/documents/{id}/extractions', () => {
  it('pages the claims, each page with the actors and topics its claims name, and counts them all', async () => {
    const env = await startTestApp();
    store = env.store;
    const res = await request(env.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Sheinbaum rejects drone strikes', publishedAt: '2025-04-09', text: GLOBALNEWS })
      .expect(201);
    const url = `/api/documents/${res.body.id}/extractions`;
    const whole = (await request(env.app).get(`${url}?limit=500`).expect(200)).body;
    const written = res.body.extraction.written.statements;
    expect(whole.total.statements).toBe(written);
    expect(written).toBeGreaterThan(2);

    const seen: string[] = [];
    for (let offset = 0; offset < whole.total.statements; offset += 2) {
      const page = (await request(env.app).get(`${url}?limit=2&offset=${offset}`).expect(200)).body;
      expect(page).toMatchObject({ limit: 2, offset, total: whole.total });
      expect(page.statements.length).toBe(Math.min(2, written - offset));
      seen.push(...page.statements.map((s: { id: string }) => s.id));
      const actorIds = page.actors.map((a: { id: string }) => a.id);
      for (const s of page.statements) expect(actorIds).toContain(s.actorId);
      expect(page.topics.map((t: { id: string }) => t.id).sort()).toEqual(
        [...new Set(page.statements.map((s: { topicId: string }) => s.topicId))].sort(),
      );
    }
    expect(seen).toEqual(whole.statements.map((s: { id: string }) => s.id));

    const past = (await request(env.app).get(`${url}?offset=${written}`).expect(200)).body;
    expect(past.statements).toEqual([]);
    expect(past.total.statements).toBe(written);
  });

  it('counts only the claims in the review status asked for', async () => {
    const env = await startTestApp();
    store = env.store;
    const res = await request(env.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Sheinbaum rejects drone strikes', publishedAt: '2025-04-09', text: GLOBALNEWS })
      .expect(201);
    const url = `/api/documents/${res.body.id}/extractions`;
    const [first] = (await request(env.app).get(url).expect(200)).body.statements;
    await request(env.app)
      .post(`${url}/statements/${first.id}/review`)
      .send({ action: 'accept', reviewer: 'analyst@example.org' })
      .expect(200);
    const accepted = (await request(env.app).get(`${url}?reviewStatus=accepted&limit=1`).expect(200)).body;
    expect(accepted.total.statements).toBe(1);
    expect(accepted.statements.map((s: { id: string }) => s.id)).toEqual([first.id]);
    const proposed = (await request(env.app).get(`${url}?reviewStatus=proposed&limit=1`).expect(200)).body;
    expect(proposed.total.statements).toBe(res.body.extraction.written.statements - 1);
    expect(proposed.statements).toHaveLength(1);
  });

  it('names the field when the page is out of range', async () => {
    const env = await startTestApp();
    store = env.store;
    const res = await request(env.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Sheinbaum rejects drone strikes', publishedAt: '2025-04-09', text: GLOBALNEWS })
      .expect(201);
    const bad = await request(env.app).get(`/api/documents/${res.body.id}/extractions?limit=0`).expect(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.body)).toContain('limit');
  });
});

describe('reviewing proposals', () => {
  async function ingested() {
    const env = await startTestApp();
    store = env.store;
    const res = await request(env.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Global News', text: GLOBALNEWS })
      .expect(201);
    const id = res.body.id as string;
    const list = await request(env.app).get(`/api/documents/${id}/extractions`).expect(200);
    return { app: env.app, id, list: list.body };
  }

  it('accepting a statement records who and when, and accepts its proposed actor', async () => {
    const { app, id, list } = await ingested();
    const statement = list.statements[0];
    const res = await request(app)
      .post(`/api/documents/${id}/extractions/statements/${statement.id}/review`)
      .send({ action: 'accept', reviewer: 'analyst@example.org' })
      .expect(200);
    expect(res.body.statements[0]).toMatchObject({
      id: statement.id,
      reviewStatus: 'accepted',
      reviewedBy: 'analyst@example.org',
      reviewOutcome: 'accepted',
    });
    expect(Date.parse(res.body.statements[0].reviewedAt)).not.toBeNaN();
    expect((await store.get('actors', statement.actorId))?.reviewStatus).toBe('accepted');
    const stances = await request(app).get(`/api/actors/${statement.actorId}/stances`).expect(200);
    expect(JSON.stringify(stances.body)).toContain(statement.id);
  });

  it('an edit corrects the proposal and accepts it; a bad edit names the field and changes nothing', async () => {
    const { app, id, list } = await ingested();
    const statement = list.statements[0];
    const flipped = statement.polarity === 'support' ? 'oppose' : 'support';
    const bad = await request(app)
      .post(`/api/documents/${id}/extractions/statements/${statement.id}/review`)
      .send({ action: 'edit', reviewer: 'ana', changes: { polarity: 'sideways' } })
      .expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('polarity');
    expect((await store.get('statements', statement.id))?.reviewStatus).toBe('proposed');

    const res = await request(app)
      .post(`/api/documents/${id}/extractions/statements/${statement.id}/review`)
      .send({ action: 'edit', reviewer: 'ana', changes: { polarity: flipped, note: 'polarity corrected' } })
      .expect(200);
    expect(res.body.statements[0]).toMatchObject({
      polarity: flipped,
      reviewStatus: 'accepted',
      reviewOutcome: 'edited',
    });
  });

  it('rejecting an actor rejects the pending claims that name it', async () => {
    const { app, id, list } = await ingested();
    const actor = list.actors.find((a: { id: string }) =>
      list.statements.some((s: { actorId: string }) => s.actorId === a.id),
    );
    const res = await request(app)
      .post(`/api/documents/${id}/extractions/actors/${actor.id}/review`)
      .send({ action: 'reject', reviewer: 'ana' })
      .expect(200);
    expect(res.body.actors[0].reviewStatus).toBe('rejected');
    const pending = await request(app)
      .get(`/api/documents/${id}/extractions?reviewStatus=proposed`)
      .expect(200);
    expect(pending.body.statements.some((s: { actorId: string }) => s.actorId === actor.id)).toBe(false);
  });

  it('answers 404 for a proposal of another document and 409 for an actor that is no proposal', async () => {
    const { app, id, list } = await ingested();
    await request(app)
      .post(`/api/documents/other-document/extractions/statements/${list.statements[0].id}/review`)
      .send({ action: 'accept', reviewer: 'ana' })
      .expect(404);
    await store.create('actors', { id: 'hand-made', name: 'Hand Made', aliases: [], kind: 'person' });
    await request(app)
      .post(`/api/documents/${id}/extractions/actors/hand-made/review`)
      .send({ action: 'accept', reviewer: 'ana' })
      .expect(409);
  });
});

describe('bad input', () => {
  const post = (app: Express, body: object) => request(app).post('/api/documents?wait=true').send(body);

  it('refuses empty text and binary data naming the field, writing nothing', async () => {
    const env = await startTestApp();
    store = env.store;
    for (const text of ['', '   \n ', '<p> </p>', '\u0000\u0001\u0002PK\u0003\u0004binary']) {
      const res = await post(env.app, { title: 'x', text }).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).toContain('text');
    }
    expect((await store.counts()).documents).toBe(0);
  });

  it('refuses a 10 MB body with 413', async () => {
    const env = await startTestApp();
    store = env.store;
    const res = await post(env.app, { title: 'big', text: 'a'.repeat(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await store.counts()).documents).toBe(0);
  });

  it('drops scripts from HTML and keeps evidence pointing into the stored text', async () => {
    const env = await startTestApp();
    store = env.store;
    const html = `<html><head><script>alert("Sheinbaum said we reject")</script><style>p{}</style></head><body>${GLOBALNEWS.split(
      '\n\n',
    )
      .map((p) => `<p>${p}</p>`)
      .join('')}</body></html>`;
    const res = await post(env.app, { title: 'html', text: html }).expect(201);
    expect(res.body.text).not.toContain('alert');
    expect(res.body.text).not.toContain('<p>');
    const list = await request(env.app).get(`/api/documents/${res.body.id}/extractions`).expect(200);
    expect(list.body.statements.length).toBeGreaterThan(0);
    for (const s of list.body.statements) {
      expect(res.body.text.slice(s.evidence.start, s.evidence.end)).toBe(s.evidence.sentence);
    }
  });

  it('stores non-English text with zero proposals', async () => {
    const env = await startTestApp();
    store = env.store;
    const spanish =
      'La presidenta Claudia Sheinbaum rechazó este martes cualquier intervención militar de Estados Unidos en México. ' +
      '"No aceptamos la injerencia", dijo la mandataria en su conferencia de prensa matutina en Palacio Nacional.';
    const res = await post(env.app, { title: 'es', text: spanish }).expect(201);
    expect(res.body.extraction.skipped).toMatch(/English/);
    const counts = await store.counts();
    expect(counts).toMatchObject({ documents: 1, statements: 0, relations: 0, actors: 0 });
  });
});
