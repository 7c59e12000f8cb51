import { networkFile } from '../exports/network-file';
import { defineRoute, RawResponse } from '../http/route-definition';
import { buildNetwork } from '../networks/network-builder';
import { networkQuerySchema, serializedGraphSchema, type NetworkQuery } from '../networks/network-schema';
import type { AnalyticsLimits } from '../networks/stance-projection';
import type { GraphStore } from '../store/graph-store';

export const networkRoutes = [
  defineRoute({
    method: 'get',
    path: '/network',
    tag: 'Network',
    summary:
      "The stance network in graphology's serialized JSON, or as a file for Gephi, networkx, Cytoscape",
    description:
      'relations: explicit actor-to-actor relations; agreement / conflict: actors linked by the same / opposite current stance on a topic, weighted by the number of such topics (or a normalization of it); subtract: agreement minus conflict; affiliation: membership; actor-topic: the two-mode network of actors and the topics they take sides on. `format` turns the answer into a file download. Refused with 422 naming the ANALYTICS_MAX_* limit the network would exceed.',
    query: networkQuerySchema,
    response: serializedGraphSchema,
    rawContentTypes: ['application/gexf+xml', 'application/graphml+xml', 'text/csv'],
    handle: ({ query }, { store, config }) => networkResponse(store, query, config.analytics),
  }),
];

/** What GET /api/network answers: graphology JSON by default, a downloadable file for any `format`. */
async function networkResponse(store: GraphStore, query: NetworkQuery, limits: AnalyticsLimits) {
  if (query.format === undefined) return (await buildNetwork(store, query, limits)).export();
  const file = await networkFile(store, query, limits);
  return new RawResponse(file.contentType, file.body, `stancegraph-${query.kind}.${file.extension}`);
}
