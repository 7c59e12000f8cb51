import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app';
import { loadConfig, type Config } from './config/config';
import { isEmpty, loadSeed } from './seed/seed-loader';
import { StoreUnavailableError } from './shared/errors';
import { createLogger, type Logger } from './shared/logger';
import type { GraphStore } from './store/graph-store';
import { openStore } from './store/store-factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const store = openStore(config, logger);
  const app = createApp(store, config, logger);
  const server = app.listen(config.port, config.host, () => {
    // The bound port, not the configured one: with PORT=0 the system picks it, and tests read it here.
    const { port } = server.address() as AddressInfo;
    logger.info(
      { url: `http://${config.host}:${port}/`, port, store: store.backend },
      'stancegraph is listening',
    );
  });
  // A client that trickles its headers or body cannot hold a socket longer than a request may take.
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
  // The service answers (health, 503s) while the seed waits for a store that is not up yet.
  const seeding = seedWhenReachable(store, config, logger);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    seeding.abort();
    // Stop accepting; requests already running finish and get their answer. Idle keep-alive sockets are
    // closed now; busy ones close after their response. Past the deadline, whatever is left is cut.
    const deadline = setTimeout(() => {
      logger.warn(
        { timeoutMs: config.shutdownTimeoutMs },
        'shutdown deadline passed: closing open connections',
      );
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    deadline.unref();
    // A keep-alive socket turns idle once its last response is out; close it then, not at keepAliveTimeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(sweep);
      store
        .close()
        .then(() => {
          logger.info('store closed; bye');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'the store failed to close');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Loads the seed into an empty store, retrying for as long as the store is unreachable. */
function seedWhenReachable(store: GraphStore, config: Config, logger: Logger): AbortController {
  const controller = new AbortController();
  if (!config.seedOnStart) return controller;
  const attempt = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        if (await isEmpty(store)) {
          const counts = await loadSeed(store, config.seedDir);
          logger.info({ counts }, 'store was empty: seed loaded');
        }
        return;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        logger.warn({ retryInSeconds: error.retryAfterSeconds }, 'store unreachable: seed waits');
        await sleep(error.retryAfterSeconds * 1000, undefined, { signal: controller.signal }).catch(
          () => undefined,
        );
      }
    }
  };
  attempt().catch((error: unknown) => {
    logger.fatal({ err: error }, 'the seed could not be loaded');
    process.exit(1);
  });
  return controller;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
