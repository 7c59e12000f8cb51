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
      'Every actor with at least one conflict with this one: a hostile relation in either direction, or opposite current stances met through the topic tree (on the same topic: direct; an opposition carried down to a narrower case or a support carried up to the broader proposition: entailed; support for the broader proposition against opposition to a narrower case: partial). Each carries every agreement and every conflict between the two, each reason with its side, how it matched and its weight, and the net score (agreements minus conflicts, weighted by confidence and match). `match=entailed` leaves partial reasons out, `match=direct` keeps direct ones only. A page at a time (`limit`, `offset`, with the `total`), the lowest net first.',
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
      'Every actor with at least one agreement with this one: a friendly relation in either direction, or the same side met through the topic tree. Each ally carries its conflicts beside its agreements and the net score; same parameters as opponents. A page at a time, the highest net first.',
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
