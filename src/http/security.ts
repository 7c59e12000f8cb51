import { createHash, timingSafeEqual } from 'node:crypto';
import cors from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Config } from '../config/config';
import { HttpProblem, sendProblem } from './problem-middleware';

/** Where the name of the named API key a request came with is kept (`res.locals`), for route handlers. */
export const CALLER = 'stancegraphCaller';

/** The methods that always need the API key once one is configured (reads need it with API_KEY_READS). */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers on every response (CSP, no sniffing, no framing, HSTS...). The CSP is helmet's
 * default plus blob: workers, which the network page's ForceAtlas2 layout worker is started from.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { workerSrc: ["'self'", 'blob:'] } },
  });
}

/**
 * The guards in front of the API, in the order they must run: CORS first (a browser's preflight carries
 * no key), then the rate limit (so key guessing is throttled too), then the key itself. Each is left
 * out when its setting turns it off.
 */
export function apiGuards(config: Config): RequestHandler[] {
  const guards: RequestHandler[] = [];
  if (config.corsOrigins.length > 0) {
    guards.push(
      cors({
        origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
        methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
        allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
        exposedHeaders: ['Location', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id'],
        maxAge: 600,
      }),
    );
  }
  if (config.rateLimitMax > 0) guards.push(rateLimiter(config));
  const keys = [
    ...(config.apiKey !== undefined ? [{ key: config.apiKey }] : []),
    ...config.apiKeys.map(({ name, key }) => ({ name, key })),
  ];
  if (keys.length > 0) guards.push(requireApiKey(keys, config.apiKeyReads));
  return guards;
}

function rateLimiter(config: Config): RequestHandler {
  return rateLimit({
    windowMs: config.rateLimitWindowMs,
    limit: config.rateLimitMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, options) => {
      const detail = `more than ${config.rateLimitMax} requests in ${options.windowMs / 1000} s from this client; retry later`;
      const retryAfter = String(Math.ceil(options.windowMs / 1000));
      next(new HttpProblem(429, 'rate-limited', 'Too many requests', detail, { 'Retry-After': retryAfter }));
    },
  });
}

/**
 * Bearer key check. Both sides are hashed first so `timingSafeEqual` always compares 32 bytes: neither
 * the content nor the length of the key leaks through response times.
 */
export function requireApiKey(
  apiKeys: readonly { name?: string; key: string }[],
  protectReads: boolean,
): RequestHandler {
  const expected = apiKeys.map(({ name, key }) => ({ name, digest: digest(key) }));
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    // Every key is compared, so the time taken does not tell which one (or how many) matched.
    const sent = match ? digest(match[1]!) : undefined;
    const found = sent
      ? expected.filter((candidate) => timingSafeEqual(sent, candidate.digest)).at(0)
      : undefined;
    // A named key says who calls, also on reads that need no key (a review names its reviewer so).
    if (found?.name !== undefined) res.locals[CALLER] = found.name;
    if (!protectReads && !MUTATING_METHODS.has(req.method)) return next();
    if (found) return next();
    const challenge = match
      ? 'Bearer realm="stancegraph", error="invalid_token"'
      : 'Bearer realm="stancegraph"';
    const detail = match
      ? 'the API key is wrong'
      : `${req.method} ${req.path} needs the API key: send Authorization: Bearer <API_KEY>`;
    next(new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, { 'WWW-Authenticate': challenge }));
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Answers 503 when a request is not done in time (a slow client trickling its body, a stuck backend),
 * so no request holds a connection and its memory for ever.
 */
export function requestTimeout(timeoutMs: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const detail = `the request was not done within ${timeoutMs} ms`;
      const headers = { Connection: 'close', 'Retry-After': '1' };
      sendProblem(req, res, new HttpProblem(503, 'request-timeout', 'Request timed out', detail, headers));
    }, timeoutMs);
    res.once('close', () => clearTimeout(timer));
    res.once('finish', () => clearTimeout(timer));
    next();
  };
}
