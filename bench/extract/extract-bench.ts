import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';
import { RulesExtractor } from '../../src/extraction/rules-extractor';

/**
 * `npm run bench:extract`: extraction throughput on at least 1 MB of real news text (the gold fixtures
 * and the seed article, repeated), against compromise's bare parse of the same documents in the same
 * run. The ratio (extraction throughput / bare parse throughput) is what to watch; target >= 0.3.
 */
const TARGET_BYTES = 1024 * 1024;
const root = path.resolve(__dirname, '../..');
const fixtureDir = path.join(root, 'tests/fixtures/extraction');
const sources = [
  ...readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(fixtureDir, f), 'utf8')),
  ...readdirSync(path.join(root, 'seed/documents')).map((f) =>
    readFileSync(path.join(root, 'seed/documents', f), 'utf8'),
  ),
];

// Documents are processed one by one, as ingestion does; each copy is made distinct so nothing is cached.
const documents: string[] = [];
let bytes = 0;
for (let round = 0; bytes < TARGET_BYTES; round++) {
  for (const text of sources) {
    const copy = `${text}\n\nEdition ${round}.`;
    documents.push(copy);
    bytes += Buffer.byteLength(copy);
  }
}

async function main(): Promise<void> {
  const extractor = new RulesExtractor();
  const context = { knownActors: [], topics: [] };
  // Warm both paths up so the JIT treats them alike.
  for (const text of sources) {
    nlp(text).json({ offset: true, terms: { offset: true } });
    await extractor.extract(text, context);
  }

  let start = process.hrtime.bigint();
  for (const text of documents) nlp(text).json({ offset: true, terms: { offset: true } });
  const parseSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  start = process.hrtime.bigint();
  let proposals = 0;
  for (const text of documents) {
    const draft = await extractor.extract(text, context);
    proposals += draft.statements.length + draft.relations.length;
  }
  const extractSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  const mb = bytes / (1024 * 1024);
  const parseRate = mb / parseSeconds;
  const extractRate = mb / extractSeconds;
  console.log(`text: ${mb.toFixed(2)} MB in ${documents.length} documents`);
  console.log(`compromise bare parse: ${parseRate.toFixed(3)} MB/s (${parseSeconds.toFixed(1)} s)`);
  console.log(
    `rules extraction:      ${extractRate.toFixed(3)} MB/s (${extractSeconds.toFixed(1)} s, ${proposals} proposals)`,
  );
  console.log(`ratio extraction / bare parse: ${(extractRate / parseRate).toFixed(2)} (target >= 0.3)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
