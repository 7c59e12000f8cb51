import { loadConfig, type Config } from '../../src/config/config';

/** Config for tests and tools: an in-memory store, no seed, quiet logs, no rate limit, unless overridden. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ DATA_DIR: ':memory:', SEED_ON_START: 'false', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' }),
    ...overrides,
  };
}
