import { idParamsSchema, entityRoutes } from './entity-routes';
import { defineRoute } from '../http/route-definition';
import { findAllies, findOpponents } from '../counterparts/counterpart-service';
import {
  alliesResponseSchema,
  opponentsResponseSchema,
  relationshipQuerySchema,
} from '../counterparts/counterpart-schema';
import { actorStances, actorStancesQuerySchema, actorStancesResponseSchema } from '../actors/actor-stances';
import { mergeActors, splitActor } from '../merging/merge-service';
import {
  actorMergeResultSchema,
  actorSplitResultSchema,
  mergeRequestSchema,
  splitRequestSchema,
} from '../merging/merge-schema';

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
  defineRoute({
    method: 'post',
    path: '/actors/{id}/merge',
    tag: 'Actors',
    summary: 'Merge another actor into this one',
    description:
      "The actor `from` is one with this actor: its name and aliases join this actor's aliases (once each, ignoring case), every statement, relation and affiliation naming it names this actor instead, and it is removed, all in one write with a `merged` history event for every record changed (the removed actor's keeps it whole). A relation or affiliation between the two would join the actor to itself: 409, naming them, and nothing changes. Undo by splitting the alias off again.",
    params: idParamsSchema,
    body: mergeRequestSchema,
    response: actorMergeResultSchema,
    errors: [404, 409],
    handle: ({ params, body, caller }, { store }) => mergeActors(store, params.id, body, caller),
  }),
  defineRoute({
    method: 'post',
    path: '/actors/{id}/split',
    tag: 'Actors',
    summary: 'Split an alias off into an actor of its own',
    description:
      "Creates an actor named by one of this actor's aliases (same kind and country), removes the alias from this actor and moves the listed statements, relations and affiliations (each must name this actor) to the new one, in one write with `split` history events.",
    params: idParamsSchema,
    body: splitRequestSchema,
    status: 201,
    response: actorSplitResultSchema,
    errors: [404, 409],
    location: (result) => `/actors/${(result as { actor: { id: string } }).actor.id}`,
    handle: ({ params, body, caller }, { store }) => splitActor(store, params.id, body, caller),
  }),
];
