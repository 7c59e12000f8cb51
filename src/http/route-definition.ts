/**
 * http/: the framework pieces only (route declaration and validation, OpenAPI, problem+json errors, security
 * guards). Uses model, config, store and shared; never a feature.
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../config/config';
import { ValidationError } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import type { GraphStore } from '../store/graph-store';
import { HttpProblem, MERGE_PATCH_TYPE } from './problem-middleware';
import { problemResponseSchema } from './problem-schema';
import { CALLER, MUTATING_METHODS } from './security';

export interface RouteDeps {
  store: GraphStore;
  config: Config;
}

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The name of the named API key the request came with (API_KEYS), when it came with one. */
  caller?: string;
}

/**
 * One HTTP endpoint: its OpenAPI description and its handler come from the same zod schemas, so the
 * document can never drift from what the code accepts. Handlers receive parsed, typed input only.
 */
export interface RouteDefinition<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI style, relative to /api: `/actors/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** 200 by default; 201 for creations (with a Location header), 202 for accepted jobs, 204 for deletions. */
  status?: 200 | 201 | 202 | 204;
  /** Other successful answers the handler may give with a `Reply` (e.g. 201 when a caller waited), for OpenAPI. */
  alsoResponds?: { status: number; description: string; schema: z.ZodType }[];
  response?: z.ZodType;
  /** Extra error statuses this route can answer, documented with the problem schema. */
  errors?: number[];
  handle(input: RouteInput<P, Q, B>, deps: RouteDeps): Promise<unknown>;
  /** For 201: where the created resource lives. */
  location?(result: unknown): string;
  /** Media types besides JSON the handler may answer with a RawResponse (exports), for OpenAPI. */
  rawContentTypes?: string[];
}

/** A handler result sent as JSON with its own status (and Location), when one route answers in two ways. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    /** Relative to /api, like `location`. */
    readonly location?: string,
  ) {}
}

/** A handler result sent as is, with its own media type (an export file), instead of as JSON. */
export class RawResponse {
  constructor(
    readonly contentType: string,
    readonly body: string,
    readonly filename?: string,
  ) {}
}

export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  route: RouteDefinition<P, Q, B>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}

/** Binds routes to an Express router; every request part is parsed before the handler sees it. */
export function mountRoutes(router: express.Router, routes: RouteDefinition[], deps: RouteDeps): void {
  router.use(refuseMalformedEscapes(routes));
  for (const route of routes) {
    const expressPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    const knownQuery = queryKeys(route.query);
    router[route.method](expressPath, async (req: Request, res: Response) => {
      refuseUnknownQuery(req.query, knownQuery);
      const input = {
        params: parsePart(route.params, req.params, 'path'),
        query: parsePart(route.query, req.query, 'query'),
        body: parsePart(route.body, route.body ? req.body : undefined, 'body'),
        caller: res.locals[CALLER] as string | undefined,
      };
      const result = await route.handle(input, deps);
      if (result instanceof Reply) {
        if (result.location) res.location(`/api${result.location}`);
        res.status(result.status).json(result.body);
        return;
      }
      const status = route.status ?? 200;
      if (result instanceof RawResponse) {
        if (result.filename) res.attachment(result.filename);
        res.status(status).type(result.contentType).send(result.body);
        return;
      }
      if ((status === 201 || status === 202) && route.location) res.location(`/api${route.location(result)}`);
      if (status === 204) res.status(204).end();
      else res.status(status).json(result);
    });
  }
}

/**
 * A path segment with a broken `%` escape (`/actors/%ZZ`) cannot be decoded into a parameter: it is
 * refused here, naming the parameter of the route it would have matched, before Express's router tries
 * and fails to decode it.
 */
function refuseMalformedEscapes(routes: RouteDefinition[]): express.RequestHandler {
  const templates = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split(/\{(\w+)\}/)
      .map((part, index) => {
        if (index % 2 === 1) {
          names.push(part);
          return '([^/]*)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    return { names, pattern: new RegExp(`^${source}/?$`) };
  });
  return (req, _res, next) => {
    const segments = req.path.split('/');
    if (segments.every(decodes)) return next();
    for (const { names, pattern } of templates) {
      const match = pattern.exec(req.path);
      if (!match) continue;
      const broken = names.filter((_name, index) => !decodes(match[index + 1]!));
      if (broken.length === 0) continue;
      throw new HttpProblem(
        400,
        'malformed-path',
        'Malformed path parameter',
        `the path parameter ${broken.map((name) => `'${name}'`).join(', ')} has a malformed % escape`,
        {},
        broken.map((name) => ({
          path: [name],
          location: 'path',
          message: 'is not a valid percent-encoded value',
        })),
      );
    }
    throw new HttpProblem(400, 'malformed-path', 'Malformed path', 'the path has a malformed % escape');
  };
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The parameter names a query schema knows: an object's keys, through refinements, pipes and unions. */
function queryKeys(schema: z.ZodType | undefined): Set<string> {
  const keys = new Set<string>();
  const visit = (s: z.ZodType | undefined): void => {
    if (!s) return;
    if (s instanceof z.ZodObject) for (const key of Object.keys(s.shape)) keys.add(key);
    else if (s instanceof z.ZodPipe) visit(s.in as z.ZodType);
    else if (s instanceof z.ZodUnion) for (const option of s.options) visit(option as z.ZodType);
    else if (s instanceof z.ZodIntersection) {
      visit(s._zod.def.left as z.ZodType);
      visit(s._zod.def.right as z.ZodType);
    }
  };
  visit(schema);
  return keys;
}

/** A parameter the route does not know is refused, never ignored: `?q=` on a list without search. */
function refuseUnknownQuery(query: unknown, known: Set<string>): void {
  const unknown = Object.keys((query ?? {}) as object).filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  throw new HttpProblem(
    400,
    'unknown-query-parameter',
    'Unknown query parameter',
    `unknown query parameter ${unknown.map((key) => `'${key}'`).join(', ')}${
      known.size > 0 ? `; this route takes ${[...known].sort().join(', ')}` : '; this route takes none'
    }`,
    {},
    unknown.map((key) => ({ path: [key], location: 'query', message: 'is not a parameter of this route' })),
  );
}

function parsePart<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  location: 'path' | 'query' | 'body',
): T {
  if (!schema) return undefined as T;
  if (location === 'body' && value === undefined) {
    throw new ValidationError('the request needs a JSON body', [
      { path: [], location, message: 'expected a JSON body with Content-Type: application/json' },
    ]);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    `invalid ${location === 'path' ? 'path parameter' : location}`,
    zodIssues(parsed.error, location),
  );
}

const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing or wrong API key',
  404: 'Not found',
  409: 'Conflicts with stored data',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Invalid input, or a limit exceeded',
  429: 'Too many requests from this client; retry after the time given',
  503: 'Store unavailable, or the request not done in time; retry after the time given',
};

/** The headers that come with some error answers, for clients that back off or authenticate. */
const STATUS_HEADERS: Record<number, Record<string, { description: string; schema: { type: 'string' } }>> = {
  401: {
    'WWW-Authenticate': { description: 'Bearer realm="stancegraph"', schema: { type: 'string' } },
  },
  429: {
    'Retry-After': { description: 'seconds to wait', schema: { type: 'string' } },
    RateLimit: { description: 'remaining requests and reset (IETF draft 8)', schema: { type: 'string' } },
    'RateLimit-Policy': { description: 'the limit and its window', schema: { type: 'string' } },
  },
  503: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'string' } } },
};

/** The name under which the API key is declared in `components.securitySchemes`. */
export const API_KEY_SCHEME = 'apiKey';

/**
 * What the guards in front of the API do on this service, so that each operation lists the answers it
 * can really get: the key and its 401 where `requireApiKey` asks for it, 429 where the rate limit runs.
 */
export interface ApiAccess {
  /** An API key is configured: mutating requests need it. */
  apiKey: boolean;
  /** Reads need the key too (API_KEY_READS). */
  apiKeyReads: boolean;
  /** The rate limit is on (RATE_LIMIT_MAX > 0). */
  rateLimited: boolean;
}

function needsApiKey(method: RouteDefinition['method'], access: ApiAccess): boolean {
  return access.apiKey && (access.apiKeyReads || MUTATING_METHODS.has(method.toUpperCase()));
}

export function registerRoutes(
  registry: OpenAPIRegistry,
  routes: RouteDefinition[],
  access: ApiAccess,
): void {
  for (const route of routes) {
    const status = route.status ?? 200;
    const keyed = needsApiKey(route.method, access);
    // Every request may time out, and every store may go away: 503 is always possible.
    const errorStatuses = new Set([...(route.errors ?? []), 503]);
    if (route.params || route.query || route.body) errorStatuses.add(422);
    if (route.body) errorStatuses.add(400).add(413).add(415);
    if (keyed) errorStatuses.add(401);
    if (access.rateLimited) errorStatuses.add(429);
    const responses: RouteConfig['responses'] = {
      [status]:
        status === 204 || !route.response
          ? { description: 'Done' }
          : { description: 'OK', content: { 'application/json': { schema: route.response } } },
    };
    for (const other of route.alsoResponds ?? []) {
      responses[other.status] = {
        description: other.description,
        content: { 'application/json': { schema: other.schema } },
      };
    }
    for (const type of route.rawContentTypes ?? []) {
      (responses[status] as { content: Record<string, { schema: z.ZodType }> }).content[type] = {
        schema: z.string(),
      };
    }
    for (const code of [...errorStatuses].sort()) {
      responses[code] = {
        description: STATUS_DESCRIPTIONS[code] ?? 'Error',
        headers: STATUS_HEADERS[code],
        content: { 'application/problem+json': { schema: problemResponseSchema } },
      };
    }
    registry.registerPath({
      method: route.method,
      path: `/api${route.path}`,
      summary: route.summary,
      description: route.description,
      tags: [route.tag],
      security: keyed ? [{ [API_KEY_SCHEME]: [] }] : undefined,
      request: {
        params: route.params as AnyObject | undefined as never,
        query: route.query as AnyObject | undefined as never,
        body: route.body
          ? {
              content: {
                'application/json': { schema: route.body },
                // PATCH bodies are JSON merge patches, and may say so.
                ...(route.method === 'patch' ? { [MERGE_PATCH_TYPE]: { schema: route.body } } : {}),
              },
              required: true,
            }
          : undefined,
      },
      responses,
    });
  }
}
