import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import {
  ConflictError,
  LimitExceededError,
  NotFoundError,
  StoreUnavailableError,
  ValidationError,
  type FieldIssue,
} from '../shared/errors';
import type { ProblemResponse } from './problem-schema';

const PROBLEM_BASE = 'https://stancegraph.dev/problems/';

/**
 * A refusal decided by the HTTP layer itself (no route, wrong media type, no key, rate limit, timeout),
 * raised like any other error so that the one renderer below writes every problem+json answer.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

interface Problem {
  status: number;
  slug: string;
  title: string;
  detail: string;
  issues?: FieldIssue[];
  headers?: Record<string, string>;
}

/** Errors Express's body parser raises, recognised by their `type`. */
interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
  );
}

/** A gzip, deflate or brotli body that does not decompress: zlib's error, which the body parser passes on. */
function isUndecodableBody(error: unknown): error is Error {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return (
    error instanceof Error && typeof code === 'string' && typeof errno === 'number' && /^(Z_|ERR_)/.test(code)
  );
}

/** An http-errors client error (4xx, meant to be shown) that no case above recognised. */
function isClientHttpError(error: unknown): error is Error & { status: number } {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return (
    error instanceof Error && expose === true && typeof status === 'number' && status >= 400 && status < 500
  );
}

/** Maps each error class to one HTTP answer. Anything unrecognised is a 500 that reveals nothing. */
function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) {
    const { status, slug, title, detail, headers, issues } = error;
    return { status, slug, title, detail, headers, issues };
  }
  if (error instanceof ValidationError) {
    return {
      status: 422,
      slug: 'validation-error',
      title: 'Invalid input',
      detail: error.message,
      issues: error.issues,
    };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, slug: 'not-found', title: 'Not found', detail: error.message };
  }
  if (error instanceof ConflictError) {
    return { status: 409, slug: 'conflict', title: 'Conflict', detail: error.message, issues: error.issues };
  }
  if (error instanceof LimitExceededError) {
    return {
      status: 422,
      slug: 'limit-exceeded',
      title: 'Limit exceeded',
      detail: error.message,
      issues: [{ path: [error.limit], message: `${error.value} exceeds the limit of ${error.max}` }],
    };
  }
  if (error instanceof StoreUnavailableError) {
    return {
      status: 503,
      slug: 'store-unavailable',
      title: 'Store unavailable',
      detail: error.message,
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    };
  }
  if (isBodyParserError(error)) {
    switch (error.type) {
      case 'entity.parse.failed':
        return {
          status: 400,
          slug: 'malformed-json',
          title: 'Malformed JSON',
          detail: `the body is not valid JSON: ${error.message}`,
        };
      case 'entity.too.large':
        return {
          status: 413,
          slug: 'body-too-large',
          title: 'Request body too large',
          detail: `the body exceeds the limit of ${error.limit} bytes for this route`,
        };
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return {
          status: 415,
          slug: 'unsupported-encoding',
          title: 'Unsupported encoding',
          detail: error.message,
        };
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
        return { status: 400, slug: 'bad-request', title: 'Bad request', detail: error.message };
    }
  }
  if (isUndecodableBody(error)) {
    return {
      status: 400,
      slug: 'undecodable-body',
      title: 'Body does not match its Content-Encoding',
      detail: `the body could not be decoded as its Content-Encoding says (${error.message}); send it compressed that way, or without Content-Encoding`,
    };
  }
  if (error instanceof URIError) {
    return {
      status: 400,
      slug: 'malformed-path',
      title: 'Malformed path',
      detail: 'the path has a malformed % escape',
    };
  }
  if (isClientHttpError(error)) {
    return { status: error.status, slug: 'bad-request', title: 'Bad request', detail: error.message };
  }
  return {
    status: 500,
    slug: 'internal-error',
    title: 'Internal error',
    detail: 'the server failed to answer; the error is logged',
  };
}

/** Writes the problem+json answer for an error; also used where no `next` is left to call (a timer). */
export function sendProblem(req: Request, res: Response, error: unknown): void {
  send(req, res, toProblem(error));
}

/**
 * The problem+json body for an error, for answers that report several outcomes at once (a bulk
 * review names each refused item's problem as a single request would have answered it).
 */
export function problemOf(error: unknown, instance: string): ProblemResponse {
  return problemBody(toProblem(error), instance);
}

function send(req: Request, res: Response, problem: Problem): void {
  const body = problemBody(problem, req.originalUrl);
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

function problemBody(problem: Problem, instance: string): ProblemResponse {
  const body: ProblemResponse = {
    type: `${PROBLEM_BASE}${problem.slug}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
  };
  if (problem.issues && problem.issues.length > 0) {
    body.errors = problem.issues.map((issue) => ({
      field: issue.path.join('.'),
      pointer: `#/${issue.path.map((part) => String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
      in: issue.location,
      message: issue.message,
    }));
  }
  return body;
}

export function problemMiddleware(onUnexpected: (error: unknown, req: Request) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = toProblem(error);
    if (problem.status >= 500 && problem.status !== 503) onUnexpected(error, req);
    send(req, res, problem);
  };
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'no-such-route', 'Not found', `no route for ${req.method} ${req.path}`));
};

/** JSON merge patch (RFC 7396), which PATCH takes besides plain JSON. */
export const MERGE_PATCH_TYPE = 'application/merge-patch+json';

/** The media types the JSON body parser reads. */
export const JSON_BODY_TYPES = ['application/json', MERGE_PATCH_TYPE];

/**
 * Mutating requests must say they send JSON (PATCH may say JSON merge patch), so a form post or plain text
 * is refused plainly.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['content-length'] !== '0' &&
    (req.headers['content-length'] || req.headers['transfer-encoding']);
  if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody) return next();
  const accepted = req.method === 'PATCH' ? JSON_BODY_TYPES : ['application/json'];
  if (!req.is(accepted)) {
    const sent = req.headers['content-type'] ?? 'no content type';
    next(
      new HttpProblem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `send the body as ${accepted.join(' or ')}, not ${sent}`,
      ),
    );
    return;
  }
  next();
};
