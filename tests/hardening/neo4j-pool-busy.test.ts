import neo4j, { type Driver } from 'neo4j-driver';
import type { Actor } from '../../src/model/actor-schema';
import { KIND_QUERIES } from '../../src/store/neo4j/neo4j-queries';
import { loadConfig } from '../../src/config/config';
import { actors, topics } from '../support/article-fixtures';
import { liveNeo4jConnection, openTestStore, STORE_UNDER_TEST } from '../support/test-app';
import {
  reopenServiceStore,
  serviceStoreEnv,
  startService,
  tempDataDir,
  type ServiceProcess,
} from './support/service-process';

/**
 * Neo4j's connection pool runs dry: the service, a real process on the live Neo4j with one pooled
 * connection (NEO4J_MAX_CONNECTIONS=1) and a short wait for it (NEO4J_ACQUISITION_TIMEOUT_MS), is sent a
 * burst of concurrent reads and writes while its one connection is taken by an update that waits on a lock
 * another Neo4j client holds. No request of the burst can get a connection in time; each must be refused
 * with a 503 problem+json with Retry-After that names neither the server nor the password, never a 500.
 * Once the lock is released the service answers 200s again on its own, and every acknowledged write is
 * stored.
 */
const live = STORE_UNDER_TEST === 'neo4j';

const BURST = 30;
const ACQUISITION_TIMEOUT_MS = 200;
/**
 * The service's start (its schema set-up on a connection still opening) may be refused for a while; past
 * this it is not coming up.
 */
const WARM_UP_MS = 60_000;

const speakers: Actor[] = Object.values(actors).slice(0, 3);

interface Answer {
  request: string;
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: string;
}

async function send(
  base: string,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    request: `${method} ${path}`,
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

/** Why an answer is neither a success nor a proper "busy, try again" refusal; undefined when it is one. */
function wrongAnswer(answer: Answer): string | undefined {
  if (answer.status === 200 || answer.status === 201) return undefined;
  const password = liveNeo4jConnection().password;
  const host = new URL(liveNeo4jConnection().uri.replace(/^[a-z+]+:/, 'http:')).host;
  const proper =
    answer.status === 503 &&
    /^application\/problem\+json/.test(answer.contentType) &&
    Number(answer.retryAfter) > 0 &&
    answer.body.includes('store-unavailable') &&
    !answer.body.includes(password) &&
    !answer.body.includes(host);
  return proper ? undefined : `${answer.request}: ${answer.status} ${answer.body.slice(0, 300)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Neo4j pool settings', () => {
  it('are read from NEO4J_MAX_CONNECTIONS and NEO4J_ACQUISITION_TIMEOUT_MS, positive integers only', () => {
    const neo4jEnv = { STORE: 'neo4j', NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_PASSWORD: 'a-password' };
    expect(loadConfig(neo4jEnv).neo4j).toMatchObject({ maxConnections: 50, acquisitionTimeoutMs: 10_000 });
    expect(
      loadConfig({ ...neo4jEnv, NEO4J_MAX_CONNECTIONS: '4', NEO4J_ACQUISITION_TIMEOUT_MS: '250' }).neo4j,
    ).toMatchObject({ maxConnections: 4, acquisitionTimeoutMs: 250 });
    expect(() => loadConfig({ ...neo4jEnv, NEO4J_MAX_CONNECTIONS: '2.5' })).toThrow(/NEO4J_MAX_CONNECTIONS/);
    expect(() => loadConfig({ ...neo4jEnv, NEO4J_MAX_CONNECTIONS: 'many' })).toThrow(/NEO4J_MAX_CONNECTIONS/);
    expect(() => loadConfig({ ...neo4jEnv, NEO4J_ACQUISITION_TIMEOUT_MS: '0' })).toThrow(
      /NEO4J_ACQUISITION_TIMEOUT_MS/,
    );
  });
});

if (!live) {
  console.log(
    'neo4j pool busy: SKIPPED, it needs a live Neo4j (STANCEGRAPH_TEST_STORE=neo4j, as `npm run test:neo4j` sets)',
  );
}

(live ? describe : describe.skip)('Neo4j connection pool exhausted (live)', () => {
  const dataDir = tempDataDir('pool-busy');
  let service: ServiceProcess;
  /** Another client of the same Neo4j, which holds the lock the service's one connection waits on. */
  let other: Driver;

  beforeAll(async () => {
    const setup = await openTestStore();
    try {
      await setup.upsertSnapshot({ actors: speakers, topics: [topics.strikes] });
    } finally {
      await setup.close();
    }
    const connection = liveNeo4jConnection();
    other = neo4j.driver(connection.uri, neo4j.auth.basic(connection.username, connection.password));
    service = await startService({
      ...serviceStoreEnv(dataDir),
      NEO4J_MAX_CONNECTIONS: '1',
      NEO4J_ACQUISITION_TIMEOUT_MS: String(ACQUISITION_TIMEOUT_MS),
    });
  }, 120_000);

  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await other?.close();
  });

  /** Resolves once a transaction on the server waits for a lock, polling the server's own list. */
  async function someTransactionBlocked(): Promise<void> {
    const { database } = liveNeo4jConnection();
    for (;;) {
      const { records } = await other.executeQuery(
        'SHOW TRANSACTIONS YIELD status RETURN status',
        {},
        { database },
      );
      if (records.some((r) => String(r.get('status')).startsWith('Blocked'))) return;
      await sleep(20);
    }
  }

  it('refuses requests that get no connection with 503 problem+json and Retry-After, never a 500, and recovers', async () => {
    const failures: string[] = [];
    const started = Date.now();
    for (;;) {
      const answer = await send(service.base, 'GET', `/api/actors/${speakers[0]!.id}`);
      const wrong = wrongAnswer(answer);
      if (wrong) failures.push(`warm-up: ${wrong}`);
      if (answer.status === 200 || failures.length > 0) break;
      if (Date.now() - started > WARM_UP_MS) throw new Error(`no 200 in ${WARM_UP_MS} ms: ${answer.body}`);
      await sleep(Number(answer.retryAfter) * 1000);
    }
    expect(failures).toEqual([]);

    // The other client takes the write lock of the first actor with the store's own read-for-update, and
    // keeps its transaction open: the service's update of that actor waits, holding the one connection.
    const { database } = liveNeo4jConnection();
    const session = other.session({ database });
    const lockHolder = await session.beginTransaction();
    let update: Promise<Answer>;
    let answers: Answer[];
    try {
      const lock = KIND_QUERIES.actors.lock;
      await lockHolder.run(lock.text, { id: speakers[0]!.id });
      update = send(service.base, 'PATCH', `/api/actors/${speakers[0]!.id}`, {
        description: 'President of Mexico since October 2024',
      });
      await someTransactionBlocked();

      answers = await Promise.all(
        Array.from({ length: BURST }, (_, n) => {
          const speaker = speakers[n % speakers.length]!;
          if (n % 3 === 0) return send(service.base, 'GET', `/api/actors/${speaker.id}`);
          if (n % 3 === 1) return send(service.base, 'GET', '/api/actors?limit=10');
          return send(service.base, 'POST', '/api/statements', {
            id: `st-pool-busy-${n}`,
            actorId: speaker.id,
            topicId: topics.strikes.id,
            polarity: 'oppose',
            statedAt: '2025-04-02',
            quote: `"We reject any form of interference," said in request ${n} of a burst the pool cannot hold.`,
          });
        }),
      );
    } finally {
      await lockHolder.rollback();
      await session.close();
    }
    const tally = answers.reduce<Record<number, number>>((counts, { status }) => {
      counts[status] = (counts[status] ?? 0) + 1;
      return counts;
    }, {});
    console.log(`neo4j pool busy: ${BURST} concurrent requests answered ${JSON.stringify(tally)}`);

    expect(answers.map(wrongAnswer).filter(Boolean)).toEqual([]);
    expect(answers.some((a) => a.status === 503)).toBe(true);
    const busy = answers.find((a) => a.status === 503)!;
    expect(JSON.parse(busy.body).detail).toMatch(/busy/);

    // The waiting update goes through once the lock is released, and the service writes again.
    expect((await update).status).toBe(200);
    const after = await send(service.base, 'POST', '/api/statements', {
      id: 'st-pool-busy-after',
      actorId: speakers[1]!.id,
      topicId: topics.strikes.id,
      polarity: 'oppose',
      statedAt: '2025-04-02',
      quote: 'Unilateral US strikes on Mexican soil would be devastating for bilateral relations.',
    });
    expect(after.status).toBe(201);

    const acknowledged = [
      'st-pool-busy-after',
      ...answers.flatMap((a, n) =>
        a.request.startsWith('POST') && a.status === 201 ? [`st-pool-busy-${n}`] : [],
      ),
    ];
    const store = reopenServiceStore(dataDir);
    try {
      expect(await store.getMany('statements', acknowledged)).toHaveLength(acknowledged.length);
      expect((await store.get('actors', speakers[0]!.id))?.description).toBe(
        'President of Mexico since October 2024',
      );
    } finally {
      await store.close();
    }
  }, 120_000);
});
