import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, articleSnapshot, statements } from '../support/article-fixtures';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Statement } from '../../src/model/statement-schema';
import type { GraphStore } from '../../src/store/graph-store';
import { ValidationError } from '../../src/shared/errors';
import { storeContract } from './store-contract';

storeContract('sqlite (in memory)', async () => openSqliteStore({ dataDir: ':memory:' }));

// On disk the store writes large change sets on a thread of its own: the same contract holds there.
const contractFolders: string[] = [];
storeContract('sqlite (on disk)', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-contract-'));
  contractFolders.push(dataDir);
  return openSqliteStore({ dataDir });
});
afterAll(() => {
  for (const dataDir of contractFolders) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a large change set on disk', () => {
  let dataDir: string;
  let store: GraphStore;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-'));
    store = openSqliteStore({ dataDir });
    await store.upsertSnapshot(articleSnapshot());
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** As many claims as a 5 MB document proposes, each a copy of the article's quote under its own id. */
  const manyClaims = (count: number): Statement[] =>
    Array.from({ length: count }, (_, i) => ({
      ...statements.sheinbaumOpposes,
      id: `${statements.sheinbaumOpposes.id}-copy-${i}`,
      reviewStatus: 'proposed' as const,
    }));

  /** Steps the event loop until `write` settles, calling `look` at each turn; how many turns it got. */
  async function turnsDuring(write: Promise<unknown>, look: () => Promise<void>): Promise<number> {
    let settled = false;
    void write.then(
      () => (settled = true),
      () => (settled = true),
    );
    let turns = 0;
    while (!settled) {
      await look();
      await nextTurn();
      turns++;
    }
    return turns;
  }

  it('keeps answering reads while it is written, and they see none of it until it is committed whole', async () => {
    const before = (await store.counts()).statements;
    const claims = manyClaims(20_000);
    const seen: number[] = [];
    const write = store.commit({ upsert: { statements: claims } });
    const turns = await turnsDuring(write, async () => {
      seen.push((await store.counts()).statements);
    });
    await write;
    expect(turns).toBeGreaterThan(1);
    // Each look saw the graph before the write or, once committed, all of it: never a part.
    expect(seen.filter((n) => n !== before && n !== before + claims.length)).toEqual([]);
    expect(seen.filter((n) => n === before).length).toBeGreaterThan(1);
    expect((await store.counts()).statements).toBe(before + claims.length);
    expect(await store.get('statements', claims.at(-1)!.id)).toEqual(claims.at(-1));
  });

  it('writes nothing when it is refused, says why as it would here, and the store goes on', async () => {
    const before = await store.counts();
    const claims = manyClaims(20_000);
    // The last claim names an actor that does not exist: found only after every claim is written.
    claims.push({ ...claims[0]!, id: 'claim-of-an-unknown-actor', actorId: 'nobody-by-this-id' });
    const write = store.commit({ upsert: { statements: claims } });
    const turns = await turnsDuring(write, async () => undefined);
    // Refused as the same write on this thread would be: a ValidationError naming the field.
    await expect(write).rejects.toBeInstanceOf(ValidationError);
    await expect(write).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['statements', claims.length - 1, 'actorId'] })],
    });
    expect(turns).toBeGreaterThan(1);
    expect(await store.counts()).toEqual(before);
    await store.commit({ upsert: { statements: manyClaims(3) } });
    expect((await store.counts()).statements).toBe(before.statements + 3);
  });

  it('lets a write sent while it runs wait its turn, and keeps both', async () => {
    const claims = manyClaims(20_000);
    const large = store.commit({ upsert: { statements: claims } });
    await nextTurn();
    const edited = store.update('actors', actors.sheinbaum.id, (actor) => ({
      ...actor,
      aliases: [...actor.aliases, 'the Mexican president'],
    }));
    await Promise.all([large, edited]);
    expect((await store.get('actors', actors.sheinbaum.id))!.aliases).toContain('the Mexican president');
    expect(await store.get('statements', claims[0]!.id)).toEqual(claims[0]);
  });
});

describe('sqlite store on disk', () => {
  it('finds what it wrote after being closed and opened again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-'));
    const first = openSqliteStore({ dataDir });
    await first.create('actors', actors.sheinbaum);
    await first.close();
    const second = openSqliteStore({ dataDir });
    expect(await second.get('actors', actors.sheinbaum.id)).toEqual(actors.sheinbaum);
    await second.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a file written before claims had a reporter and a target, and keeps them from then on', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-'));
    const first = openSqliteStore({ dataDir });
    await first.upsertSnapshot(articleSnapshot());
    await first.close();
    // The statements and relations tables as version 1 laid them out, with their rows.
    const file = fs.readdirSync(dataDir).find((name) => name.endsWith('.db') || name.endsWith('.sqlite'))!;
    const raw = new Database(path.join(dataDir, file));
    raw.pragma('foreign_keys = OFF');
    for (const table of ['statements', 'relations']) {
      const columns = (raw.pragma(`table_info(${table})`) as { name: string }[])
        .map((c) => c.name)
        .filter((name) => !['about_id', 'reported_by_id'].includes(name));
      const { sql } = raw.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as {
        sql: string;
      };
      const v1 = sql
        .replace(/,\s*(?:about_id|reported_by_id) TEXT REFERENCES actors\(id\)/g, '')
        .replace(`CREATE TABLE ${table}`, `CREATE TABLE ${table}_v1`);
      raw.exec(v1);
      raw.exec(`INSERT INTO ${table}_v1 SELECT ${columns.join(', ')} FROM ${table}`);
      raw.exec(`DROP TABLE ${table}`);
      raw.exec(`ALTER TABLE ${table}_v1 RENAME TO ${table}`);
    }
    raw.pragma('user_version = 1');
    raw.close();

    const second = openSqliteStore({ dataDir });
    expect(await second.get('statements', statements.sheinbaumOpposes.id)).toEqual(
      statements.sheinbaumOpposes,
    );
    const relayed = {
      ...statements.floresMaciasOpposes,
      aboutId: actors.usGovernment.id,
      reportedById: actors.mexico.id,
    };
    await second.update('statements', relayed.id, () => relayed);
    await second.close();
    const third = openSqliteStore({ dataDir });
    expect(await third.get('statements', relayed.id)).toEqual(relayed);
    await expect(third.delete('actors', actors.mexico.id)).rejects.toThrow(/statements \(reported_by_id\)/);
    await third.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
