import { RulesExtractor } from '../src/extraction/rules-extractor';
import {
  addCounts,
  figures,
  HELD_OUT_DIR,
  BLIND_DIR,
  loadGoldFixtures,
  loadSeedGold,
  type GoldDocument,
  explainDocument,
  missClasses,
  explainProbe,
  loadProbes,
  probeFigures,
  scoreProbe,
  type ProbeCounts,
  scoreDocument,
  type Counts,
} from './extraction-scoring';

/**
 * `npm run eval:extract`: runs the default extractor on every gold document (the seed article and the
 * news fixtures) against an empty graph and prints actor P/R/F1, quote attribution, polarity and
 * opposition-pair P/R/F1, per document and over all of them, first on the tuning set (the seed article
 * and the news fixtures), then on the held-out articles. `--explain` lists each tuning document's misses
 * and proposals under its row;
 * `--tuning` scores the tuning set (and the probe battery) only; `--explain` lists the battery's misses too. `--miss-classes` counts each set's misses by class under its overall
 * row, without quoting them (see `missClasses`).
 */
async function main(): Promise<void> {
  const explain = process.argv.includes('--explain');
  // While tuning, only the tuning set is run: the held-out and blind sets are read as a check, seldom.
  const tuningOnly = process.argv.includes('--tuning');
  const showMissClasses = process.argv.includes('--miss-classes');
  const extractor = new RulesExtractor();
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
  const evaluate = async (documents: GoldDocument[], label: string, explainMisses: boolean) => {
    let total: Counts | undefined;
    const classes = new Map<string, number>();
    for (const gold of documents) {
      const draft = await extractor.extract(gold.text, { knownActors: [], topics: [] });
      const counts = scoreDocument(gold, draft);
      row(gold.name, counts);
      if (explainMisses) for (const line of explainDocument(gold, draft)) console.log(`    ${line}`);
      total = total ? addCounts(total, counts) : counts;
      for (const [name, n] of missClasses(gold, draft)) classes.set(name, (classes.get(name) ?? 0) + n);
    }
    if (total) row(label, total);
    else console.log('  (no documents)');
    if (showMissClasses)
      for (const [name, n] of [...classes].sort(([a], [b]) => a.localeCompare(b)))
        console.log(`    ${String(n).padStart(4)}  ${name}`);
  };
  await evaluate([loadSeedGold(), ...loadGoldFixtures()], 'OVERALL (micro-averaged)', explain);
  // The probe battery: invented passages, one grammatical shape each, read for their stated reading.
  let probes: ProbeCounts | undefined;
  const probeItems = loadProbes();
  for (const item of probeItems) {
    const draft = await extractor.extract(item.text, { knownActors: [], topics: [] });
    const counts = scoreProbe(item, draft);
    probes = probes ? addCounts(probes, counts) : counts;
    const misses = explain ? explainProbe(item, draft) : [];
    if (misses.some((line) => !line.startsWith('  '))) {
      console.log(`  ${item.id} [${item.shape}] ${item.text.slice(0, 110)}`);
      for (const line of misses) console.log(`    ${line}`);
    }
  }
  const p = probeFigures(probes!);
  console.log(
    `\nprobe battery (${probeItems.length} invented passages, tuning): actor F1 ${pct(p.actorF1)}, ` +
      `statements right ${pct(p.statements)}, attribution ${pct(p.attribution)}, relation F1 ${pct(p.relationF1)}`,
  );
  if (tuningOnly) return;
  // The held-out articles are scored, never explained: what is not listed cannot be tuned to.
  console.log('\nheld out (never used for tuning):');
  await evaluate(loadGoldFixtures(HELD_OUT_DIR), 'HELD-OUT OVERALL (micro-averaged)', false);
  console.log('\nblind (annotated without sight of the extractor; never used for tuning):');
  await evaluate(loadGoldFixtures(BLIND_DIR), 'BLIND OVERALL (micro-averaged)', false);
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
