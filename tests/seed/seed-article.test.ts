import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/config/config';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startTestApp, type TestApp } from '../support/test-app';

type Statement = {
  id: string;
  actorId: string;
  topicId: string;
  polarity: string;
  quote?: string;
  note?: string;
  statedAt: string;
  datePrecision: string;
  evidence?: { sentence: string; start: number; end: number };
};
type Relation = { sourceId: string; targetId: string; type: string; quote?: string; date?: string };

/** What a careful reader of the seed article would answer, asked of the loaded graph. */
describe('the seed article', () => {
  let t: TestApp;
  let statements: Statement[];
  let relations: Relation[];
  let text: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    statements = (await request(t.app).get('/api/statements').query({ limit: 500 }).expect(200)).body.items;
    relations = (await request(t.app).get('/api/relations').query({ limit: 500 }).expect(200)).body.items;
    text = (await request(t.app).get('/api/documents/us-drone-strikes-mexico-cartels-2025-04-10').expect(200))
      .body.text;
  });
  afterAll(() => t.store.close());

  const statementsBy = (actorId: string) => statements.filter((s) => s.actorId === actorId);

  it('is the article, byte for byte', () => {
    const original = fs.readFileSync(
      path.join(PROJECT_ROOT, 'seed/documents/us-drone-strikes-mexico-cartels-2025-04-10.txt'),
      'utf8',
    );
    expect(text).toBe(original);
    expect(text).toContain('"We reject any form of interference," she said');
  });

  it('knows Sheinbaum by every name the article gives her', async () => {
    for (const name of [
      'Sheinbaum',
      'Claudia Sheinbaum',
      "Mexico's President Claudia Sheinbaum",
      'The 62-year-old',
    ]) {
      const res = await request(t.app).get('/api/actors').query({ q: name }).expect(200);
      expect(res.body.items.map((a: { id: string }) => a.id)).toContain('claudia-sheinbaum');
    }
  });

  it('has Sheinbaum rejecting US interference, in her words', () => {
    const rejection = statementsBy('claudia-sheinbaum').find(
      (s) => s.quote === 'We reject any form of interference',
    );
    expect(rejection?.polarity).toBe('oppose');
    expect(relations).toContainEqual(
      expect.objectContaining({ sourceId: 'claudia-sheinbaum', type: 'rejects', targetId: 'us-government' }),
    );
    const cooperation = statementsBy('claudia-sheinbaum').filter((s) =>
      s.quote?.includes('Mexico coordinates and cooperates, but does not subordinate itself'),
    );
    expect(cooperation.map((s) => s.polarity).sort()).toEqual(['oppose', 'support']);
  });

  it('has Hegseth warning Mexico of a military operation', () => {
    expect(relations).toContainEqual(
      expect.objectContaining({ sourceId: 'pete-hegseth', type: 'warns', targetId: 'mexico' }),
    );
    expect(statementsBy('pete-hegseth').map((s) => s.polarity)).toEqual(['support']);
  });

  it('has Flores-Macias and Vigil arguing against a military approach', () => {
    const floresMacias = statementsBy('gustavo-flores-macias');
    expect(floresMacias).toContainEqual(
      expect.objectContaining({
        polarity: 'oppose',
        quote: 'Unilateral US strikes on Mexican soil would be devastating for bilateral relations',
      }),
    );
    const vigil = statementsBy('mike-vigil');
    expect(vigil).toContainEqual(
      expect.objectContaining({ polarity: 'oppose', topicId: 'military-approach-to-cartels' }),
    );
    expect(vigil.map((s) => s.quote).join(' ')).toContain("It's not a military problem.");
  });

  it('has Johnson refusing to rule out an uncoordinated deployment, as a hedged support', () => {
    const [johnson] = statementsBy('ronald-johnson');
    expect(johnson).toMatchObject({ polarity: 'support', topicId: 'unilateral-us-strikes-in-mexico' });
    expect(johnson!.quote).toBeUndefined();
    expect(johnson!.note).toMatch(/rule out/i);
  });

  it('dates the 2020 episode to the year only', () => {
    const episode = statementsBy('donald-trump').find((s) => s.statedAt.startsWith('2020'));
    expect(episode).toMatchObject({ statedAt: '2020-01-01', datePrecision: 'year', polarity: 'support' });
  });

  it('anchors every quote and sentence in the article text', () => {
    for (const s of statements) {
      if (s.evidence) expect(text.slice(s.evidence.start, s.evidence.end)).toBe(s.evidence.sentence);
      if (s.quote) expect(s.evidence?.sentence).toContain(s.quote);
    }
    for (const r of relations) if (r.quote) expect(text).toContain(r.quote);
  });

  it('loads idempotently through `npm run seed`', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-seed-'));
    const run = () =>
      promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), 'src/cli/seed-command.ts'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
      });
    const first = await run();
    const second = await run();
    expect(first.stdout).toMatch(/seed loaded into sqlite \(\d+ actors, \d+ topics, 1 documents/);
    expect(second.stdout).toBe(first.stdout);
    const store = openSqliteStore({ dataDir });
    expect(await store.counts()).toEqual(await t.store.counts());
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
