import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

const SEED_DOCUMENT = 'us-drone-strikes-mexico-cartels-2025-04-10';
const HEGSETH = 'st-hegseth-warns-of-military-operation';
const HEGSETH_SENTENCE =
  "And according to the Wall Street Journal, Defense Secretary Pete Hegseth has warned Mexico behind closed doors of a military operation if Trump's demands are not met.";
const HEADER =
  'statement_id,actor,topic,agreement,date,quote,document_id,evidence,evidence_start,evidence_end';

/** Issue 14, items 1 and 2: what enters is checked against its document, and nothing is overwritten by surprise. */
describe('evidence is verified wherever a claim enters', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ seed: true });
  });
  afterEach(() => t.store.close());

  const statement = (extra: Record<string, unknown>) => ({
    actorId: 'pete-hegseth',
    topicId: 'us-strikes-on-cartels-in-mexico',
    polarity: 'support',
    statedAt: '2025-04-10',
    documentId: SEED_DOCUMENT,
    evidence: { sentence: HEGSETH_SENTENCE, start: 2281, end: 2447 },
    ...extra,
  });
  const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  it('POST refuses a quote that is not in the document, beside a valid sentence, naming quote', async () => {
    const res = await request(t.app)
      .post('/api/statements')
      .send(statement({ quote: 'A quote that is not there' }));
    expect(res.status).toBe(422);
    expect(fields(res)).toEqual(['quote']);
    expect((await t.store.list('statements', { limit: 500, offset: 0 })).total).toBe(15);
  });

  it('accepts a quote written with other quotation marks and line breaks than the text, and marks it verified', async () => {
    const res = await request(t.app)
      .post('/api/statements')
      .send(statement({ quote: '“has warned Mexico behind   closed\ndoors”' }));
    expect(res.status).toBe(201);
    expect(res.body.evidenceStatus).toBe('verified');
  });

  it('PATCH refuses a quote that is not in the document', async () => {
    const res = await request(t.app)
      .patch(`/api/statements/${HEGSETH}`)
      .send({ quote: 'We will invade on Monday' });
    expect(res.status).toBe(422);
    expect(fields(res)).toEqual(['quote']);
    expect((await t.store.get('statements', HEGSETH))?.quote).toBeUndefined();
  });

  it('keeps a claim on a document without text, marked unverified in the record and in the opponents answer', async () => {
    const doc = await request(t.app)
      .post('/api/imports/graph')
      .send({
        graph: { documents: [{ id: 'nbc-report-without-text', title: 'NBC News report (offline)' }] },
      });
    expect(doc.status).toBe(200);
    const claim = await request(t.app).post('/api/statements').send({
      actorId: 'claudia-sheinbaum',
      topicId: 'us-strikes-on-cartels-in-mexico',
      polarity: 'oppose',
      statedAt: '2025-04-11',
      quote: 'We will never accept it',
      documentId: 'nbc-report-without-text',
    });
    expect(claim.status).toBe(201);
    expect(claim.body.evidenceStatus).toBe('unverified');
    const opponents = await request(t.app).get('/api/actors/pete-hegseth/opponents');
    const evidence = opponents.body.items.flatMap((item: { reasons: { evidence: object[] }[] }) =>
      item.reasons.flatMap((reason) => reason.evidence),
    ) as { statementId?: string; evidenceStatus?: string }[];
    expect(evidence.find((e) => e.statementId === claim.body.id)?.evidenceStatus).toBe('unverified');
    expect(evidence.find((e) => e.statementId === HEGSETH)?.evidenceStatus).toBe('verified');
    const csv = await request(t.app).get('/api/network?kind=actor-topic&format=csv');
    const row = csv.text.split('\n').find((line) => line.startsWith(`${claim.body.id},`));
    expect(row).toMatch(/,unverified$/);
  });

  it('a graph import refuses a statement whose evidence is not in its document, as POST does', async () => {
    const res = await request(t.app)
      .post('/api/imports/graph')
      .send({
        graph: {
          statements: [
            statement({ id: 'st-bad-span', evidence: { sentence: 'Nothing like this.', start: 0, end: 18 } }),
            statement({ id: 'st-bad-quote', quote: 'A quote that is not there' }),
          ],
        },
      });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'rows.1.statements.evidence',
      'rows.2.statements.quote',
    ]);
    expect(await t.store.get('statements', 'st-bad-quote')).toBeUndefined();
  });

  it('a CSV import refuses a quote that is not in its document, naming the quote column', async () => {
    const csv = `${HEADER}\nst-csv-quote,pete-hegseth,us-strikes-on-cartels-in-mexico,1,2025-04-10,A quote that is not there,${SEED_DOCUMENT},,,\n`;
    const res = await request(t.app).post('/api/imports/statements').send({ csv });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['rows.2.quote']);
  });

  it('a review edit refuses a corrected quote that is not in the document', async () => {
    const ingest = await request(t.app).post('/api/documents?wait=true').send({
      title: 'Sheinbaum answers Trump',
      format: 'text',
      text: 'Mexican President Claudia Sheinbaum rejected the plan. "We will never accept intervention," Sheinbaum said on Tuesday.',
    });
    expect(ingest.status).toBe(201);
    const list = await request(t.app).get(`/api/documents/${ingest.body.id}/extractions`);
    const proposal = list.body.statements[0];
    expect(proposal).toBeDefined();
    const review = (changes: object) =>
      request(t.app)
        .post(`/api/documents/${ingest.body.id}/extractions/statements/${proposal.id}/review`)
        .send({ action: 'edit', reviewer: 'ana', changes });
    const bad = await review({ quote: 'We welcome intervention' });
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual(['changes.quote']);
    const good = await review({ quote: 'We will never accept intervention' });
    expect(good.status).toBe(200);
    expect(good.body.statements[0].evidenceStatus).toBe('verified');
  });
});

describe('imports overwrite nothing by surprise', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ seed: true });
  });
  afterEach(() => t.store.close());

  it("refuses a graph import that would replace a seed document's text, even with onExisting=update", async () => {
    const before = await t.store.get('documents', SEED_DOCUMENT);
    const graph = { documents: [{ id: SEED_DOCUMENT, title: 'R', text: 'Nothing here.' }] };
    const res = await request(t.app).post('/api/imports/graph').send({ graph });
    expect(res.status).toBe(409);
    const update = await request(t.app).post('/api/imports/graph?onExisting=update').send({ graph });
    expect(update.status).toBe(409);
    expect(update.body.errors[0]).toMatchObject({ field: 'rows.1.documents.text' });
    expect(update.body.errors[0].message).toMatch(/cannot change: claims point into it/);
    expect(await t.store.get('documents', SEED_DOCUMENT)).toEqual(before);
    // Every seed statement still patches.
    const patch = await request(t.app).patch(`/api/statements/${HEGSETH}`).send({ intensity: 0.8 });
    expect(patch.status).toBe(200);
  });

  it('answers 409 for an existing id with other content, unless onExisting=update; an identical record is unchanged', async () => {
    const hegseth = await t.store.get('statements', HEGSETH);
    const changed = { ...hegseth, intensity: 0.9 };
    delete (changed as { evidenceStatus?: string }).evidenceStatus;
    const conflict = await request(t.app)
      .post('/api/imports/graph')
      .send({ graph: { statements: [changed] } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors[0].field).toBe('rows.1.statements.id');
    expect((await t.store.get('statements', HEGSETH))?.intensity).toBe(0.7);

    const same = { ...hegseth };
    delete (same as { evidenceStatus?: string }).evidenceStatus;
    const unchanged = await request(t.app)
      .post('/api/imports/graph')
      .send({ graph: { statements: [same] } });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({
      created: { statements: 0 },
      updated: { statements: 0 },
      unchanged: { statements: 1 },
    });

    const updated = await request(t.app)
      .post('/api/imports/graph?onExisting=update')
      .send({ graph: { statements: [changed] } });
    expect(updated.status).toBe(200);
    expect(updated.body.updated.statements).toBe(1);
    expect(await t.store.get('statements', HEGSETH)).toMatchObject({
      intensity: 0.9,
      evidenceStatus: 'verified',
    });
  });

  it("a CSV row reusing a curated statement's id is a conflict, not a wipe of its actor, quote and evidence", async () => {
    const before = await t.store.get('statements', HEGSETH);
    const csv = `${HEADER}\n${HEGSETH},ronald-johnson,us-strikes-on-cartels-in-mexico,0,2025-04-10,,,,,\n`;
    const res = await request(t.app).post('/api/imports/statements').send({ csv });
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({ field: 'rows.2.statement_id' });
    expect(await t.store.get('statements', HEGSETH)).toEqual(before);
    const partial = await request(t.app).post('/api/imports/statements?partial=true').send({ csv });
    expect(partial.status).toBe(200);
    expect(partial.body.rejected).toEqual([expect.objectContaining({ row: 2, field: 'statement_id' })]);
    expect(await t.store.get('statements', HEGSETH)).toEqual(before);
  });

  it('a typo in a topic id is an error unless createMissing=true asks to create it', async () => {
    const csv = `${HEADER}\n,pete-hegseth,us-strikes-on-cartels-in-mexcio,1,2025-04-11,,,,,\n`;
    const res = await request(t.app).post('/api/imports/statements').send({ csv });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'rows.2.topic', message: expect.stringMatching(/unknown topic/) }),
    ]);
    expect(await t.store.get('topics', 'us-strikes-on-cartels-in-mexcio')).toBeUndefined();
    const created = await request(t.app).post('/api/imports/statements?createMissing=true').send({ csv });
    expect(created.status).toBe(200);
    expect(created.body.created).toMatchObject({ topics: 1, statements: 1 });
  });

  it('a second document with the same text is 409 naming the existing one, also with partial=true', async () => {
    const text = (await t.store.get('documents', SEED_DOCUMENT))!.text!;
    for (const query of ['', '?partial=true']) {
      const res = await request(t.app)
        .post(`/api/imports/graph${query}`)
        .send({ graph: { documents: [{ id: 'a-copy-of-the-seed', title: 'Copy', text }] } });
      if (query === '') {
        expect(res.status).toBe(409);
        expect(res.body.errors[0].message).toMatch(new RegExp(`same text as document '${SEED_DOCUMENT}'`));
      } else {
        expect(res.status).toBe(200);
        expect(res.body.rejected[0].reason).toMatch(new RegExp(`same text as document '${SEED_DOCUMENT}'`));
      }
    }
    const twins = await request(t.app)
      .post('/api/imports/graph?partial=true')
      .send({
        graph: {
          documents: [
            { id: 'first-twin', title: 'One', text: 'Sheinbaum rejected the plan on Tuesday.' },
            { id: 'second-twin', title: 'Two', text: 'Sheinbaum rejected the plan on Tuesday.' },
          ],
        },
      });
    expect(twins.status).toBe(200);
    expect(twins.body.created.documents).toBe(1);
    expect(twins.body.rejected[0].reason).toMatch(/same text as document 'first-twin'/);
    expect(await t.store.get('documents', 'second-twin')).toBeUndefined();
  });

  it('writes nothing when one row of many is refused', async () => {
    const before = await t.store.counts();
    const res = await request(t.app)
      .post('/api/imports/graph')
      .send({
        graph: {
          actors: [{ id: 'new-analyst', name: 'New Analyst', kind: 'expert' }],
          documents: [{ id: SEED_DOCUMENT, title: 'R', text: 'Nothing here.' }],
        },
      });
    expect(res.status).toBe(409);
    expect(await t.store.counts()).toEqual(before);
  });
});
