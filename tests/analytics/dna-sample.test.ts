import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * DNA's own sample: 40 statements by 7 persons in 7 organizations on 6 concepts (tests/fixtures/dna-sample,
 * copied from ../shared/dna-sample with its provenance). Imported through the public CSV import, the
 * networks reproduce what the Discourse Network Analyzer computes on it (figures from rDNA's tests, listed
 * in the sample's README): DNA's matrices are symmetric with both directions of a pair, so a matrix sum is
 * twice the sum of our undirected edge weights.
 */
const SAMPLE = path.resolve(__dirname, '../fixtures/dna-sample/statements.csv');
const CSV = fs.readFileSync(SAMPLE, 'utf8');

const EEA = 'energy-and-environmental-analysis-inc';
const EPA = 'environmental-protection-agency';
const ALLIANCE = 'alliance-to-save-energy';
const NPRA = 'national-petrochemical-and-refiners-association';
const REGULATE_CO2 = 'emissions-legislation-should-regulate-co2';

type Edge = { source: string; target: string; attributes: { weight: number; count: number } };
interface Network {
  nodes: { key: string; attributes: { nodeType?: string } }[];
  edges: Edge[];
}
const pair = (x: string, y: string) => [x, y].sort().join(' ');
const weightOf = (net: Network, x: string, y: string) =>
  net.edges.find((e) => pair(e.source, e.target) === pair(x, y))?.attributes.weight ?? 0;
const total = (net: Network) => net.edges.reduce((sum, e) => sum + e.attributes.weight, 0);

describe('the DNA sample, imported as a statements table', () => {
  let t: TestApp;
  const network = async (query: Record<string, string>) =>
    (
      await request(t.app)
        .get('/api/network')
        .query({ level: 'organizations', ...query })
        .expect(200)
    ).body as Network;

  beforeEach(async () => {
    t = await startTestApp();
    const res = await request(t.app).post('/api/imports/statements').query({ createMissing: true }).send({ csv: CSV }).expect(200);
    expect(res.body).toMatchObject({ rejected: [] });
  });
  afterEach(() => t.store.close());

  it('reproduces DNA with every statement counted (its default, duplicates = include)', async () => {
    const every = { counting: 'every-statement' };
    // Two-mode organization x concept: 7 x 6, 40 statements in 22 non-empty cells, 13 nodes.
    const twoMode = await network({ kind: 'actor-topic', ...every });
    expect(twoMode.nodes).toHaveLength(13);
    expect(twoMode.edges).toHaveLength(40);
    const cells = new Set(twoMode.edges.map((e) => `${e.source} ${e.target}`));
    expect(cells.size).toBe(22);
    // The row of Energy and Environmental Analysis, Inc. starts "2 0" (concepts in alphabetical order).
    const eea = twoMode.edges.filter((e) => e.source === EEA).map((e) => e.target);
    expect(eea.filter((c) => c === 'topic:co2-legislation-will-not-hurt-the-economy')).toHaveLength(2);
    expect(eea.filter((c) => c === 'topic:cap-and-trade-is-the-solution')).toHaveLength(0);

    // One-mode with the qualifier ignored (congruence + conflict): sum 276, 21 ties, EPA's row "10 2".
    const agreement = await network({ kind: 'agreement', ...every });
    const conflict = await network({ kind: 'conflict', ...every });
    expect(2 * (total(agreement) + total(conflict))).toBe(276);
    const ties = new Set([...agreement.edges, ...conflict.edges].map((e) => pair(e.source, e.target)));
    expect(ties.size).toBe(21);
    expect(weightOf(agreement, EPA, ALLIANCE) + weightOf(conflict, EPA, ALLIANCE)).toBe(10);
    expect(weightOf(agreement, EPA, EEA) + weightOf(conflict, EPA, EEA)).toBe(2);
    expect(total(agreement)).toBe(80);
    expect(total(conflict)).toBe(58);
    expect(total(await network({ kind: 'subtract', ...every }))).toBe(22);

    // Congruence normalized by average activity: round(sum) = 26.
    const average = await network({ kind: 'agreement', normalization: 'average-activity', ...every });
    expect(Math.round(2 * total(average))).toBe(26);
    expect(2 * total(average)).toBeCloseTo(25.802436, 5);
  });

  it('reproduces DNA with a concept and two organizations excluded: 5 x 5, round(sum) = 10', async () => {
    // DNA's exclusion drops the statements before counting, so importing the rest is the same thing.
    const [header, ...rows] = CSV.trimEnd().split('\n');
    const kept = rows.filter(
      (r) =>
        !r.includes('There should be legislation to regulate emissions.') &&
        !r.includes(',Senate,') &&
        !r.includes(',Sierra Club,'),
    );
    expect(kept.length).toBeLessThan(rows.length);
    const other = await startTestApp();
    try {
      await request(other.app)
        .post('/api/imports/statements')
        .query({ createMissing: true })
        .send({ csv: [header, ...kept].join('\n') })
        .expect(200);
      const res = await request(other.app)
        .get('/api/network')
        .query({
          kind: 'agreement',
          level: 'organizations',
          counting: 'every-statement',
          normalization: 'average-activity',
        })
        .expect(200);
      const net = res.body as Network;
      expect(net.nodes).toHaveLength(5);
      expect(Math.round(2 * total(net))).toBe(10);
      expect(2 * total(net)).toBeCloseTo(9.809524, 5);
    } finally {
      other.store.close();
    }
  });

  it('counts each organization, concept and side once (DNA duplicates = acrossrange)', async () => {
    const once = { counting: 'once-per-side' };
    expect(total(await network({ kind: 'agreement', ...once }))).toBe(24);
    expect(total(await network({ kind: 'conflict', ...once }))).toBe(19);
    expect(total(await network({ kind: 'subtract', ...once }))).toBe(5);
    expect(
      total(await network({ kind: 'agreement', normalization: 'average-activity', ...once })),
    ).toBeCloseTo(7.319048, 5);
  });

  it('keeps the current-stance projection as the default, with same-day statements in input order', async () => {
    // Joel Bluestein disagrees (statement 3) and then agrees (statement 4) on regulating CO2 the same day:
    // the later row is his current stance.
    const twoMode = await network({ kind: 'actor-topic', level: 'individuals' });
    const bluestein = twoMode.edges.filter(
      (e) => e.source === 'joel-bluestein' && e.target === `topic:${REGULATE_CO2}`,
    );
    expect(bluestein.map((e) => (e.attributes as { polarity?: string }).polarity)).toEqual(['support']);

    const agreement = await network({ kind: 'agreement' });
    expect(total(agreement)).toBe(23);
    expect(agreement.edges).toHaveLength(16);
    expect(total(await network({ kind: 'conflict' }))).toBe(16);
    expect(total(await network({ kind: 'subtract' }))).toBe(7);
    expect(total(await network({ kind: 'agreement', normalization: 'average-activity' }))).toBeCloseTo(
      7.390476,
      5,
    );
    expect(total(await network({ kind: 'conflict', normalization: 'average-activity' }))).toBeCloseTo(
      5.033333,
      5,
    );
    // The same at the level of persons, since each speaks for one organization.
    expect(total(await network({ kind: 'agreement', level: 'individuals' }))).toBe(23);
  });

  it("offers DNA's Jaccard (over topic and side cells) beside Stancegraph's (over topics)", async () => {
    // EPA and the refiners agree on one concept and clash on another: 1 of 2 topics, 1 of 3 cells.
    const topics = await network({ kind: 'agreement', normalization: 'jaccard-topics' });
    const dna = await network({ kind: 'agreement', normalization: 'jaccard-dna' });
    expect(weightOf(topics, EPA, NPRA)).toBeCloseTo(1 / 2);
    expect(weightOf(dna, EPA, NPRA)).toBeCloseTo(1 / 3);
    expect(total(topics)).toBeCloseTo(5.65, 5);
    expect(total(dna)).toBeCloseTo(5.109524, 5);
    const everyDna = await network({
      kind: 'agreement',
      normalization: 'jaccard-dna',
      counting: 'every-statement',
    });
    expect(total(everyDna)).toBeCloseTo(6.805331, 5);
  });

  it('creates the affiliations from the organization column, so the organization level is not persons', async () => {
    const agreement = await network({ kind: 'agreement' });
    expect(agreement.nodes.map((n) => n.key)).toContain(EPA);
    expect(agreement.nodes.map((n) => n.key)).not.toContain('christine-todd-whitman');
    const affiliation = await network({ kind: 'affiliation' });
    expect(affiliation.edges).toHaveLength(7);
    expect(affiliation.edges.some((e) => e.source === 'christine-todd-whitman' && e.target === EPA)).toBe(
      true,
    );
  });

  it('gives back the same organization-level network when its CSV is imported into an empty store', async () => {
    const query = { kind: 'agreement', level: 'organizations', counting: 'every-statement' };
    const before = (await request(t.app).get('/api/network').query(query).expect(200)).body as Network;
    const csv = (
      await request(t.app)
        .get('/api/network')
        .query({ ...query, format: 'csv' })
        .expect(200)
    ).text;
    const empty = await startTestApp({ seed: false });
    try {
      await request(empty.app).post('/api/imports/statements').query({ createMissing: true }).send({ csv }).expect(200);
      const after = (await request(empty.app).get('/api/network').query(query).expect(200)).body as Network;
      const shape = (n: Network) =>
        Object.fromEntries(n.edges.map((e) => [pair(e.source, e.target), e.attributes.weight]));
      expect(shape(after)).toEqual(shape(before));
      expect(after.nodes.map((n) => n.key).sort()).toEqual(before.nodes.map((n) => n.key).sort());
    } finally {
      empty.store.close();
    }
  });
});
