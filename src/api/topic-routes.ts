import { entityRoutes, idParamsSchema } from './entity-routes';
import { defineRoute } from '../http/route-definition';
import { timeWindowSchema } from '../model/common-schema';
import { positionsResponseSchema, topicPositions } from '../topics/topic-positions';

export const topicRoutes = [
  ...entityRoutes('topics'),
  defineRoute({
    method: 'get',
    path: '/topics/{id}/positions',
    tag: 'Topics',
    summary: 'Actors grouped by their current stance on the topic',
    params: idParamsSchema,
    query: timeWindowSchema,
    response: positionsResponseSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => topicPositions(store, params.id, query),
  }),
];
