import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ingestFiles } from '../../src/cli/ingest-command';
import type { Statement } from '../../src/model/statement-schema';
import { startTestApp, type TestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';

const TEXT =
  'Mexican President Claudia Sheinbaum rejected the plan. "We will never accept intervention," Sheinbaum said on Tuesday.';

/** Issue 14, item 6: a document without a date gives claims without a date, never the day it was read. */
describe('undated documents stay undated', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ seed: true });
  });
  afterEach(() => t.store.close());

  const proposals = async (documentId: string): Promise<Statement[]> =>
    (await request(t.app).get(`/api/documents/${documentId}/extractions`)).body.statements;

  it('POST /api/documents without publishedAt proposes statements without statedAt', async () => {
    const res = await request(t.app).post('/api/documents?wait=true').send({ title: 'Undated wire copy', text: TEXT });
    expect(res.status).toBe(201);
    expect(res.body.publishedAt).toBeUndefined();
    const statements = await proposals(res.body.id);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s.statedAt).toBeUndefined();
      expect(s.note).toMatch(/undated/);
    }
  });

  it('POST /api/documents with publishedAt dates its statements by it', async () => {
    const res = await request(t.app)
      .post('/api/documents?wait=true')
      .send({ title: 'Dated wire copy', text: TEXT, publishedAt: '2025-10-21' });
    expect(res.status).toBe(201);
    for (const s of await proposals(res.body.id)) expect(s.statedAt).toBe('2025-10-21');
  });

  it('the CLI takes a date from the file or from --date, and invents none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-undated-'));
    try {
      fs.writeFileSync(path.join(dir, 'plain.txt'), `Plain wire copy\n\n${TEXT}`);
      fs.writeFileSync(
        path.join(dir, 'dated.md'),
        `# Sheinbaum answers\nDate: 2025-10-21\n\n${TEXT.replace('Tuesday', 'Monday')}`,
      );
      fs.writeFileSync(
        path.join(dir, 'page.html'),
        `<html><head><title>Sheinbaum answers again</title><meta property="article:published_time" content="2025-11-03T09:00:00Z"></head><body><p>${TEXT.replace('Tuesday', 'Wednesday')}</p></body></html>`,
      );
      const summary = await ingestFiles([dir], t.store, testConfig());
      expect(summary.failed).toBe(0);
      const documents = (await t.store.list('documents', { limit: 50, offset: 0 })).items;
      const dateOf = (title: string) => documents.find((d) => d.title === title)?.publishedAt;
      expect(documents.find((d) => d.title === 'Plain wire copy')).toBeDefined();
      expect(dateOf('Plain wire copy')).toBeUndefined();
      expect(dateOf('Sheinbaum answers')).toBe('2025-10-21');
      expect(dateOf('Sheinbaum answers again')).toBe('2025-11-03');

      const again = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-dated-'));
      fs.writeFileSync(
        path.join(again, 'other.txt'),
        `Other wire copy\n\n${TEXT.replace('Tuesday', 'Friday')}`,
      );
      await ingestFiles([again], t.store, testConfig(), { show: false }, { date: '2025-12-01' });
      fs.rmSync(again, { recursive: true, force: true });
      const other = (await t.store.list('documents', { limit: 50, offset: 0 })).items.find(
        (d) => d.title === 'Other wire copy',
      );
      expect(other?.publishedAt).toBe('2025-12-01');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps undated statements out of bounded windows and out of stance changes', async () => {
    const post = (body: object) => request(t.app).post('/api/statements').send(body);
    const base = { actorId: 'mike-vigil', topicId: 'us-strikes-on-cartels-in-mexico' };
    expect(
      (await post({ ...base, id: 'st-vigil-dated', polarity: 'support', statedAt: '2025-01-05' })).status,
    ).toBe(201);
    const undated = await post({ ...base, id: 'st-vigil-undated', polarity: 'oppose' });
    expect(undated.status).toBe(201);
    expect(undated.body.statedAt).toBeUndefined();

    const listed = async (query: string) =>
      (
        (await request(t.app).get(`/api/statements?actorId=mike-vigil&${query}`)).body.items as Statement[]
      ).map((s) => s.id);
    expect(await listed('')).toEqual(expect.arrayContaining(['st-vigil-dated', 'st-vigil-undated']));
    expect(await listed('to=2099-12-31')).not.toContain('st-vigil-undated');
    expect(await listed('from=2000-01-01')).not.toContain('st-vigil-undated');

    const changes = await request(t.app).get('/api/analytics/stance-changes?actor=mike-vigil');
    expect(changes.status).toBe(200);
    expect(JSON.stringify(changes.body)).not.toMatch(/st-vigil-undated/);

    // The dated statement is the current stance; the undated one never supersedes it.
    const positions = await request(t.app).get('/api/topics/us-strikes-on-cartels-in-mexico/positions');
    expect(JSON.stringify(positions.body)).toMatch(/st-vigil-dated/);
    expect(JSON.stringify(positions.body)).not.toMatch(/st-vigil-undated/);

    // A PATCH with null makes a dated statement undated; the CSV export leaves its date empty.
    const patched = await request(t.app).patch('/api/statements/st-vigil-dated').send({ statedAt: null });
    expect(patched.status).toBe(200);
    expect(patched.body.statedAt).toBeUndefined();
    const csv = await request(t.app).get('/api/network?kind=actor-topic&format=csv&acceptedOnly=false');
    expect(csv.text).toMatch(/st-vigil-undated,mike-vigil,[^\n]*,oppose,0\.5,,day,/);
  });
});
