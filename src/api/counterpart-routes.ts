import { defineRoute } from '../http/route-definition';
import {
  oppositionsQuerySchema,
  oppositionsResponseSchema,
  pathsQuerySchema,
  pathsResponseSchema,
} from '../counterparts/counterpart-schema';
import { findOppositions, findPaths } from '../counterparts/counterpart-service';

export const relationshipRoutes = [
  defineRoute({
    method: 'get',
    path: '/oppositions',
    tag: 'Relationships',
    summary: 'Every pair of actors in opposition, with the reasons',
    query: oppositionsQuerySchema,
    response: oppositionsResponseSchema,
    handle: ({ query }, { store }) => findOppositions(store, query),
  }),
  defineRoute({
    method: 'get',
    path: '/paths',
    tag: 'Relationships',
    summary: 'Shortest chains of relations and affiliations between two actors',
    query: pathsQuerySchema,
    response: pathsResponseSchema,
    errors: [404],
    handle: ({ query }, { store }) => findPaths(store, query),
  }),
];
