import fs from 'node:fs';
import http from 'node:http';
import { checkSqliteIntegrity } from '../support/sqlite-integrity';
import { actors, topics } from '../support/article-fixtures';
import { openTestStore, STORE_UNDER_TEST } from '../support/test-app';
import {
  reopenServiceStore,
  serviceStoreEnv,
  startService,
  tempDataDir,
  type ServiceProcess,
} from './support/service-process';

/**
 * The service process is killed while it writes, and the store must hold every write it acknowledged: the
 * SQLite files it left, or the live Neo4j, which keeps running (tests/hardening/neo4j-outage.test.ts
 * kills Neo4j itself). Kill-and-restart rounds; each starts a real service process, so a few seconds per
 * round; fewer on Neo4j, where each round also waits for its transactions over the network.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? (STORE_UNDER_TEST === 'neo4j' ? 3 : 8));

const stances = ['support', 'oppose', 'neutral', 'mixed'] as const;
/** One writer per actor, so each actor's last acknowledged description is known exactly. */
const speakers = Object.values(actors);
const WRITERS = speakers.length;

interface Ledger {
  /** Statements the service answered 201 for: each must survive. */
  acknowledged: string[];
  /** Per actor: the last description the service acknowledged, and the one in flight when it died. */
  descriptions: Map<string, { acknowledged?: string; inFlight?: string }>;
}

async function post(base: string, path: string, body: unknown) {
  return fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** One writer: alternately creates statements and rewrites its actor's description, until the process dies. */
async function writer(service: ServiceProcess, round: number, w: number, ledger: Ledger): Promise<void> {
  const actor = speakers[w]!;
  for (let n = 0; ; n++) {
    try {
      if (n % 4 === 3) {
        const description = `round ${round}, writer ${w}, write ${n}`;
        const state = ledger.descriptions.get(actor.id) ?? {};
        ledger.descriptions.set(actor.id, { ...state, inFlight: description });
        const res = await fetch(`${service.base}/api/actors/${actor.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ description }),
        });
        if (res.status !== 200) throw new Error(`PATCH answered ${res.status}`);
        ledger.descriptions.set(actor.id, { acknowledged: description, inFlight: undefined });
      } else {
        const id = `st-crash-r${round}-w${w}-n${n}`;
        const res = await post(service.base, '/statements', {
          id,
          actorId: actor.id,
          topicId: topics.strikes.id,
          polarity: stances[n % stances.length],
          statedAt: '2025-10-01',
          quote: `Statement ${n} of writer ${w} in round ${round}.`,
        });
        if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
        ledger.acknowledged.push(id);
      }
    } catch (error) {
      // fetch's own failure (the connection died with the process) ends this writer; an answer we
      // did not expect is a real failure. (`instanceof TypeError` fails across jest's realms.)
      if ((error as Error).message === 'fetch failed') return;
      throw error;
    }
  }
}

describe('crash safety', () => {
  const dataDir = tempDataDir('crash');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it(`keeps every acknowledged write through ${ROUNDS} SIGKILLs mid-stream, and the store stays sound`, async () => {
    const setup = await openTestStore({ sqliteDataDir: dataDir });
    await setup.upsertSnapshot({ actors: speakers, topics: [topics.strikes] });
    await setup.close();
    const ledger: Ledger = {
      acknowledged: [],
      descriptions: new Map(
        speakers.map((a) => [a.id, { acknowledged: (a as { description?: string }).description }]),
      ),
    };

    for (let round = 0; round < ROUNDS; round++) {
      const service = await startService(serviceStoreEnv(dataDir));
      const before = ledger.acknowledged.length;
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(service, round, w, ledger));
      // Let writes flow, then kill at a point that differs per round, with writes still in flight.
      const killAfter = before + 20 + ((round * 37) % 120);
      const deadline = Date.now() + 20_000;
      while (ledger.acknowledged.length < killAfter && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      service.child.kill('SIGKILL');
      expect((await service.exited).signal).toBe('SIGKILL');
      await Promise.all(writers);
      expect(ledger.acknowledged.length).toBeGreaterThan(before);

      if (STORE_UNDER_TEST === 'sqlite') {
        expect(checkSqliteIntegrity(dataDir)).toEqual({ ok: true, problems: [] });
      }
      const store = reopenServiceStore(dataDir);
      const found = await store.getMany('statements', ledger.acknowledged);
      expect(found.length).toBe(ledger.acknowledged.length);
      for (const [actorId, { acknowledged, inFlight }] of ledger.descriptions) {
        const actor = await store.get('actors', actorId);
        // What was acknowledged last, or a later write that committed but whose answer never arrived.
        expect([acknowledged, inFlight]).toContain(actor?.description);
      }
      await store.close();
    }
  }, 180_000);
});

describe('graceful shutdown', () => {
  const dataDir = tempDataDir('drain');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('on SIGTERM refuses new connections, finishes the request in flight, closes the store and exits 0', async () => {
    await (await openTestStore({ sqliteDataDir: dataDir })).close(); // on Neo4j: the crash rounds' graph goes
    const service = await startService(serviceStoreEnv(dataDir));
    const body = JSON.stringify({ id: actors.vigil.id, name: actors.vigil.name, kind: actors.vigil.kind });
    const url = new URL(`${service.base}/api/actors`);
    const inFlight = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<number>((resolve, reject) => {
      inFlight.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      inFlight.on('error', reject);
    });
    // Half the body now: the request is in flight when the signal arrives.
    inFlight.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    service.child.kill('SIGTERM');
    // Once it says so, it has stopped listening (a fixed pause was too short for a busy machine).
    while (!service.output().includes('shutting down'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(fetch(`${service.base}/health`)).rejects.toThrow();
    inFlight.end(body.slice(10));

    expect(await answered).toBe(201);
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain('store closed');
    const store = reopenServiceStore(dataDir);
    expect((await store.get('actors', actors.vigil.id))?.name).toBe(actors.vigil.name);
    await store.close();
  });
});
