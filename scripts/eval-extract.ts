import { RulesExtractor } from '../src/extraction/rules-extractor';
import {
  addCounts,
  figures,
  loadGoldFixtures,
  loadSeedGold,
  explainDocument,
  scoreDocument,
  type Counts,
} from './extraction-scoring';

/**
 * `npm run eval:extract`: runs the default extractor on every gold document (the seed article and the
 * news fixtures) against an empty graph and prints actor P/R/F1, quote attribution, polarity and
 * opposition-pair P/R/F1, per document and over all of them. `--explain` lists each document's misses and
 * proposals under its row.
 */
async function main(): Promise<void> {
  const explain = process.argv.includes('--explain');
  const extractor = new RulesExtractor();
  const documents = [loadSeedGold(), ...loadGoldFixtures()];
  let total: Counts | undefined;
  const pct = (value: number) => `${(value * 100).toFixed(1).padStart(5)}%`;
  const header = [
    'document'.padEnd(52),
    'actP',
    'actR',
    'actF1',
    'attrib',
    'stmtR',
    'polar',
    'pairP',
    'pairR',
    'pairF1',
  ];
  console.log(header.join('  '));
  const row = (name: string, c: Counts) => {
    const f = figures(c);
    console.log(
      [
        name.padEnd(52),
        f.actorPrecision,
        f.actorRecall,
        f.actorF1,
        f.attribution,
        f.statementRecall,
        f.polarity,
        f.pairPrecision,
        f.pairRecall,
        f.pairF1,
      ]
        .map((v) => (typeof v === 'number' ? pct(v) : v))
        .join('  '),
    );
  };
  for (const gold of documents) {
    const draft = await extractor.extract(gold.text, { knownActors: [], topics: [] });
    const counts = scoreDocument(gold, draft);
    row(gold.name, counts);
    if (explain) for (const line of explainDocument(gold, draft)) console.log(`    ${line}`);
    total = total ? addCounts(total, counts) : counts;
  }
  row('OVERALL (micro-averaged)', total!);
  console.log(
    '\nactP/actR/actF1: actor precision/recall/F1 (alias match); attrib: gold quotes found and given to the right actor;\n' +
      'stmtR: gold statements with a proposal by the right actor in the same sentence; polar: polarity right among those;\n' +
      'pairP/pairR/pairF1: opposition pairs (hostile relation, or support vs oppose on one topic).',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
