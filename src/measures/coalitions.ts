import type Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { append } from '../shared/multimap';
import { seededRandom } from '../shared/seeded-random';

export interface Coalitions {
  /** Actor id to coalition number; coalitions are numbered by size, largest first, from 0. */
  membership: Map<string, number>;
  members: string[][];
  modularity: number;
}

/**
 * Louvain communities of a weighted actor network. Only positive ties pull actors together, so in a
 * subtract network the pairs that clash more than they agree are left out before clustering.
 */
export function detectCoalitions(graph: Graph, options: { seed: number; resolution?: number }): Coalitions {
  const positive = graph.copy();
  positive.forEachEdge((edge, attributes) => {
    if ((attributes.weight as number) <= 0) positive.dropEdge(edge);
  });
  let communities: Record<string, number>;
  let modularity = 0;
  if (positive.size === 0) {
    communities = Object.fromEntries(positive.nodes().map((node, i) => [node, i]));
  } else {
    const result = louvain.detailed(positive, {
      getEdgeWeight: 'weight',
      resolution: options.resolution ?? 1,
      rng: seededRandom(options.seed),
    });
    communities = result.communities;
    modularity = result.modularity;
  }
  const groups = new Map<number, string[]>();
  for (const [node, community] of Object.entries(communities)) {
    append(groups, community, node);
  }
  const members = [...groups.values()]
    .map((ids) => ids.sort())
    .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
  const membership = new Map(members.flatMap((ids, index) => ids.map((id) => [id, index] as const)));
  return { membership, members, modularity };
}
