/**
 * Briefdesk started the way `server/main.ts` starts it (same config parsing,
 * logger, storage, and `startServer`: first-admin bootstrap, sample pack,
 * worker warm-ups), plus the benchmark IPC.
 * Configured through the usual environment: PORT=0 HOST=127.0.0.1 DATA_DIR=…
 * LOG_LEVEL=warn, BRIEFDESK_ADMIN_PASSWORD (the load generator signs in as
 * admin), and UNSAFE_RELAY_BEFORE_COMMIT / UNLOAD_DELAY_MS where a workload
 * sets them.
 */
import { REPO_ROOT } from '../lib/paths.ts';
import { parseConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { openStorage } from '../../server/storage/index.ts';
import { startServer } from '../../server/start.ts';
import { installBenchIpc } from './ipc.ts';
import { tuneHeapForRelay } from '../../server/heapTuning.ts';

tuneHeapForRelay();

const config = parseConfig(process.env, REPO_ROOT);
const logger = createLogger(config.logLevel);
const storage = await openStorage(config, logger);
const { address, warmedUp } = await startServer({ config, storage, logger });
// The workers' start-up (compiling, warming) must not overlap a measurement.
await warmedUp;
installBenchIpc();
process.stdout.write(`Briefdesk listening on http://${address.address}:${address.port}\n`);
