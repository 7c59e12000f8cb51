import type Graph from 'graphology';

/**
 * The part of a network around one actor: nodes within `depth` hops, expanding each node to at most
 * `fanout` neighbours (the most strongly tied first), and every edge among the nodes kept. The caps keep
 * an ego query on a hub from pulling in the whole graph.
 */
export function egoNetwork(graph: Graph, ego: string, depth: number, fanout: number): Graph {
  const kept = new Set([ego]);
  let frontier = [ego];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      const strength = new Map<string, number>();
      graph.forEachEdge(node, (_edge, attributes, source, target) => {
        const other = source === node ? target : source;
        const weight = typeof attributes.weight === 'number' ? Math.abs(attributes.weight) : 1;
        strength.set(other, (strength.get(other) ?? 0) + weight);
      });
      const strongest = [...strength]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .slice(0, fanout)
        .map(([other]) => other);
      for (const other of strongest) {
        if (kept.has(other)) continue;
        kept.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  const around = graph.copy();
  for (const node of around.nodes()) if (!kept.has(node)) around.dropNode(node);
  return around;
}
