/** What every workload receives from the runner. */
import type { ServerKind } from './protocol.ts';
import {
  freshDataDir,
  removeDataDir,
  spawnServer,
  type ServerProcess,
  type SpawnOptions,
} from './servers.ts';

export interface BenchContext {
  quick: boolean;
  servers: readonly ServerKind[];
  log: (line: string) => void;
  /** Spawns a server in a fresh data directory that is removed by cleanup(). */
  start(kind: ServerKind, label: string, options?: Partial<SpawnOptions>): Promise<ServerProcess>;
  /**
   * A server shared by several workloads (used by --quick to save start-ups);
   * started on first use, stopped by closeShared().
   */
  shared(kind: ServerKind): Promise<ServerProcess>;
  /** Stops every server this context started (except shared ones) and removes their data directories. */
  cleanup(): Promise<void>;
  closeShared(): Promise<void>;
}

export function createContext(
  quick: boolean,
  servers: readonly ServerKind[],
  log: (line: string) => void,
): BenchContext {
  const started: ServerProcess[] = [];
  const dirs = new Set<string>();
  const shared = new Map<ServerKind, Promise<ServerProcess>>();
  const sharedDirs: string[] = [];
  return {
    quick,
    servers,
    log,
    async start(kind, label, options = {}) {
      const dataDir = options.dataDir ?? freshDataDir(label);
      dirs.add(dataDir);
      const server = await spawnServer(kind, { ...options, dataDir, label });
      started.push(server);
      return server;
    },
    shared(kind) {
      let server = shared.get(kind);
      if (!server) {
        const dataDir = freshDataDir(`shared-${kind}`);
        sharedDirs.push(dataDir);
        // Short unload delay, so that workload 5's lifecycle can run on it too.
        server = spawnServer(kind, {
          dataDir,
          label: `shared-${kind}`,
          env: { UNLOAD_DELAY_MS: '1000' },
        });
        shared.set(kind, server);
      }
      return server;
    },
    async cleanup() {
      await Promise.all(started.splice(0).map((s) => s.stop()));
      for (const dir of dirs) removeDataDir(dir);
      dirs.clear();
    },
    async closeShared() {
      const servers = await Promise.allSettled([...shared.values()]);
      shared.clear();
      for (const s of servers) if (s.status === 'fulfilled') await s.value.stop();
      for (const dir of sharedDirs.splice(0)) removeDataDir(dir);
    },
  };
}
