import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { networkFile } from '../exports/network-file';
import { networkQuerySchema } from '../networks/network-schema';
import { StancegraphError, ValidationError } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import { openStore } from '../store/store-factory';

const USAGE = `usage: npm run export -- --format gexf|graphml|csv|cytoscape|graphology [--kind agreement] [--out file]
  [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--topic id] [--level individuals|organizations]
  [--normalization none|average-activity|jaccard-topics|jaccard-dna] [--counting current-stance|every-statement|once-per-side] [--acceptedOnly false] [--minConfidence 0.5] [--rollup true]
  [--types warns,threatens] [--ego actor-id --depth 1 --fanout 50]   (the parameters of GET /api/network)`;

/** `npm run export`: writes the network from the configured store in a format Gephi, networkx or a sheet opens. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      help: { type: 'boolean' },
      // Every query parameter of GET /api/network, read from its schema so the two never drift apart.
      ...Object.fromEntries(
        Object.keys(networkQuerySchema.shape).map((name) => [name, { type: 'string' as const }]),
      ),
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const { out, help: _help, ...raw } = values;
  const parsed = networkQuerySchema.safeParse({ format: 'graphology', ...raw });
  if (!parsed.success)
    throw new ValidationError('stancegraph/export: invalid options', zodIssues(parsed.error));
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const file = await networkFile(store, parsed.data, config.analytics);
    if (typeof out === 'string') {
      fs.writeFileSync(out, file.body);
      const what = parsed.data.format === 'csv' ? 'statements table' : `${parsed.data.kind} network`;
      console.error(`stancegraph: ${what} written to ${out} (${parsed.data.format})`);
    } else {
      process.stdout.write(file.body);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof ValidationError) {
    for (const issue of error.issues) console.error(`  --${issue.path.join('.')}: ${issue.message}`);
    console.error(USAGE);
  }
  process.exitCode = error instanceof StancegraphError ? 2 : 1;
});
