import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, topics } from '../support/article-fixtures';
import { checkSqliteIntegrity } from '../support/sqlite-integrity';
import { startService, tempDataDir, type ServiceProcess } from './support/service-process';

const WRITES_PER_WRITER = 30;
const WRITERS_PER_SERVICE = 4;

// SQLite only: this is about two processes sharing one folder of SQLite files. Services sharing a Neo4j
// server is the ordinary case there, and Neo4j's own transactions order their writes.
/**
 * Issue 14, item 5: two real service processes on one data folder. Writes take turns (IMMEDIATE
 * transactions under the busy timeout): none answers 500 "database is locked", and every write either
 * lands (201) or is refused with a reason (503 problem+json).
 */
describe('one data folder, two processes', () => {
  const dataDir = tempDataDir('shared');
  const services: ServiceProcess[] = [];
  afterAll(async () => {
    for (const service of services) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets two services write to one folder in turn, answering no 500, losing no acknowledged write', async () => {
    const setup = openSqliteStore({ dataDir });
    await setup.upsertSnapshot({ actors: Object.values(actors), topics: [topics.strikes] });
    await setup.close();
    services.push(await startService({ DATA_DIR: dataDir }), await startService({ DATA_DIR: dataDir }));

    const statuses = new Map<number, number>();
    const acknowledged: string[] = [];
    const speakers = Object.values(actors);
    const writer = async (service: ServiceProcess, s: number, w: number) => {
      for (let n = 0; n < WRITES_PER_WRITER; n++) {
        const id = `st-shared-s${s}-w${w}-n${n}`;
        const res = await fetch(`${service.base}/api/statements`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id,
            actorId: speakers[(w + n) % speakers.length]!.id,
            topicId: topics.strikes.id,
            polarity: n % 2 === 0 ? 'support' : 'oppose',
            statedAt: '2025-10-01',
          }),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) acknowledged.push(id);
        else expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    };
    await Promise.all(
      services.flatMap((service, s) =>
        Array.from({ length: WRITERS_PER_SERVICE }, (_unused, w) => writer(service, s, w)),
      ),
    );
    const answers = Object.fromEntries(statuses);
    expect(Object.keys(answers).filter((status) => !['201', '503'].includes(status))).toEqual([]);
    expect(answers[201]).toBeGreaterThan(0);

    // Both services read what either wrote.
    for (const service of services) {
      const res = await fetch(`${service.base}/api/statements?limit=500`);
      const ids = new Set(((await res.json()) as { items: { id: string }[] }).items.map((s) => s.id));
      for (const id of acknowledged) expect(ids).toContain(id);
    }
  }, 120_000);

  it('lets a CLI import into the folder while both services run', () => {
    const dir = tempDataDir('shared-import');
    try {
      const file = path.join(dir, 'graph.json');
      fs.writeFileSync(
        file,
        JSON.stringify({ actors: [{ id: 'ana-maria-salazar', name: 'Ana María Salazar', kind: 'expert' }] }),
      );
      const run = spawnSync(
        path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
        [path.join(PROJECT_ROOT, 'src/cli/import-command.ts'), file],
        { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/created 1 actors/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('leaves a sound database file', async () => {
    for (const service of services.splice(0)) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    expect(checkSqliteIntegrity(dataDir)).toMatchObject({ ok: true, problems: [] });
  });
});
