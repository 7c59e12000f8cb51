import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

const GLOBALNEWS = readFileSync(
  path.join(__dirname, '../fixtures/extraction/globalnews-2025-04-sheinbaum-drone-strikes.txt'),
  'utf8',
);

let t: TestApp;
afterEach(async () => {
  await t?.store.close();
});

async function finished(app: TestApp['app'], jobId: string) {
  for (;;) {
    const res = await request(app).get(`/api/jobs/${jobId}`).expect(200);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    await sleep(20);
  }
}

describe('ingest jobs', () => {
  it('answers a posted document at once with a job, whose progress ends in the stored result', async () => {
    t = await startTestApp();
    const posted = await request(t.app)
      .post('/api/documents')
      .send({ title: 'Sheinbaum rejects drone strikes', outlet: 'Global News', text: GLOBALNEWS })
      .expect(202);
    expect(posted.headers.location).toBe(`/api/jobs/${posted.body.id}`);
    expect(posted.body).toMatchObject({ kind: 'ingest-document', title: 'Sheinbaum rejects drone strikes' });
    expect(['queued', 'running']).toContain(posted.body.status);

    const job = await finished(t.app, posted.body.id);
    expect(job.status).toBe('succeeded');
    expect(job.progress).toMatchObject({ phase: 'done', fraction: 1 });
    expect(job.result.extraction.written.statements).toBeGreaterThan(0);
    // The job keeps what the ingest wrote, not the text: the document has that.
    expect(job.result.text).toBeUndefined();
    expect(job.result.contentHash).toEqual(expect.any(String));
    const stored = await request(t.app).get(`/api/documents/${job.result.id}`).expect(200);
    expect(stored.body.text).toBe(GLOBALNEWS);

    const listed = await request(t.app).get('/api/jobs').expect(200);
    expect(listed.body.items.map((j: { id: string }) => j.id)).toContain(posted.body.id);
  });

  it('waits for the job with ?wait=true and answers 201 with the result, as a plain create', async () => {
    t = await startTestApp();
    const res = await request(t.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Global News', text: GLOBALNEWS })
      .expect(201);
    expect(res.headers.location).toBe(`/api/documents/${res.body.id}`);
    expect(res.body.duplicate).toBe(false);
  });

  it('fails a job whose HTML has no words, naming the field, and answers 422 when waited for', async () => {
    t = await startTestApp();
    const body = {
      title: 'Empty page',
      text: '<html><body><script>alert(1)</script><img src=x></body></html>',
    };
    const posted = await request(t.app).post('/api/documents').send(body).expect(202);
    const job = await finished(t.app, posted.body.id);
    expect(job).toMatchObject({ status: 'failed', error: { status: 422, errors: [{ field: 'text' }] } });
    const waited = await request(t.app).post('/api/documents?wait=true').send(body).expect(422);
    expect(waited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(waited.body.errors[0]).toMatchObject({ field: 'text' });
  });

  it('answers 404 for an unknown job and 422 for a bad wait flag', async () => {
    t = await startTestApp();
    await request(t.app).get('/api/jobs/job-nope').expect(404);
    const res = await request(t.app)
      .post('/api/documents?wait=maybe')
      .send({ title: 'x', text: 'She said no.' })
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'wait', in: 'query' });
  });
});

describe('GET /api/search', () => {
  it('finds quotes, evidence and document text with highlighted snippets and their records', async () => {
    t = await startTestApp({ seed: true });
    const res = await request(t.app).get('/api/search?q=reject%20interference').expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    const kinds = new Set(res.body.items.map((hit: { kind: string }) => hit.kind));
    expect(kinds.has('documents')).toBe(true);
    for (const hit of res.body.items) {
      const marked = hit.snippet.highlights.map((h: { start: number; end: number }) =>
        hit.snippet.text.slice(h.start, h.end).toLowerCase(),
      );
      expect(marked.some((word: string) => word.startsWith('reject'))).toBe(true);
      expect(hit.record).toBeDefined();
      if (hit.kind === 'documents') expect(hit.record.text).toBeUndefined();
    }
  });

  it('searches statement quotes with ?q= on /api/statements, with the other filters', async () => {
    t = await startTestApp({ seed: true });
    const all = await request(t.app).get('/api/statements?q=interference').expect(200);
    expect(all.body.total).toBeGreaterThan(0);
    for (const s of all.body.items) {
      expect(`${s.quote ?? ''} ${s.evidence?.sentence ?? ''}`.toLowerCase()).toContain('interference');
    }
    const none = await request(t.app).get('/api/statements?q=interference&polarity=neutral').expect(200);
    expect(none.body.items.every((s: { polarity: string }) => s.polarity === 'neutral')).toBe(true);
  });

  it('refuses a query without words, naming q', async () => {
    t = await startTestApp();
    const res = await request(t.app).get('/api/search?q=%20%21%21').expect(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'q', in: 'query' });
    await request(t.app).get('/api/search?q=x&kinds=actors').expect(422);
  });
});
