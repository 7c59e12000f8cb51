import type { Affiliation } from '../model/affiliation-schema';
import type { GraphStore } from '../store/graph-store';

/**
 * Every affiliation that takes part in answers, batch by batch: accepted in review, or entered by hand
 * (no review status). Proposed and rejected ones stay out of networks and analytics, as they stay out of
 * the store's paths.
 */
export async function* acceptedAffiliations(
  store: GraphStore,
  batchSize: number,
): AsyncIterable<Affiliation[]> {
  for await (const batch of store.readAll('affiliations', batchSize)) {
    yield batch.filter((a) => (a.reviewStatus ?? 'accepted') === 'accepted');
  }
}
