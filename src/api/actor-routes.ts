import { idParamsSchema, entityRoutes } from './entity-routes';
import { defineRoute } from '../http/route-definition';
import { findAllies, findOpponents } from '../counterparts/counterpart-service';
import {
  alliesResponseSchema,
  opponentsResponseSchema,
  relationshipQuerySchema,
} from '../counterparts/counterpart-schema';
import { actorStances, actorStancesQuerySchema, actorStancesResponseSchema } from '../actors/actor-stances';

export const actorRoutes = [
  ...entityRoutes('actors'),
  defineRoute({
    method: 'get',
    path: '/actors/{id}/opponents',
    tag: 'Actors',
    summary: 'Who opposes this actor, and why',
    description:
      'Hostile relations in either direction, and opposite current stances (support against oppose) on the same topic, each with its evidence. A page at a time (`limit`, `offset`, with the `total`), the opponents with the most reasons first.',
    params: idParamsSchema,
    query: relationshipQuerySchema,
    response: opponentsResponseSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => findOpponents(store, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/actors/{id}/allies',
    tag: 'Actors',
    summary: 'Who sides with this actor, and why',
    description:
      'Friendly relations in either direction, and the same current stance on a topic, each with its evidence. A page at a time (`limit`, `offset`, with the `total`), the allies with the most reasons first.',
    params: idParamsSchema,
    query: relationshipQuerySchema,
    response: alliesResponseSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => findAllies(store, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/actors/{id}/stances',
    tag: 'Actors',
    summary: "The actor's statements over time, per topic",
    params: idParamsSchema,
    query: actorStancesQuerySchema,
    response: actorStancesResponseSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => actorStances(store, params.id, query),
  }),
];
