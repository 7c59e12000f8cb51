import { entityRoutes, idParamsSchema } from './entity-routes';
import { defineRoute } from '../http/route-definition';
import { positionsQuerySchema, positionsResponseSchema, topicPositions } from '../topics/topic-positions';
import { mergeTopics } from '../merging/merge-service';
import { mergeRequestSchema, topicMergeResultSchema } from '../merging/merge-schema';

export const topicRoutes = [
  ...entityRoutes('topics'),
  defineRoute({
    method: 'get',
    path: '/topics/{id}/positions',
    tag: 'Topics',
    summary: 'Actors grouped by their current stance on the topic',
    description:
      'Each actor once, by its best-matched position through the topic tree: its current stance on this topic (direct); else one entailed by a stance on a broader topic it opposes or a narrower case it supports (entailed, `via` that topic); else one a stance bears on without entailing it, support for a broader proposition or opposition to a narrower case (partial). `match=entailed` leaves partial positions out, `match=direct` keeps direct ones only.',
    params: idParamsSchema,
    query: positionsQuerySchema,
    response: positionsResponseSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => topicPositions(store, params.id, query),
  }),
  defineRoute({
    method: 'post',
    path: '/topics/{id}/merge',
    tag: 'Topics',
    summary: 'Merge another topic into this one',
    description:
      "The topic `from` is the same proposition: its statements and relations move to this topic, its sub-topics become this topic's, and it is removed, in one write with a `merged` history event for every record changed; its title stays in the history (the removed topic's event keeps it whole). Refused with 409 when this topic lies under `from`.",
    params: idParamsSchema,
    body: mergeRequestSchema,
    response: topicMergeResultSchema,
    errors: [404, 409],
    handle: ({ params, body, caller }, { store }) => mergeTopics(store, params.id, body, caller),
  }),
];
