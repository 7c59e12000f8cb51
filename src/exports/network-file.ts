/**
 * exports/: every file format a network leaves in (GEXF with its timeline, GraphML, Cytoscape JSON, the CSV
 * statements table for discourse networks, the CSV edge table for relation and affiliation networks). Uses networks; knows nothing of HTTP.
 */
import type Graph from 'graphology';
import type { AnalyticsLimits } from '../networks/stance-projection';
import type { NetworkQuery } from '../networks/network-schema';
import { buildNetwork } from '../networks/network-builder';
import { windowOf } from '../model/common-schema';
import type { GraphStore } from '../store/graph-store';
import { toCytoscape } from './cytoscape-export';
import { toGexf } from './gexf-export';
import { toGraphml } from './graphml-export';
import { networkTimeline } from './network-timeline';
import { statementTable } from './statement-table';
import { edgeTable } from './edge-table';

interface NetworkFile {
  contentType: string;
  extension: string;
  body: string;
}

/** The network in the format a tool opens: Gephi (GEXF), networkx and yEd (GraphML), Cytoscape, a sheet. */
export async function networkFile(
  store: GraphStore,
  query: NetworkQuery,
  limits: AnalyticsLimits,
): Promise<NetworkFile> {
  const format = query.format ?? 'graphology';
  if (format === 'csv' && (query.kind === 'relations' || query.kind === 'affiliation')) {
    const body = edgeTable(await buildNetwork(store, query, limits));
    return { contentType: 'text/csv; charset=utf-8', extension: 'csv', body };
  }
  if (format === 'csv') {
    const body = await statementTable(
      store,
      {
        window: windowOf(query),
        topicId: query.topic,
        acceptedOnly: query.acceptedOnly,
        minConfidence: query.minConfidence,
      },
      limits,
    );
    return { contentType: 'text/csv; charset=utf-8', extension: 'csv', body };
  }
  const graph = await buildNetwork(store, query, limits);
  switch (format) {
    case 'gexf': {
      const build = (q: NetworkQuery): Promise<Graph> => buildNetwork(store, q, limits);
      const timeline = await networkTimeline(store, query, graph, build, limits);
      return { contentType: 'application/gexf+xml', extension: 'gexf', body: toGexf(graph, timeline) };
    }
    case 'graphml':
      return { contentType: 'application/graphml+xml', extension: 'graphml', body: toGraphml(graph) };
    case 'cytoscape':
      return { contentType: 'application/json', extension: 'cyjs', body: JSON.stringify(toCytoscape(graph)) };
    case 'graphology':
      return { contentType: 'application/json', extension: 'json', body: JSON.stringify(graph.export()) };
  }
}
