/**
 * The benchmark must measure Briefdesk as `npm start` runs it. Its server
 * entry once skipped part of the start (the sample pack and the workers'
 * warm-ups), and the history worker then started, and compiled, inside a
 * measurement window. Both entries now run `startServer`; this starts the
 * benchmark's entry as the benchmark does and checks what only that start
 * does is there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../../bench/lib/servers.ts';
import { loadSamplePack } from '../../server/cards/samples/index.ts';

describe("the benchmark's Briefdesk server", () => {
  let server: ServerProcess | null = null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefdesk-bench-server-'));
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the way npm start does, sample source pack included', async () => {
    server = await spawnServer('briefdesk', { dataDir, label: 'test-bench-server' });
    await server.signIn();
    const { port, headers } = server.endpoint;
    const res = await fetch(`http://127.0.0.1:${port}/api/sources`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sources: Array<{ id: string }> };
    const samples = loadSamplePack().map((s) => s.id);
    expect(samples.length).toBeGreaterThan(0);
    expect(body.sources.map((s) => s.id).sort()).toEqual(expect.arrayContaining(samples));
  }, 90_000);
});
