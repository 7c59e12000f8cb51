import { defineRoute } from '../http/route-definition';
import { networkQuerySchema, serializedGraphSchema } from './network-schema';
import { buildNetwork } from './network-service';

export const networkRoutes = [
  defineRoute({
    method: 'get',
    path: '/network',
    tag: 'Network',
    summary: "The stance network in graphology's serialized JSON",
    description:
      'relations: explicit actor-to-actor relations; agreement / conflict: actors linked by the same / opposite current stance on a topic, weighted by the number of such topics; affiliation: membership.',
    query: networkQuerySchema,
    response: serializedGraphSchema,
    handle: async ({ query }, { store }) => (await buildNetwork(store, query)).export(),
  }),
];
