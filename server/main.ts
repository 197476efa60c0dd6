/**
 * `npm start`: parse config, open storage, build the client bundle if it is
 * missing or older than its sources, serve, and shut down gracefully on
 * SIGTERM/SIGINT.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openStorage } from './storage/index.ts';
import { createServer } from './app.ts';
import { buildClientIfStale } from './build.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
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
  if (process.argv.includes('--build-if-stale')) {
    await buildClientIfStale({ repoRoot, outDir: config.staticDir, logger });
  }
  const storage = await openStorage(config, logger);
  const server = createServer({ config, storage, logger });
  const { generatedPassword } = await server.auth.bootstrap();
  if (generatedPassword) {
    // Printed once, on the first start with an empty database; never logged again.
    process.stdout.write(
      `\nCreated the first account: username "admin", password "${generatedPassword}".\n` +
        'Sign in and change it, or set BRIEFDESK_ADMIN_PASSWORD before the first start.\n\n',
    );
  }
  const address = await server.listen();
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
  process.stderr.write(
    `Briefdesk failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
