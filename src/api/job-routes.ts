import { z } from 'zod';
import { ingestJobsFor, jobSchema } from '../documents/ingest-jobs';
import { defineRoute } from '../http/route-definition';
import { paginationSchema } from '../model/common-schema';

const jobParamsSchema = z.object({ id: z.string().min(1).max(200) });

/** Jobs: document ingests running off the request path, followed by id. */
export const jobRoutes = [
  defineRoute({
    method: 'get',
    path: '/jobs',
    tag: 'Jobs',
    summary: 'List recent jobs, newest first (without their results)',
    query: paginationSchema,
    response: z.object({ items: z.array(jobSchema), total: z.number().int() }),
    handle: ({ query }, { store, config }) =>
      Promise.resolve(ingestJobsFor(store, config).list(query.limit, query.offset)),
  }),
  defineRoute({
    method: 'get',
    path: '/jobs/{id}',
    tag: 'Jobs',
    summary: "A job's status, progress and, once done, result or error",
    params: jobParamsSchema,
    response: jobSchema,
    errors: [404],
    handle: ({ params }, { store, config }) => Promise.resolve(ingestJobsFor(store, config).get(params.id)),
  }),
];
