import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, articleSnapshot, statements } from '../support/article-fixtures';
import { storeContract } from './store-contract';

storeContract('sqlite (in memory)', async () => openSqliteStore({ dataDir: ':memory:' }));

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
