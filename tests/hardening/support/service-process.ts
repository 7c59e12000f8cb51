import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config/config';

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
