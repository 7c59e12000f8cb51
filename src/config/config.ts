/**
 * config/: the service's settings, read once from the environment and validated at start-up. Uses model
 * and shared; used by the store, features and the outer layers.
 */
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * The Neo4j driver's connection pool: connections kept per server, and how long a request waits for a free
 * one before it is answered 503 (the store is busy) rather than queued on.
 */
export const NEO4J_POOL_DEFAULTS = { maxConnections: 50, acquisitionTimeoutMs: 10_000 } as const;

/** Every environment variable the service reads. Each is documented in the README's configuration table. */
const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    STORE: z.enum(['sqlite', 'neo4j']).default('sqlite'),
    DATA_DIR: z.string().min(1).default('data'),
    SEED_ON_START: booleanFlag.default(true),
    SEED_DIR: z.string().min(1).optional(),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'must be a neo4j:// or bolt:// URI')
      .optional(),
    NEO4J_USERNAME: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),
    NEO4J_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(NEO4J_POOL_DEFAULTS.maxConnections),
    NEO4J_ACQUISITION_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(1)
      .default(NEO4J_POOL_DEFAULTS.acquisitionTimeoutMs),
    JSON_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb')
      .default('100kb'),
    DOCUMENT_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 5mb')
      .default('5mb'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ANALYTICS_MAX_NODES: z.coerce.number().int().min(1).default(5000),
    ANALYTICS_MAX_EDGES: z.coerce.number().int().min(1).default(100_000),
    ANALYTICS_MAX_STATEMENTS: z.coerce.number().int().min(1).default(200_000),
    ANALYTICS_MAX_WINDOWS: z.coerce.number().int().min(1).default(200),
    // Document extraction: the rules extractor runs locally; the LLM one is opt-in.
    EXTRACTOR: z.enum(['rules', 'llm']).default('rules'),
    EXTRACTION_AUTO_ACCEPT: z.coerce.number().min(0).max(1).optional(),
    LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    // Hardening: who may call the API, from where, how often and for how long.
    API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
    API_KEYS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
          .map((entry) => {
            const at = entry.indexOf(':');
            return { name: at < 0 ? '' : entry.slice(0, at).trim(), key: at < 0 ? '' : entry.slice(at + 1) };
          }),
      )
      .pipe(
        z
          .array(
            z.object({
              name: z
                .string()
                .regex(
                  /^[\p{L}\p{N}._@-]{1,100}$/u,
                  'each entry must be name:key, the name a word or e-mail',
                ),
              key: z.string().min(16, 'each key must be at least 16 characters'),
            }),
          )
          .refine((keys) => new Set(keys.map((k) => k.name)).size === keys.length, 'names must differ')
          .refine((keys) => new Set(keys.map((k) => k.key)).size === keys.length, 'keys must differ'),
      ),
    API_KEY_READS: booleanFlag.default(false),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })]))),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
    RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(600),
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  })
  .refine((c) => c.EXTRACTOR !== 'llm' || c.LLM_BASE_URL !== undefined, {
    message: 'is required when EXTRACTOR=llm',
    path: ['LLM_BASE_URL'],
  })
  .refine((c) => c.STORE !== 'neo4j' || c.NEO4J_URI !== undefined, {
    message: 'is required when STORE=neo4j',
    path: ['NEO4J_URI'],
  })
  .refine((c) => c.STORE !== 'neo4j' || c.NEO4J_PASSWORD !== undefined, {
    message: 'is required when STORE=neo4j',
    path: ['NEO4J_PASSWORD'],
  });

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  store: 'sqlite' | 'neo4j';
  dataDir: string;
  seedOnStart: boolean;
  seedDir: string;
  neo4j?: {
    uri: string;
    username: string;
    password: string;
    database: string;
    maxConnections: number;
    acquisitionTimeoutMs: number;
  };
  jsonBodyLimit: string;
  documentBodyLimit: string;
  logLevel: RawConfig['LOG_LEVEL'];
  /** Whole-graph analytics and exports refuse projections above these sizes (422 naming the limit). */
  analytics: { maxNodes: number; maxEdges: number; maxStatements: number; maxWindows: number };
  extraction: {
    extractor: 'rules' | 'llm';
    /** Proposals at or above this confidence are accepted without review; none when absent. */
    autoAcceptAbove?: number;
    llm?: { baseUrl: string; apiKey?: string; model: string; timeoutMs: number };
  };
  /** When set, mutating requests (and reads, with `apiKeyReads`) need `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Named keys (API_KEYS="alice:key1,bob:key2"), one per person: the name is the reviewer of a review. */
  apiKeys: { name: string; key: string }[];
  apiKeyReads: boolean;
  /** Origins allowed to call the API from a browser; empty turns CORS off, `*` allows any. */
  corsOrigins: string[];
  rateLimitWindowMs: number;
  /** Requests per client and window; 0 turns rate limiting off. */
  rateLimitMax: number;
  /** Proxy hops in front of the service whose X-Forwarded-For is trusted for the client address. */
  trustProxy: number;
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
}

/** The repository root, found from this file whether it runs from `src/` (tsx, jest) or `dist/src/`. */
export const PROJECT_ROOT = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..',
);

/** Reads and validates the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`stancegraph/config: invalid configuration\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    store: c.STORE,
    dataDir: c.DATA_DIR === ':memory:' ? c.DATA_DIR : path.resolve(c.DATA_DIR),
    seedOnStart: c.SEED_ON_START,
    seedDir: path.resolve(c.SEED_DIR ?? path.join(PROJECT_ROOT, 'seed')),
    neo4j:
      c.STORE === 'neo4j'
        ? {
            uri: c.NEO4J_URI!,
            username: c.NEO4J_USERNAME,
            password: c.NEO4J_PASSWORD!,
            database: c.NEO4J_DATABASE,
            maxConnections: c.NEO4J_MAX_CONNECTIONS,
            acquisitionTimeoutMs: c.NEO4J_ACQUISITION_TIMEOUT_MS,
          }
        : undefined,
    jsonBodyLimit: c.JSON_BODY_LIMIT,
    documentBodyLimit: c.DOCUMENT_BODY_LIMIT,
    logLevel: c.LOG_LEVEL,
    analytics: {
      maxNodes: c.ANALYTICS_MAX_NODES,
      maxEdges: c.ANALYTICS_MAX_EDGES,
      maxStatements: c.ANALYTICS_MAX_STATEMENTS,
      maxWindows: c.ANALYTICS_MAX_WINDOWS,
    },
    extraction: {
      extractor: c.EXTRACTOR,
      autoAcceptAbove: c.EXTRACTION_AUTO_ACCEPT,
      llm: c.LLM_BASE_URL
        ? { baseUrl: c.LLM_BASE_URL, apiKey: c.LLM_API_KEY, model: c.LLM_MODEL, timeoutMs: c.LLM_TIMEOUT_MS }
        : undefined,
    },
    apiKey: c.API_KEY,
    apiKeys: c.API_KEYS,
    apiKeyReads: c.API_KEY_READS,
    corsOrigins: c.CORS_ORIGINS,
    rateLimitWindowMs: c.RATE_LIMIT_WINDOW_MS,
    rateLimitMax: c.RATE_LIMIT_MAX,
    trustProxy: c.TRUST_PROXY,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
  };
}
