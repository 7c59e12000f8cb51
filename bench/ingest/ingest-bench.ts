/**
 * npm run bench:ingest [-- --mb=5] [--cpu-prof]: starts the service in a process of its own (on a fresh
 * data folder, as it runs in production), posts a document of real news text (the extraction fixtures,
 * repeated to the size asked) and, from the start of the post until the job is done, asks /health every
 * 50 ms. Prints how long /health took (median, 99th percentile, worst), how long the job took, and the
 * service's resident memory before and at its peak (VmHWM: every thread counted, no sample missed).
 * --cpu-prof writes the service's CPU profiles to bench/results/cpu/.
 *
 * The service has a process of its own because a prober in the same process stalls with it: a blocked
 * event loop then delays the probe as well as the answer, and the stall goes unmeasured.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../../src/config/config';
import { newsTextOfSize } from '../../tests/support/news-text';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Resident and peak resident memory of a process, in MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function startService(dataDir: string, profileDir?: string) {
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--import',
      'tsx',
      path.join('src', 'main.ts'),
    ],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        SEED_ON_START: 'false',
        LOG_LEVEL: 'info',
        RATE_LIMIT_MAX: '0',
        DOCUMENT_BODY_LIMIT: '20mb',
        REQUEST_TIMEOUT_MS: '600000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"port":(\d+)/.exec(log);
      if (match) resolve(Number(match[1]));
      if (log.length > 100_000) log = log.slice(-10_000);
    });
    child.once('exit', () => reject(new Error(`stancegraph/bench: the service exited:\n${log}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

async function main(): Promise<void> {
  const mb = Number(/--mb=(\d+(?:\.\d+)?)/.exec(process.argv.join(' '))?.[1] ?? 5);
  const profileDir = process.argv.includes('--cpu-prof')
    ? path.join(PROJECT_ROOT, 'bench', 'results', 'cpu')
    : undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bench-ingest-'));
  const { child, base } = await startService(dataDir, profileDir);
  try {
    const text = newsTextOfSize(mb * 1024 * 1024);
    // Bodies are encoded before anything is timed: encoding 5 MB holds this process's own thread, and the
    // prober below, which shares it, would count that against the service.
    const bodyOf = (title: string, text: string) => new Blob([JSON.stringify({ title, text })]);
    const post = (body: Blob, query = '') =>
      fetch(`${base}/api/documents${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    // Warm up: one small ingest loads the extractor and starts a worker thread once.
    await post(bodyOf('warm-up', 'Sheinbaum said she rejects any interference.'), '?wait=true');
    const document = bodyOf(`A ${mb} MB document`, text);
    const before = memoryOf(child.pid!);

    const health: number[] = [];
    /** The slowest answers, with the job's phase when each was asked: where a stall comes from. */
    const slowest: { ms: number; phase: string }[] = [];
    let phase = 'posting';
    let resets = 0;
    let finished = false;
    const probing = (async () => {
      while (!finished) {
        const t0 = performance.now();
        const askedIn = phase;
        try {
          // A fresh connection each time: a reused one the server has let go of would read as a reset.
          const res = await fetch(`${base}/health`, { headers: { connection: 'close' } });
          await res.arrayBuffer();
        } catch {
          resets += 1;
        }
        const ms = performance.now() - t0;
        health.push(ms);
        slowest.push({ ms, phase: askedIn });
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
        await sleep(50);
      }
    })();

    const started = performance.now();
    const posted = await post(document);
    const postMs = performance.now() - started;
    const job = (await posted.json()) as { id: string };
    let last: Record<string, unknown> = {};
    for (;;) {
      // The job without its result: the result holds the document's whole text.
      const res = await fetch(`${base}/api/jobs?limit=1`);
      const [listed] = ((await res.json()) as { items: Record<string, unknown>[] }).items;
      last = listed ?? {};
      const progress = last.progress as { phase?: string; done?: number; total?: number } | undefined;
      if (progress?.phase) phase = `${progress.phase} ${progress.done ?? 0}/${progress.total ?? 0}`;
      if (last.id === job.id && last.status !== 'running' && last.status !== 'queued') break;
      await sleep(500);
    }
    const jobMs = performance.now() - started;
    finished = true;
    await probing;
    const after = memoryOf(child.pid!);
    const done = (await (await fetch(`${base}/api/jobs/${job.id}`)).json()) as {
      result?: { extraction?: { written?: Record<string, number> } };
      error?: unknown;
    };
    health.sort((a, b) => a - b);
    console.log(`document: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB of news text`);
    console.log(`POST /api/documents answered ${posted.status} in ${postMs.toFixed(0)} ms`);
    console.log(
      `job ${String(last.status)} in ${(jobMs / 1000).toFixed(1)} s; wrote ${JSON.stringify(done.result?.extraction?.written ?? done.error)}`,
    );
    console.log(
      `slowest /health answers, by the job's phase when asked: ${slowest.map((s) => `${s.ms.toFixed(0)} ms (${s.phase})`).join(', ')}`,
    );
    if (resets > 0) console.log(`/health requests that failed: ${resets}`);
    console.log(
      `/health from the post to the job's end (${health.length} requests): median ${quantile(health, 0.5).toFixed(1)} ms, ` +
        `p99 ${quantile(health, 0.99).toFixed(1)} ms, worst ${health.at(-1)!.toFixed(1)} ms`,
    );
    console.log(
      `service resident memory: ${before.rss.toFixed(0)} MB before, peak ${after.peak.toFixed(0)} MB ` +
        `(+${(after.peak - before.rss).toFixed(0)} MB; each worker heap capped at 512 MB)`,
    );
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
