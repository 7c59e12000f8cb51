import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';

/**
 * A real Neo4j server for the live tests, without Docker.
 *
 * Neo4j Community (the version pinned in scripts/neo4j/pom.xml, the 5.26 line of docker-compose.yml's
 * image) is resolved from Maven Central by Maven into the local Maven repository (~/.m2) and run as the
 * embedded DBMS with Bolt on 127.0.0.1 and authentication on (TestNeo4j.java). Nothing is downloaded into
 * this repository; the build output goes to scripts/neo4j/target/ (ignored by git).
 *
 *   tsx scripts/neo4j/neo4j-server.ts start        starts one in the background, writes its connection info
 *                                                  to scripts/neo4j/target/neo4j-server.json and prints it
 *   tsx scripts/neo4j/neo4j-server.ts stop         stops the one `start` started
 *   tsx scripts/neo4j/neo4j-server.ts run -- CMD   starts one, runs CMD with NEO4J_URI, NEO4J_USERNAME,
 *                                                  NEO4J_PASSWORD and NEO4J_DATABASE set, stops it, exits
 *                                                  with CMD's status
 *   tsx scripts/neo4j/neo4j-server.ts test         `npm run test:neo4j`: `run` with the live jest suites
 *
 * Without Java or Maven, `test` and `run` say in one line that the live run was left out and exit 0; in CI
 * (CI=true) that is a failure instead.
 */

const require_ = createRequire(__filename);

export const LAUNCHER_DIR = __dirname;
const ROOT = path.resolve(LAUNCHER_DIR, '..', '..');
const TARGET = path.join(LAUNCHER_DIR, 'target');
const POM = path.join(LAUNCHER_DIR, 'pom.xml');
const MAIN_SOURCE = path.join(LAUNCHER_DIR, 'src', 'main', 'java', 'stancegraph', 'neo4j', 'TestNeo4j.java');
const CLASSPATH_FILE = path.join(TARGET, 'classpath.txt');
const STAMP_FILE = path.join(TARGET, 'launcher.stamp');
export const CONNECTION_FILE = path.join(TARGET, 'neo4j-server.json');
const MAIN_CLASS = 'stancegraph.neo4j.TestNeo4j';

/**
 * The JVM flags: a small heap (the page cache is set apart, in TestNeo4j.java, to 256 MiB instead of half
 * the machine), and the flags Neo4j 5's own launcher passes: the module openings its Netty and page cache
 * need on Java 17, and its GC and diagnostics choices.
 */
export const JVM_FLAGS = [
  '-Xms512m',
  '-Xmx1g',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
];

/** How long to wait for a server to answer after its JVM starts (a cold start takes ~25 s on 2 cores). */
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000;

export interface Neo4jServerInfo {
  /** bolt://: a direct connection to the one server. */
  uri: string;
  /** neo4j://: the same server through the driver's routing, as a client of a cluster or Aura connects. */
  routingUri: string;
  username: string;
  password: string;
  database: string;
  pid: number;
  home: string;
  version: string;
  /** Seconds: resolving the jars (0 when cached), starting the JVM until Bolt answered with the password. */
  timings: { resolveSeconds: number; startSeconds: number };
}

export interface RunningNeo4j extends Neo4jServerInfo {
  /** SIGKILL, as an out-of-memory kill or a lost machine would end it; the data folder stays. */
  kill(): Promise<void>;
  /**
   * Starts it again on the same data folder, port and password, and resolves once Bolt answers: Neo4j
   * recovers its data from the transaction log. A server that still runs is stopped cleanly first.
   */
  restart(): Promise<void>;
  /** Stops it and deletes its data folder. */
  stop(): Promise<void>;
}

type Log = (line: string) => void;
const defaultLog: Log = (line) => process.stderr.write(`neo4j-server: ${line}\n`);

/** Why a live run cannot happen on this machine, or undefined when Java and Maven are both there. */
export function missingTools(): string | undefined {
  const missing = ['java', 'mvn'].filter(
    (tool) => spawnSync(tool, ['-version'], { stdio: 'ignore', shell: false }).error !== undefined,
  );
  return missing.length > 0 ? `${missing.join(' and ')} not found on PATH` : undefined;
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of [POM, MAIN_SOURCE]) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

function cachedClasspath(): string | undefined {
  try {
    if (fs.readFileSync(STAMP_FILE, 'utf8').trim() !== sourcesHash()) return undefined;
    const classpath = fs.readFileSync(CLASSPATH_FILE, 'utf8').trim();
    const entries = classpath.split(path.delimiter);
    if (!entries.every((jar) => fs.existsSync(jar))) return undefined; // ~/.m2 was cleaned
    return classpath;
  } catch {
    return undefined;
  }
}

/**
 * Compiles TestNeo4j.java and resolves Neo4j's jars with Maven (from ~/.m2, or Maven Central the first
 * time), once per change of pom.xml or the Java source. Returns the class path.
 */
export function resolveServer(log: Log = defaultLog): {
  classpath: string;
  seconds: number;
  cached: boolean;
} {
  const started = Date.now();
  const cached = cachedClasspath();
  if (cached) return { classpath: cached, seconds: (Date.now() - started) / 1000, cached: true };
  log('resolving Neo4j from the local Maven repository (from Maven Central the first time: a few minutes)');
  const result = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '--no-transfer-progress',
      '-Dstyle.color=never',
      '-f',
      POM,
      'compile',
      'dependency:build-classpath',
      `-Dmdep.outputFile=${CLASSPATH_FILE}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.error || result.status !== 0) {
    throw new Error(
      `Maven could not build the Neo4j launcher (exit ${result.status ?? String(result.error)})`,
    );
  }
  const classpath = fs.readFileSync(CLASSPATH_FILE, 'utf8').trim();
  fs.writeFileSync(STAMP_FILE, `${sourcesHash()}\n`);
  return { classpath, seconds: (Date.now() - started) / 1000, cached: false };
}

/** A free TCP port on loopback (NEO4J_TEST_PORT when set). */
export async function freePort(): Promise<number> {
  if (process.env.NEO4J_TEST_PORT) return Number(process.env.NEO4J_TEST_PORT);
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Waits until the driver can open a session with the password, or the process dies, or time runs out. */
async function waitForBolt(uri: string, password: string, pid: number, deadline: number): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { connectionTimeout: 2_000 });
  try {
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (!alive(pid)) throw new Error('the Neo4j process exited before it answered');
      try {
        await driver.verifyConnectivity({ database: 'neo4j' });
        return;
      } catch (error) {
        lastError = error;
        await sleep(500);
      }
    }
    throw new Error(`Neo4j did not answer within ${START_TIMEOUT_MS / 1000} s: ${String(lastError)}`);
  } finally {
    await driver.close();
  }
}

interface Jvm {
  pid: number;
  exited: Promise<void>;
}

/** One run of TestNeo4j.java's JVM on `home` and `port`, its output appended to `logFile`. */
function spawnJvm(options: {
  classpath: string;
  port: number;
  home: string;
  password: string;
  logFile: string;
  detached: boolean;
}): Jvm {
  const out = fs.openSync(options.logFile, 'a');
  const args = [
    ...JVM_FLAGS,
    '-cp',
    [path.join(TARGET, 'classes'), options.classpath].join(path.delimiter),
    MAIN_CLASS,
    String(options.port),
    options.home,
    ...(options.detached ? [] : ['--stop-on-stdin-close']),
  ];
  const child: ChildProcess = spawn('java', args, {
    cwd: options.home,
    env: { ...process.env, NEO4J_PASSWORD: options.password },
    stdio: [options.detached ? 'ignore' : 'pipe', out, out],
    detached: options.detached,
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start java');
  if (options.detached) child.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { pid, exited };
}

/** Ends the JVM: SIGTERM and up to STOP_TIMEOUT_MS to shut down cleanly, or SIGKILL at once. */
async function endJvm(jvm: Jvm, signal: 'SIGTERM' | 'SIGKILL', log: Log): Promise<void> {
  if (!alive(jvm.pid)) return;
  process.kill(jvm.pid, signal);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (alive(jvm.pid) && Date.now() < deadline) await Promise.race([jvm.exited, sleep(200)]);
  if (alive(jvm.pid) && signal === 'SIGTERM') {
    log(`Neo4j (pid ${jvm.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
    await endJvm(jvm, 'SIGKILL', log);
  }
}

/**
 * Starts a fresh Neo4j on a free loopback port with a random password and an empty data folder in the
 * temporary directory, and resolves once neo4j-driver can talk to it. `detached` leaves it running after
 * this process exits (for `start`); otherwise it stops when this process goes away, even on SIGKILL.
 */
export async function startNeo4j(options: { detached?: boolean; log?: Log } = {}): Promise<RunningNeo4j> {
  const log = options.log ?? defaultLog;
  const resolved = resolveServer(log);
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-neo4j-'));
  const logFile = path.join(home, 'launcher.log');
  const uri = `bolt://127.0.0.1:${port}`;
  const launch = async (): Promise<Jvm> => {
    const started = Date.now();
    const launched = spawnJvm({
      classpath: resolved.classpath,
      port,
      home,
      password,
      logFile,
      detached: options.detached ?? false,
    });
    try {
      await waitForBolt(uri, password, launched.pid, started + START_TIMEOUT_MS);
    } catch (error) {
      log(
        `${(error as Error).message}; its output:\n${tail(logFile)}\n${tail(path.join(home, 'logs', 'debug.log'))}`,
      );
      await endJvm(launched, 'SIGTERM', log).catch(() => undefined);
      throw error;
    }
    return launched;
  };

  const started = Date.now();
  let jvm: Jvm;
  try {
    jvm = await launch();
  } catch (error) {
    fs.rmSync(home, { recursive: true, force: true });
    throw error;
  }
  const ready = /^READY .* neo4j (\S+ \S+)/m.exec(fs.readFileSync(logFile, 'utf8'));
  return {
    uri,
    routingUri: `neo4j://127.0.0.1:${port}`,
    username: 'neo4j',
    password,
    database: 'neo4j',
    get pid() {
      return jvm.pid;
    },
    home,
    version: ready?.[1] ?? 'unknown',
    timings: { resolveSeconds: resolved.seconds, startSeconds: (Date.now() - started) / 1000 },
    kill: () => endJvm(jvm, 'SIGKILL', log),
    restart: async () => {
      await endJvm(jvm, 'SIGTERM', log);
      jvm = await launch();
    },
    stop: async () => {
      await endJvm(jvm, 'SIGTERM', log);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** What `start` writes to CONNECTION_FILE: the server without its handles. */
function serverInfo(server: RunningNeo4j): Neo4jServerInfo {
  const { uri, routingUri, username, password, database, pid, home, version, timings } = server;
  return { uri, routingUri, username, password, database, pid, home, version, timings };
}

/**
 * The environment a client of the server needs (what neo4j-store.test.ts and the app read). The URI is the
 * neo4j:// one: the live suites connect through the driver's routing, reads to readers and writes to the
 * writer, as against a cluster (a single server answers routing with itself in every role).
 */
export function neo4jEnv(info: Neo4jServerInfo): Record<string, string> {
  return {
    NEO4J_URI: info.routingUri,
    NEO4J_USERNAME: info.username,
    NEO4J_PASSWORD: info.password,
    NEO4J_DATABASE: info.database,
  };
}

/**
 * The jest suites that run against the live server, one at a time (they share its one database, which
 * each test wipes: Community has a single user database). STANCEGRAPH_TEST_STORE=neo4j makes the test app
 * helper (tests/support/test-app.ts) hand out a Neo4j store instead of an in-memory SQLite one, so every
 * suite built on `startTestApp` runs its HTTP requests against Neo4j.
 */
export const LIVE_SUITES = [
  'tests/store/neo4j-store.test.ts', // the store contract, plus live-only checks
  'tests/store/store-parity.test.ts', // SQLite and Neo4j answer every read route alike
  'tests/http',
  'tests/seed/seed-article.test.ts',
  'tests/analytics',
  'tests/imports',
  'tests/exports/exports.test.ts',
  // Extraction review: documents in, proposals written, reviewed and listed (the rest of tests/extraction
  // tests the extractor's stages on text alone, and the LLM extractor's calls to its endpoint).
  'tests/extraction/document-api.test.ts',
  'tests/extraction/review-kinds.test.ts',
  'tests/extraction/review-identity.test.ts',
  'tests/extraction/seed-acceptance.test.ts',
  'tests/extraction/undated-documents.test.ts',
  'tests/extraction/ingest-command.test.ts',
  // Hardening that means something for a server store: the fuzzer, racing writers, keys, and the service
  // process killed mid-stream while Neo4j keeps running. (Limits, request logs, the shared data folder
  // and the synthetic graph stay on SQLite; each says why.)
  'tests/hardening/auth.test.ts',
  'tests/hardening/concurrency.test.ts',
  'tests/hardening/fuzz.test.ts',
  'tests/hardening/crash-safety.test.ts',
  // Neo4j itself killed mid-stream and started again (a server of its own, since it kills it).
  'tests/hardening/neo4j-outage.test.ts',
  // The driver's connection pool run dry: refusals are 503s, never 500s.
  'tests/hardening/neo4j-pool-busy.test.ts',
];

/** Runs `command` with the server's connection in its environment; resolves to its exit status. */
function runCommand(command: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const [file, ...args] = command;
    const child = spawn(file!, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('error', (error) => {
      defaultLog(`cannot run ${file}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function runWithServer(command: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  const missing = missingTools();
  if (missing) {
    if (process.env.CI === 'true') {
      defaultLog(`FAILED: the live Neo4j run is required in CI, but ${missing}`);
      return 1;
    }
    console.log(`neo4j-server: live Neo4j run left out (${missing}; install Java 17 and Maven to run it)`);
    return 0;
  }
  const server = await startNeo4j();
  const { resolveSeconds, startSeconds } = server.timings;
  defaultLog(
    `Neo4j ${server.version} on ${server.uri} (pid ${server.pid}); resolve ${resolveSeconds.toFixed(1)} s, start ${startSeconds.toFixed(1)} s`,
  );
  let stopping: Promise<void> | undefined;
  const stopOnce = () => (stopping ??= server.stop());
  const onSignal = (signal: NodeJS.Signals) => {
    void stopOnce().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  try {
    const status = await runCommand(command, { ...neo4jEnv(server), ...extraEnv });
    defaultLog(`${command.join(' ')}: exit ${status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return status;
  } finally {
    const stopStarted = Date.now();
    await stopOnce();
    defaultLog(`Neo4j stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s`);
  }
}

/**
 * jest, one file at a time (the suites share the server's one database). A test gets 2 minutes, not the
 * 30 s that suit in-memory SQLite: on a cold JVM on a busy 2-core machine the first seeded app (schema
 * set-up, first compilation of each statement) took over 30 s. --forceExit: a test or hook that timed out
 * can leave a driver open, and the run must still end rather than hold CI until its deadline.
 */
function jestCommand(files: string[]): string[] {
  return [
    process.execPath,
    require_.resolve('jest/bin/jest'),
    '--runInBand',
    '--testTimeout=120000',
    '--forceExit',
    ...files,
  ];
}

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'start': {
      const info = serverInfo(await startNeo4j({ detached: true }));
      fs.writeFileSync(CONNECTION_FILE, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
      console.log(
        `Neo4j ${info.version} on ${info.uri} (pid ${info.pid}); connection info in ${path.relative(ROOT, CONNECTION_FILE)}`,
      );
      return 0;
    }
    case 'stop': {
      if (!fs.existsSync(CONNECTION_FILE)) {
        console.log('neo4j-server: no server started by `start` is running');
        return 0;
      }
      const info = JSON.parse(fs.readFileSync(CONNECTION_FILE, 'utf8')) as Neo4jServerInfo;
      if (alive(info.pid)) {
        process.kill(info.pid, 'SIGTERM');
        const deadline = Date.now() + STOP_TIMEOUT_MS;
        while (alive(info.pid) && Date.now() < deadline) await sleep(200);
        if (alive(info.pid)) process.kill(info.pid, 'SIGKILL');
      }
      fs.rmSync(info.home, { recursive: true, force: true });
      fs.rmSync(CONNECTION_FILE, { force: true });
      console.log(`neo4j-server: stopped pid ${info.pid}`);
      return 0;
    }
    case 'resolve': {
      const { seconds, cached } = resolveServer();
      console.log(`neo4j-server: resolved${cached ? ' (cached)' : ''} in ${seconds.toFixed(1)} s`);
      return 0;
    }
    case 'run': {
      const command = rest[0] === '--' ? rest.slice(1) : rest;
      if (command.length === 0) throw new Error('usage: neo4j-server.ts run -- COMMAND [ARGS...]');
      return runWithServer(command);
    }
    case 'test':
      return runWithServer(jestCommand([...LIVE_SUITES, ...rest]), { STANCEGRAPH_TEST_STORE: 'neo4j' });
    default:
      console.error(
        'usage: tsx scripts/neo4j/neo4j-server.ts start | stop | resolve | run -- COMMAND | test',
      );
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => process.exit(status),
    (error: unknown) => {
      defaultLog(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
