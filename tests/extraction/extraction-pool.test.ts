import { ExtractionPool } from '../../src/documents/extraction-pool';
import { CLAIMS_PER_PART, extract } from '../../src/documents/extraction-worker';
import { newsTextOfSize } from '../support/news-text';

describe('the extraction pool', () => {
  const pool = new ExtractionPool(1);
  afterAll(() => pool.close());

  const context = { knownActors: [], topics: [] };
  const extraction = { extractor: 'rules' as const };

  it('hands back a draft read on a thread exactly as read in place, its claims arriving in several parts', async () => {
    const text = newsTextOfSize(300_000);
    const inPlace = await extract({ text, context, extraction });
    if (!inPlace.ok) throw new Error(inPlace.failure.message);
    // More claims than one part holds, so the parts must be put back together in order.
    expect(inPlace.draft.statements.length).toBeGreaterThan(CLAIMS_PER_PART);

    const progress: number[] = [];
    const onThread = await pool.extract(text, context, extraction, undefined, (done) => progress.push(done));
    expect(onThread).toEqual(inPlace.draft);
    expect(progress.length).toBeGreaterThan(1);
  }, 300_000);

  it('hands back an empty draft for text that names nobody', async () => {
    const draft = await pool.extract('The weather was mild on Tuesday.', context, extraction, undefined);
    expect(draft.statements).toEqual([]);
    expect(draft.relations).toEqual([]);
  });
});
