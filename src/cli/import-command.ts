import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { graphImportSchema, type ImportReport } from '../imports/import-schema';
import { importGraphJson, importStatementTable } from '../imports/import-service';
import { StancegraphError, ValidationError } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import { openStore } from '../store/store-factory';

const USAGE = `usage: npm run import -- <file.csv|file.json> [--partial] [--update] [--create-missing]
  file.csv: a statements table (as npm run export -- --format csv writes it)
  file.json: records per kind, or a network exported in graphology's format
  Nothing is written when a row is rejected, unless --partial. A record stored with the same id and other
  content is rejected unless --update; an actor or topic a table names that is not stored is rejected
  unless --create-missing.`;

/** `npm run import`: reads a statements table or graph JSON into the configured store, all or nothing. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      partial: { type: 'boolean', default: false },
      update: { type: 'boolean', default: false },
      'create-missing': { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (values.help || !file || positionals.length > 1) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 1;
    return;
  }
  const text = fs.readFileSync(file, 'utf8');
  const config = loadConfig();
  const store = await openStore(config);
  const options = {
    partial: values.partial,
    onExisting: values.update ? ('update' as const) : ('error' as const),
  };
  try {
    let report: ImportReport;
    if (path.extname(file).toLowerCase() === '.json') {
      const parsed = graphImportSchema.safeParse(JSON.parse(text));
      if (!parsed.success)
        throw new ValidationError(`stancegraph/import: ${file} is not graph JSON`, zodIssues(parsed.error));
      report = await importGraphJson(store, parsed.data, options);
    } else {
      report = await importStatementTable(store, text, {
        ...options,
        createMissing: values['create-missing'],
      });
    }
    const counts = (tally: Record<string, number>) =>
      Object.entries(tally)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ') || 'nothing';
    console.log(`stancegraph: imported ${counts(report.imported)} into ${store.backend} from ${file}`);
    console.log(`  created ${counts(report.created)}`);
    console.log(`  updated ${counts(report.updated)}`);
    console.log(`  unchanged ${counts(report.unchanged)}`);
    if (report.skipped > 0) console.log(`  skipped ${report.skipped} derived edges (computed, not stored)`);
    for (const r of report.rejected) console.log(`  rejected row ${r.row}, ${r.field}: ${r.reason}`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof ValidationError) {
    for (const issue of error.issues) console.error(`  ${issue.path.join(' ')}: ${issue.message}`);
  }
  process.exitCode = error instanceof StancegraphError ? 2 : 1;
});
