import type Graph from 'graphology';

/**
 * Cytoscape.js elements JSON (`cy.add(data.elements)`, or File > Import in Cytoscape desktop as .cyjs):
 * every attribute goes into `data`, next to the id, source and target Cytoscape needs.
 */
export function toCytoscape(graph: Graph) {
  return {
    format_version: '1.0',
    generated_by: 'stancegraph',
    target_cytoscapejs_version: '~3',
    data: graph.getAttributes(),
    elements: {
      nodes: graph.mapNodes((id, attributes) => ({
        data: { ...attributes, id, name: attributes.label ?? id },
      })),
      edges: graph.mapEdges((id, attributes, source, target, _s, _t, undirected) => ({
        data: { ...attributes, id, source, target, directed: !undirected },
      })),
    },
  };
}
