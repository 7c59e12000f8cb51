/**
 * npm run bench:ingest [-- --mb=5]: posts a document of real news text (the extraction fixtures, repeated
 * to the size asked) to the service and, while it is read, asks /health every 50 ms. Prints how long
 * /health took (median, 99th percentile, worst), how long the job took, and the process's peak resident
 * memory (worker threads included) above where it started.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../src/app';
import { extractionPool } from '../../src/documents/document-ingest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { testConfig } from '../../tests/support/test-config';

const FIXTURES = path.join(__dirname, '../../tests/fixtures/extraction');

function realText(bytes: number): string {
  const articles = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(path.join(FIXTURES, name), 'utf8'));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const article = articles[i % articles.length]!;
    parts.push(article);
    size += Buffer.byteLength(article) + 2;
  }
  return parts.join('\n\n');
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const mb = Number(/--mb=(\d+(?:\.\d+)?)/.exec(process.argv.join(' '))?.[1] ?? 5);
  const store = openSqliteStore({ dataDir: ':memory:' });
  const config = testConfig({ documentBodyLimit: '20mb', requestTimeoutMs: 600_000 });
  const server = createApp(store, config).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const text = realText(mb * 1024 * 1024);

  // Warm up: one small ingest starts the worker thread, so the figures are of the big one.
  await fetch(`${base}/api/documents?wait=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'warm-up', text: 'Sheinbaum said she rejects any interference.' }),
  });
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);

  const started = performance.now();
  const posted = await fetch(`${base}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: `A ${mb} MB document`, text }),
  });
  const postMs = performance.now() - started;
  const job = (await posted.json()) as { id: string };
  const health: number[] = [];
  let resets = 0;
  let status = 'running';
  let last: Record<string, unknown> = {};
  while (status === 'running' || status === 'queued') {
    const t0 = performance.now();
    try {
      // A fresh connection each time: a reused one the server has let go of would read as a reset.
      const res = await fetch(`${base}/health`, { headers: { connection: 'close' } });
      await res.arrayBuffer();
    } catch {
      resets += 1;
    }
    health.push(performance.now() - t0);
    last = (await (await fetch(`${base}/api/jobs/${job.id}`)).json()) as Record<string, unknown>;
    status = last.status as string;
    await sleep(50);
  }
  const jobMs = performance.now() - started;
  clearInterval(sampler);
  health.sort((a, b) => a - b);
  const result = last.result as
    { extraction?: { written?: Record<string, number>; error?: string } } | undefined;
  console.log(`document: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB of news text`);
  console.log(`POST /api/documents answered ${posted.status} in ${postMs.toFixed(0)} ms`);
  console.log(
    `job ${status} in ${(jobMs / 1000).toFixed(1)} s; wrote ${JSON.stringify(result?.extraction?.written ?? last.error)}`,
  );
  if (resets > 0) console.log(`/health requests that failed: ${resets}`);
  console.log(
    `/health during the job (${health.length} requests): median ${quantile(health, 0.5).toFixed(1)} ms, ` +
      `p99 ${quantile(health, 0.99).toFixed(1)} ms, worst ${health.at(-1)!.toFixed(1)} ms`,
  );
  console.log(
    `resident memory: ${(rssBefore / 2 ** 20).toFixed(0)} MB before, peak ${(rssPeak / 2 ** 20).toFixed(0)} MB ` +
      `(+${((rssPeak - rssBefore) / 2 ** 20).toFixed(0)} MB; worker heap capped at 512 MB)`,
  );
  server.close();
  await extractionPool().close();
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
