import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import { pageSchema } from '../model/common-schema';
import type { EntityKind } from '../model/entity-kinds';
import { ENTITY_SPECS } from '../model/entity-kinds';
import {
  createEntity,
  deleteEntity,
  getEntity,
  listEntities,
  updateEntity,
} from '../entities/entity-service';
import { recordHistory } from '../entities/record-history';
import { historyPageQuerySchema, historyPageSchema } from '../model/history-schema';

/** Any id is accepted in a path: one that cannot exist is simply not found. */
export const idParamsSchema = z.object({ id: z.string().min(1).max(200) });

const deleteQuerySchema = z.object({
  cascade: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'also delete the statements, relations and affiliations that refer to it' }),
});

/** The history of one record: every review, merge and split that changed it, oldest first. */
export function historyRoute(kind: Exclude<EntityKind, 'documents'>): RouteDefinition {
  const spec = ENTITY_SPECS[kind];
  return defineRoute({
    method: 'get',
    path: `/${kind}/{id}/history`,
    tag: spec.tag,
    summary: `The review history of a ${spec.name}`,
    description:
      `Every review (accept, reject, edit, re-review), merge and split that changed the ${spec.name}, oldest ` +
      'first, each with who, when, why and the record before and after; contradicting reviews all stay. ' +
      `A ${spec.name} merged away keeps its history here.`,
    params: idParamsSchema,
    query: historyPageQuerySchema,
    response: historyPageSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => recordHistory(store, kind, params.id, query),
  });
}

/** List, create, read, update (JSON merge patch) and delete for one kind of record, and its history. */
export function entityRoutes(kind: EntityKind): RouteDefinition[] {
  const spec = ENTITY_SPECS[kind];
  const base = `/${kind}`;
  return [
    defineRoute({
      method: 'get',
      path: base,
      tag: spec.tag,
      summary: `List ${kind}`,
      query: spec.listQuerySchema as z.ZodType<never>,
      response: pageSchema(spec.schema),
      handle: ({ query }, { store }) => listEntities(store, kind, query),
    }),
    defineRoute({
      method: 'post',
      path: base,
      tag: spec.tag,
      summary: `Create a ${spec.name}`,
      body: spec.createSchema,
      status: 201,
      response: spec.schema,
      errors: [409],
      location: (entity) => `${base}/${(entity as { id: string }).id}`,
      handle: ({ body }, { store }) => createEntity(store, kind, body),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/{id}`,
      tag: spec.tag,
      summary: `Read a ${spec.name}`,
      params: idParamsSchema,
      response: spec.schema,
      errors: [404],
      handle: ({ params }, { store }) => getEntity(store, kind, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tag: spec.tag,
      summary: `Update a ${spec.name}`,
      description:
        'A JSON merge patch: fields given replace the stored ones, `null` removes an optional field.',
      params: idParamsSchema,
      body: spec.updateSchema as z.ZodType<Record<string, unknown>>,
      response: spec.schema,
      errors: [404, 409],
      handle: ({ params, body }, { store }) => updateEntity(store, kind, params.id, body),
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/{id}`,
      tag: spec.tag,
      summary: `Delete a ${spec.name}`,
      params: idParamsSchema,
      query: deleteQuerySchema,
      status: 204,
      errors: [404, 409],
      handle: ({ params, query }, { store }) => deleteEntity(store, kind, params.id, query.cascade),
    }),
    ...(kind === 'documents' ? [] : [historyRoute(kind)]),
  ];
}
