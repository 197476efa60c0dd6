/**
 * Everything a Briefdesk process does between opening storage and serving:
 * the server, the first admin, the sample source pack, and the background
 * workers warmed before the first request needs them. `server/main.ts` runs
 * it for `npm start`, and the benchmark (`bench/servers/briefdesk.ts`) runs
 * the same function, so that what is measured is the server as it ships.
 * (It once skipped the warm-ups, and its history worker then started, and
 * compiled, in the middle of a measurement window.)
 */
import type { AddressInfo } from 'node:net';
import { createServer, type BriefdeskServer, type ServerDeps } from './app.ts';

export interface StartedServer {
  server: BriefdeskServer;
  address: AddressInfo;
  /** Set on the first start with an empty database, for the operator to read once. */
  generatedPassword: string | null;
  /**
   * Settles once the background workers have started and warmed up (or
   * failed to, which is logged). Serving does not wait for it; the benchmark
   * does, so that no measurement overlaps their start.
   */
  warmedUp: Promise<void>;
}

export async function startServer(deps: ServerDeps): Promise<StartedServer> {
  const { logger } = deps;
  const server = createServer(deps);
  const { generatedPassword } = await server.auth.bootstrap();
  // A new deployment shows cards at once: the sample source pack, loaded once per database.
  await server.sources.loadSamplePackOnce();
  const warmedUp = Promise.all([
    server.exports
      .warmUp()
      .catch((error: unknown) => logger.warn('export worker warm-up failed', { error })),
    server.history
      .warmUp()
      .catch((error: unknown) => logger.warn('history worker warm-up failed', { error })),
  ]).then(() => undefined);
  const address = await server.listen();
  return { server, address, generatedPassword, warmedUp };
}
