/**
 * `npm run dev`: the API and collaboration server on BRIEFDESK_API_PORT (8787
 * by default) and Vite with hot reload on PORT (5173), proxying /api and
 * /collab to it (see vite.config.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RELAY_NODE_FLAGS } from './heapTuning.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.BRIEFDESK_API_PORT ?? '8787';
const env = { ...process.env, BRIEFDESK_API_PORT: apiPort };

const api = spawn(
  process.execPath,
  [...RELAY_NODE_FLAGS, '--import', 'tsx', '--watch', path.join(repoRoot, 'server/main.ts')],
  {
    cwd: repoRoot,
    env: { ...env, PORT: apiPort },
    stdio: 'inherit',
  },
);
const vite = spawn(
  process.execPath,
  [
    path.join(repoRoot, 'node_modules/vite/bin/vite.js'),
    '--port',
    process.env.PORT ?? '5173',
    '--strictPort',
  ],
  { cwd: repoRoot, env, stdio: 'inherit' },
);

const stop = () => {
  api.kill('SIGTERM');
  vite.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
api.on('exit', (code) => {
  if (code) process.exitCode = code;
  vite.kill('SIGTERM');
});
vite.on('exit', () => api.kill('SIGTERM'));
