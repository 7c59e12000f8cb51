import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { stringify } from 'csv-stringify/sync';
import { PROJECT_ROOT } from '../../src/config/config';
import { startTestApp, type TestApp } from '../support/test-app';

const HEADER = ['actor', 'actor_name', 'topic', 'agreement', 'date', 'quote', 'source'];

/** Rows in the words of the news excerpts in tests/fixtures/extraction. */
const GOOD_ROWS = [
  [
    'Claudia Sheinbaum',
    '',
    'unilateral-us-strikes-in-mexico',
    '0',
    '2025-10-21',
    'We do not agree with any kind of attack on Mexican territory',
    'Tag24',
  ],
  [
    'gustavo-petro',
    'Gustavo Petro',
    'Strikes on boats in the Caribbean',
    'no',
    '2025-10-19',
    'The fisherman had no ties to the drug trade',
    'Caribbean Focus',
  ],
];

const csv = (rows: string[][], header = HEADER) => stringify([header, ...rows]);

describe('importing a statements table', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ seed: true });
  });
  afterEach(() => t.store.close());

  const counts = () => t.store.counts();

  it('round-trips the exported table into an empty store', async () => {
    const exported = (
      await request(t.app).get('/api/network').query({ kind: 'agreement', format: 'csv' }).expect(200)
    ).text;
    const empty = await startTestApp();
    const res = await request(empty.app)
      .post('/api/imports/statements')
      .query({ createMissing: true })
      .send({ csv: exported })
      .expect(200);
    expect(res.body.imported).toMatchObject({ statements: 15, topics: 7, documents: 1 });
    expect(res.body.rejected).toEqual([]);
    const before = await t.store.get('statements', 'st-sheinbaum-rejects-interference');
    const after = await empty.store.get('statements', 'st-sheinbaum-rejects-interference');
    // The table carries the source, not its text: the same statement, its evidence now unverified.
    expect(before?.evidenceStatus).toBe('verified');
    expect(after).toEqual({ ...before, evidenceStatus: 'unverified' });
    const again = (
      await request(empty.app).get('/api/network').query({ kind: 'agreement', format: 'csv' }).expect(200)
    ).text;
    expect(again.split('\n')[0]).toBe(exported.split('\n')[0]);
    await empty.store.close();
  });

  it('finds actors and topics by name, creates the ones it does not know, and keeps the source', async () => {
    const res = await request(t.app)
      .post('/api/imports/statements')
      .query({ createMissing: true })
      .send({ csv: csv(GOOD_ROWS) })
      .expect(200);
    expect(res.body.imported).toMatchObject({ statements: 2, actors: 1, topics: 1, documents: 2 });
    const sheinbaum = await request(t.app)
      .get('/api/statements')
      .query({ actorId: 'claudia-sheinbaum', from: '2025-10-21' })
      .expect(200);
    expect(sheinbaum.body.items[0]).toMatchObject({
      polarity: 'oppose',
      statedAt: '2025-10-21',
      documentId: 'tag24',
    });
    expect(await t.store.get('actors', 'gustavo-petro')).toMatchObject({
      name: 'Gustavo Petro',
      kind: 'other',
    });
    expect(await t.store.get('topics', 'strikes-on-boats-in-the-caribbean')).toBeDefined();
  });

  it('rejects bad rows naming row, field and reason, and writes nothing', async () => {
    const bad = [
      GOOD_ROWS[0]!,
      [
        'Pete Hegseth',
        '',
        'us-strikes-on-cartels-in-mexico',
        'maybe',
        '2025-09-02',
        'We will hunt them down',
        'NPR',
      ],
      [
        'Donald Trump',
        '',
        'us-strikes-on-cartels-in-mexico',
        '1',
        '2025-02-30',
        'We are going to hit land',
        'Newsmax',
      ],
      ['', '', 'us-strikes-on-cartels-in-mexico', '1', '2025-09-02', '', ''],
    ];
    const before = await counts();
    const res = await request(t.app)
      .post('/api/imports/statements')
      .send({ csv: csv(bad) })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.detail).toMatch(/3 rows rejected, nothing was imported/);
    const fields = res.body.errors.map((e: { field: string; message: string }) => e.field);
    // The header is row 1, so the data rows are 2 to 5.
    expect(fields).toEqual(['rows.3.agreement', 'rows.4.date', 'rows.5.actor']);
    expect(res.body.errors[1].message).toMatch(/calendar date/);
    expect(await counts()).toEqual(before);
  });

  it('imports the valid rows and reports the others when asked for a partial import', async () => {
    const bad = [
      GOOD_ROWS[0]!,
      ['Pete Hegseth', '', 'us-strikes-on-cartels-in-mexico', '1', 'last week', '', ''],
    ];
    const before = await counts();
    const res = await request(t.app)
      .post('/api/imports/statements')
      .query({ partial: 'true' })
      .send({ csv: csv(bad) })
      .expect(200);
    expect(res.body.imported.statements).toBe(1);
    expect(res.body.rejected).toEqual([
      { row: 3, field: 'date', reason: expect.stringMatching(/YYYY-MM-DD/) },
    ]);
    expect((await counts()).statements).toBe(before.statements + 1);
  });

  it('rejects a row whose document is unknown and gives no source to create it', async () => {
    const rows = [
      ['Claudia Sheinbaum', 'unilateral-us-strikes-in-mexico', '0', '2025-10-21', 'no-such-article'],
    ];
    const res = await request(t.app)
      .post('/api/imports/statements')
      .send({ csv: csv(rows, ['actor', 'topic', 'agreement', 'date', 'document_id']) })
      .expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'rows.2.document_id',
        message: expect.stringMatching(/unknown document/),
      }),
    ]);
  });
});

describe('importing graph JSON', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ seed: true });
  });
  afterEach(() => t.store.close());

  it('reads an exported actor-topic network back as actors, topics and statements', async () => {
    const graph = (await request(t.app).get('/api/network').query({ kind: 'actor-topic' }).expect(200)).body;
    const other = await startTestApp();
    const seedDocument = await t.store.get('documents', 'us-drone-strikes-mexico-cartels-2025-04-10');
    await other.store.upsertSnapshot({ documents: [seedDocument!] });
    const res = await request(other.app).post('/api/imports/graph').send({ graph }).expect(200);
    expect(res.body.imported).toMatchObject({ actors: 9, topics: 7, statements: 14 });
    const agreement = async (app: TestApp) =>
      (await request(app.app).get('/api/network').query({ kind: 'agreement' }).expect(200)).body.edges.map(
        (e: { key: string; attributes: { weight: number } }) => `${e.key}=${e.attributes.weight}`,
      );
    expect(await agreement(other)).toEqual(await agreement(t));
    await other.store.close();
  });

  it('skips derived edges, and rejects records that break the schema without writing any', async () => {
    const agreement = (await request(t.app).get('/api/network').query({ kind: 'agreement' }).expect(200))
      .body;
    const derived = await request(t.app).post('/api/imports/graph').send({ graph: agreement }).expect(200);
    expect(derived.body.skipped).toBe(agreement.edges.length);

    const before = await t.store.counts();
    const snapshot = {
      actors: [
        {
          id: 'andres-manuel-lopez-obrador',
          name: 'Andrés Manuel López Obrador',
          kind: 'official',
          country: 'MX',
        },
      ],
      statements: [
        {
          actorId: 'andres-manuel-lopez-obrador',
          topicId: 'us-strikes-on-cartels-in-mexico',
          polarity: 'oppose',
          statedAt: '2023-03-09',
        },
        {
          actorId: 'andres-manuel-lopez-obrador',
          topicId: 'no-such-topic',
          polarity: 'oppose',
          statedAt: '2023-03-09',
        },
        {
          actorId: 'claudia-sheinbaum',
          topicId: 'us-strikes-on-cartels-in-mexico',
          polarity: 'against',
          statedAt: '2025-04-10',
        },
      ],
    };
    const res = await request(t.app).post('/api/imports/graph').send({ graph: snapshot }).expect(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'rows.2.statements.topicId',
      'rows.3.statements.polarity',
    ]);
    expect(await t.store.counts()).toEqual(before);
  });
});

describe('the import and export commands', () => {
  it('export the seed as a table and import it back, refusing a bad file whole', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-cli-'));
    const env = { ...process.env, LOG_LEVEL: 'silent', SEED_ON_START: 'false' };
    const run = (script: string, args: string[], dataDir: string) =>
      spawnSync(
        path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
        [path.join(PROJECT_ROOT, 'src/cli', script), ...args],
        {
          env: { ...env, DATA_DIR: dataDir },
          encoding: 'utf8',
        },
      );
    try {
      const source = path.join(dir, 'source');
      const target = path.join(dir, 'target');
      expect(run('seed-command.ts', [], source).status).toBe(0);
      const table = path.join(dir, 'statements.csv');
      expect(
        run('export-command.ts', ['--format', 'csv', '--kind', 'agreement', '--out', table], source).status,
      ).toBe(0);
      const imported = run('import-command.ts', [table, '--create-missing'], target);
      expect(imported.stdout).toMatch(/imported .*15 statements/);

      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(
        bad,
        csv([['Pete Hegseth', '', 'us-strikes-on-cartels-in-mexico', '1', 'soon', '', '']]),
      );
      const refused = run('import-command.ts', [bad], target);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/rows 2 date: must be a date in the form YYYY-MM-DD/);
      const partial = run('import-command.ts', [bad, '--partial'], target);
      expect(partial.stdout).toMatch(/rejected row 2, date/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
