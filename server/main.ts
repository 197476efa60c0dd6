/**
 * `npm start`: parse config, open storage, build the client bundle if it is
 * missing or older than its sources, serve, and shut down gracefully on
 * SIGTERM/SIGINT.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openStorage, StorageError } from './storage/index.ts';
import { startServer } from './start.ts';
import { buildClientIfStale } from './build.ts';
import { RedisRelay } from './relay/index.ts';
import { missingRelayNodeFlags, tuneHeapForRelay } from './heapTuning.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  tuneHeapForRelay();
  let config;
  try {
    config = parseConfig(process.env, repoRoot);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const missingFlags = missingRelayNodeFlags();
  if (missingFlags.length > 0) {
    // It runs, but its latency under many briefs is what bench/README.md measured without them.
    logger.warn("started without the relay's node flags; `npm start` passes them", {
      missing: missingFlags.join(' '),
    });
  }
  if (process.argv.includes('--build-if-stale')) {
    await buildClientIfStale({ repoRoot, outDir: config.staticDir, logger });
  }
  const storage = await openStorage(config, logger);
  if (config.redisUrl && storage.kind === 'sqlite') {
    // Each instance would have its own SQLite file: relaying between them cannot make them one.
    logger.warn('REDIS_URL is set but storage is SQLite; several instances need DATABASE_URL');
  }
  const relay = config.redisUrl ? new RedisRelay({ url: config.redisUrl, logger }) : undefined;
  const { server, address, generatedPassword } = await startServer({
    config,
    storage,
    logger,
    relay,
  });
  if (generatedPassword) {
    // Printed once, on the first start with an empty database; never logged again.
    process.stdout.write(
      `\nCreated the first account: username "admin", password "${generatedPassword}".\n` +
        'Sign in and change it, or set BRIEFDESK_ADMIN_PASSWORD before the first start.\n\n',
    );
  }
  // Tests and scripts read this line to learn the port when PORT=0.
  process.stdout.write(`Briefdesk listening on http://${address.address}:${address.port}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    void server
      .close()
      .then(() => storage.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Storage that cannot be opened is an operator's problem with a clear message; no stack.
  if (error instanceof StorageError) {
    process.stderr.write(`Briefdesk failed to start: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `Briefdesk failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
