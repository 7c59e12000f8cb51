import type Graph from 'graphology';
import { acceptedAffiliations } from '../entities/accepted-affiliations';
import { withoutUndefined } from '../shared/objects';
import type { GraphStore } from '../store/graph-store';
import { addActors, checkEdges } from './network-graph';
import type { AnalyticsLimits } from './stance-projection';

/** Membership: one directed edge from member to organization per accepted affiliation. */
export async function addAffiliationNetwork(
  store: GraphStore,
  graph: Graph,
  limits: AnalyticsLimits,
): Promise<void> {
  const affiliations = [];
  for await (const batch of acceptedAffiliations(store, 1000)) {
    affiliations.push(...batch);
    checkEdges(affiliations.length, limits);
  }
  await addActors(
    store,
    graph,
    affiliations.flatMap((a) => [a.memberId, a.organizationId]),
  );
  for (const a of affiliations) {
    graph.addDirectedEdgeWithKey(
      a.id,
      a.memberId,
      a.organizationId,
      withoutUndefined({
        type: 'member_of',
        tone: 'neutral',
        derived: false,
        role: a.role,
        from: a.from,
        to: a.to,
      }),
    );
  }
}
