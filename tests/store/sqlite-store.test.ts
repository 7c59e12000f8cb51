import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors } from '../support/article-fixtures';
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
});
