import { loadConfig } from '../config/config';
import { loadSeed } from '../seed/seed-loader';
import { ValidationError } from '../shared/errors';
import { openStore } from '../store/store-factory';

/** `npm run seed`: loads the curated seed into the configured store. Safe to run again. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = openStore(config);
  try {
    const counts = await loadSeed(store, config.seedDir);
    const summary = Object.entries(counts)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ');
    console.log(`stancegraph: seed loaded into ${store.backend} (${summary})`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof ValidationError) {
    for (const issue of error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exitCode = 1;
});
