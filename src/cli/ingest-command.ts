import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, type Config } from '../config/config';
import type { GraphStore } from '../store/graph-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { extractionPool, ingestDocumentSchema, type IngestDocument } from '../documents/document-ingest';
import { ingestJobsFor, type IngestJobs } from '../documents/ingest-jobs';
import { createExtractor } from '../extraction/extractor-factory';
import { isoDateSchema } from '../model/common-schema';
import { ValidationError } from '../shared/errors';
import { openStore } from '../store/store-factory';

const EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm', '.json']);

export interface IngestSummary {
  files: number;
  documents: number;
  duplicates: number;
  skipped: number;
  failed: number;
  statements: number;
  relations: number;
  actors: number;
  failures: string[];
}

/**
 * Ingests every .txt, .md, .html and .json document under `targets` into `store` through the same jobs
 * POST /api/documents starts, showing each job's progress. A file that fails is reported and skipped;
 * the others still go in.
 */
export async function ingestFiles(
  targets: readonly string[],
  store: GraphStore,
  config: Config,
  progress: { show: boolean } = { show: false },
  options: { date?: string } = {},
): Promise<IngestSummary> {
  const files = (await Promise.all(targets.map((target) => collectFiles(path.resolve(target)))))
    .flat()
    .sort();
  const jobs = ingestJobsFor(store, config);
  const summary: IngestSummary = {
    files: files.length,
    documents: 0,
    duplicates: 0,
    skipped: 0,
    failed: 0,
    statements: 0,
    relations: 0,
    actors: 0,
    failures: [],
  };
  const bar = new SingleBar(
    {
      format: 'ingest [{bar}] {value}/{total} files | {file}: {phase} {percent}%',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  if (progress.show) bar.start(files.length, 0, { file: '', phase: '', percent: 0 });
  try {
    for (const file of files) {
      if (progress.show) bar.update({ file: path.basename(file) });
      try {
        for (const input of await readDocuments(file, options.date)) {
          const result = await followJob(jobs, jobs.submit(input).id, (phase, fraction) => {
            if (progress.show) bar.update({ phase, percent: Math.round(fraction * 100) });
          });
          if (result.duplicate) summary.duplicates += 1;
          else summary.documents += 1;
          if (result.extraction.skipped && !result.duplicate) summary.skipped += 1;
          if (result.extraction.error)
            summary.failures.push(`${file}: extraction failed: ${result.extraction.error}`);
          summary.statements += result.extraction.written.statements;
          summary.relations += result.extraction.written.relations;
          summary.actors += result.extraction.written.actors;
        }
      } catch (error) {
        summary.failed += 1;
        summary.failures.push(`${file}: ${describe(error)}`);
      }
      if (progress.show) bar.increment();
    }
  } finally {
    if (progress.show) bar.stop();
  }
  return summary;
}

/** Waits for a job, telling `onProgress` where it is a few times a second. */
async function followJob(
  jobs: IngestJobs,
  id: string,
  onProgress: (phase: string, fraction: number) => void,
): ReturnType<IngestJobs['wait']> {
  const result = jobs.wait(id);
  let finished = false;
  void result.finally(() => (finished = true)).catch(() => undefined);
  while (!finished) {
    const { progress } = jobs.get(id);
    onProgress(progress.phase, progress.fraction);
    await Promise.race([result.catch(() => undefined), sleep(250)]);
  }
  return result;
}
const USAGE = `usage: npm run ingest -- [--date YYYY-MM-DD] <files or folders> (.txt .md .html .json)
  A document's date comes from the file (publishedAt in .json; a "date:" or "published:" line at the top
  of .txt and .md; article:published_time, a date meta tag or <time datetime> in .html), else from --date.
  A document with neither is stored undated, and so are the claims proposed from it: no date is invented.`;

/** `npm run ingest -- <files or folders>`: ingests into the configured store and prints a summary. */
async function main(argv: string[]): Promise<void> {
  const { values, positionals: args } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { date: { type: 'string' } },
  });
  if (args.length === 0) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (values.date !== undefined && !isoDateSchema.safeParse(values.date).success) {
    console.error(`stancegraph/ingest: --date must be a calendar date YYYY-MM-DD, not '${values.date}'`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const s = await ingestFiles(args, store, config, { show: process.stderr.isTTY }, { date: values.date });
    const extractor = createExtractor(config).info;
    console.log(
      `stancegraph: ingested ${s.documents} document(s) from ${s.files} file(s) into ${store.backend}` +
        ` (${s.duplicates} already stored, ${s.skipped} without proposals, ${s.failed} failed);` +
        ` proposed ${s.statements} statement(s), ${s.relations} relation(s), ${s.actors} new actor(s)` +
        ` with ${extractor.name} ${extractor.version}`,
    );
    for (const failure of s.failures) console.error(`  ${failure}`);
    if (s.failed > 0) process.exitCode = 1;
  } finally {
    await extractionPool().close();
    await store.close();
  }
}

async function collectFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new Error(`stancegraph/ingest: no such file or folder: ${target}`);
  if (info.isFile()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .filter((entry) => !entry.name.endsWith('.gold.json'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** A .json file holds one document object or an array of them; other files are one document each. */
async function readDocuments(file: string, fallbackDate?: string): Promise<IngestDocument[]> {
  const raw = await readFile(file, 'utf8');
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') {
    const parsed: unknown = JSON.parse(raw);
    const items = Array.isArray(parsed) ? parsed : [parsed];
    return items.map((item, index) => {
      const result = ingestDocumentSchema.safeParse(item);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new Error(`document ${index}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
      return { ...result.data, publishedAt: result.data.publishedAt ?? fallbackDate };
    });
  }
  const format = extension === '.md' ? 'markdown' : extension.startsWith('.htm') ? 'html' : 'text';
  const publishedAt = dateOf(raw, format) ?? fallbackDate;
  return [{ title: titleOf(raw, file, format), text: raw, format, ...(publishedAt ? { publishedAt } : {}) }];
}

/** Where news files say when they were published; the day of the first well-formed date found. */
const DATE_PATTERNS: Record<string, RegExp[]> = {
  html: [
    /<meta[^>]+(?:property|name)=["'](?:article:published_time|date|pubdate|publish-date|dc\.date)["'][^>]*content=["'](\d{4}-\d{2}-\d{2})/i,
    /<meta[^>]+content=["'](\d{4}-\d{2}-\d{2})[^>]*(?:property|name)=["'](?:article:published_time|date|pubdate|publish-date|dc\.date)["']/i,
    /<time[^>]+datetime=["'](\d{4}-\d{2}-\d{2})/i,
  ],
  text: [/^(?:date|published|published_at|publishedAt):\s*["']?(\d{4}-\d{2}-\d{2})/im],
};

function dateOf(raw: string, format: string): string | undefined {
  const head = format === 'html' ? raw.slice(0, 200_000) : raw.split('\n', 20).join('\n');
  for (const pattern of DATE_PATTERNS[format === 'html' ? 'html' : 'text']!) {
    const found = pattern.exec(head)?.[1];
    if (found && isoDateSchema.safeParse(found).success) return found;
  }
  return undefined;
}

function titleOf(raw: string, file: string, format: string): string {
  const htmlTitle = format === 'html' ? /<title[^>]*>([^<]{1,500})<\/title>/i.exec(raw)?.[1] : undefined;
  const firstLine = raw
    .split('\n', 1)[0]!
    .replace(/^#+\s*/, '')
    .trim();
  const fallback = path.basename(file, path.extname(file));
  return (
    (
      htmlTitle ??
      (format !== 'html' && firstLine.length > 0 && firstLine.length <= 200 ? firstLine : fallback)
    ).trim() || fallback
  );
}

function describe(error: unknown): string {
  if (error instanceof ValidationError) {
    return `${error.message} (${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`;
  }
  return error instanceof Error ? error.message : String(error);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(describe(error));
    process.exitCode = 1;
  });
}
