/**
 * Starts a worker thread from a module of this source tree, under tsx and
 * vitest as well as from compiled JavaScript.
 *
 * Under tsx (the server) and vitest, TypeScript is loaded by module hooks,
 * and on Node 20 a worker thread does not pick up hooks from `--import` in
 * its execArgv before loading its entry file. So a `.ts` entry starts from a
 * small JavaScript bootstrap that registers tsx and then imports it; compiled
 * JavaScript starts directly. Used by TaskWorker (PDF export, card extraction)
 * and the history renderer.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What a worker started here finds in `workerData`. */
export interface SpawnedWorkerData<T> {
  data: T;
}

function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>;
  };
  const entry = manifest.exports?.['./esm/api']?.import?.default;
  if (!entry) throw new Error('tsx does not expose tsx/esm/api');
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

/**
 * The worker entry `name` beside the module at `moduleUrl`, with that
 * module's own extension: `.ts` under tsx and vitest, `.js` once compiled.
 */
export function siblingModule(name: string, moduleUrl: string): URL {
  const extension = moduleUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${extension}`, moduleUrl);
}

export function spawnModuleWorker<T>(
  url: URL,
  options: { data: T; resourceLimits?: ResourceLimits },
): Worker {
  // Nothing is inherited from the parent's flags: the bootstrap brings its own
  // loader, and flags like --max-old-space-size would make Worker() throw.
  const common = { execArgv: [], resourceLimits: options.resourceLimits };
  if (!url.pathname.endsWith('.ts')) {
    return new Worker(url, { ...common, workerData: { data: options.data } });
  }
  return new Worker(BOOTSTRAP, {
    ...common,
    eval: true,
    workerData: { tsxApi: tsxApiUrl(), entry: url.href, data: options.data },
  });
}
