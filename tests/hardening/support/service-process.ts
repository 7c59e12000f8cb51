import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config/config';
import type { GraphStore } from '../../../src/store/graph-store';
import { createNeo4jStore } from '../../../src/store/neo4j/neo4j-store';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store';
import { liveNeo4jConnection, STORE_UNDER_TEST } from '../../support/test-app';

export interface ServiceProcess {
  child: ChildProcess;
  base: string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process logged so far. */
  output(): string;
}

/**
 * Starts the real service (`src/main.ts` through tsx, as `npm run seed` does) in a child process on a
 * free port, and waits until it says where it listens.
 */
export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${log}`)), 20_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"port":(\d+).*stancegraph is listening/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the service exited before listening:\n${log}`));
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, exited, output: () => log };
}

/** Resident memory of a process in bytes, from /proc (Linux, where CI runs). */
export function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

export function tempDataDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `stancegraph-${name}-`));
}

/** Points a service process at the store under test: the SQLite files in `dataDir`, or the live Neo4j. */
export function serviceStoreEnv(dataDir: string): Record<string, string> {
  if (STORE_UNDER_TEST === 'sqlite') return { DATA_DIR: dataDir };
  const connection = liveNeo4jConnection();
  return {
    STORE: 'neo4j',
    NEO4J_URI: connection.uri,
    NEO4J_USERNAME: connection.username,
    NEO4J_PASSWORD: connection.password,
    NEO4J_DATABASE: connection.database,
  };
}

/** The store a service process wrote to (see serviceStoreEnv), opened as it is, to check what it left. */
export function reopenServiceStore(dataDir: string): GraphStore {
  return STORE_UNDER_TEST === 'sqlite'
    ? openSqliteStore({ dataDir })
    : createNeo4jStore(liveNeo4jConnection());
}
