import { defineRoute } from '../http/route-definition';
import {
  bridgesResponseSchema,
  centralityQuerySchema,
  centralityResponseSchema,
  coalitionQuerySchema,
  coalitionsResponseSchema,
  evolutionQuerySchema,
  evolutionResponseSchema,
  polarizationResponseSchema,
  stanceChangeQuerySchema,
  stanceChangesResponseSchema,
} from '../measures/measure-schema';
import { projectionQuerySchema } from '../networks/projection-schema';
import {
  findBridges,
  findCoalitions,
  findStanceChanges,
  measurePolarization,
  rankCentrality,
  traceEvolution,
} from '../measures/measure-service';

const TAG = 'Analytics';
const LIMITS =
  'Refused with 422 naming ANALYTICS_MAX_NODES, ANALYTICS_MAX_EDGES or ANALYTICS_MAX_STATEMENTS when the projection is larger.';

export const analyticsRoutes = [
  defineRoute({
    method: 'get',
    path: '/analytics/coalitions',
    tag: TAG,
    summary: 'Coalitions: Louvain communities of the net network (or any network kind), with modularity',
    description: `Seeded, so the same query gives the same coalitions. ${LIMITS}`,
    query: coalitionQuerySchema,
    response: coalitionsResponseSchema,
    handle: ({ query }, { store, config }) => findCoalitions(store, query, config.analytics),
  }),
  defineRoute({
    method: 'get',
    path: '/analytics/centrality',
    tag: TAG,
    summary:
      'Degree, weighted degree, betweenness and PageRank of each actor in the agreement network (or any network kind)',
    description: LIMITS,
    query: centralityQuerySchema,
    response: centralityResponseSchema,
    handle: ({ query }, { store, config }) => rankCentrality(store, query, config.analytics),
  }),
  defineRoute({
    method: 'get',
    path: '/analytics/polarization',
    tag: TAG,
    summary: 'How evenly each topic splits the actors who take a side on it',
    description: LIMITS,
    query: projectionQuerySchema,
    response: polarizationResponseSchema,
    handle: ({ query }, { store, config }) => measurePolarization(store, query, config.analytics),
  }),
  defineRoute({
    method: 'get',
    path: '/analytics/bridges',
    tag: TAG,
    summary: 'Bridging actors: agreement ties into more than one coalition',
    description: LIMITS,
    query: coalitionQuerySchema,
    response: bridgesResponseSchema,
    handle: ({ query }, { store, config }) => findBridges(store, query, config.analytics),
  }),
  defineRoute({
    method: 'get',
    path: '/analytics/stance-changes',
    tag: TAG,
    summary: "Stance changes: each flip of an actor's side on a topic, with both statements and their dates",
    description: LIMITS,
    query: stanceChangeQuerySchema,
    response: stanceChangesResponseSchema,
    handle: ({ query }, { store, config }) => findStanceChanges(store, query, config.analytics),
  }),
  defineRoute({
    method: 'get',
    path: '/analytics/evolution',
    tag: TAG,
    summary: 'The discourse network over moving windows: size, density, weight and coalitions per window',
    description: `At most ANALYTICS_MAX_WINDOWS windows. ${LIMITS}`,
    query: evolutionQuerySchema,
    response: evolutionResponseSchema,
    handle: ({ query }, { store, config }) => traceEvolution(store, query, config.analytics),
  }),
];
