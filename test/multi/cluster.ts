/**
 * Several Briefdesk instances as child processes (the real `server/main.ts`)
 * sharing one PostgreSQL database and one Redis, plus the TCP plumbing the
 * multi-instance tests need:
 *
 * - `TcpProxy` forwards each connection to the first target that accepts it,
 *   in order. As a client's front door it stands in for a load balancer: when
 *   the preferred instance dies, its sockets close, the y-websocket clients
 *   reconnect to the same URL, and land on the survivor — the clients are not
 *   re-created, so their unacknowledged edits are exactly what a browser would
 *   still hold. Pointed at Redis it simulates an outage (`cut`) without
 *   touching the Redis other users of the machine share.
 */
import net from 'node:net';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { CHANNEL_PREFIX } from '../../server/relay/index.ts';
import { freePort, spawnServer, type ChildServer } from '../helpers/process.ts';
import { CSRF_HEADER } from '../../shared/api.ts';
import { ADMIN_PASSWORD, login } from '../helpers/server.ts';
import {
  checkPostgres,
  checkRedis,
  postgresUrl,
  REDIS_URL,
  requireService,
} from '../helpers/services.ts';

/** Null when both services are reachable, else why the file's tests skip (a failure in CI). */
export async function servicesMissing(): Promise<string | null> {
  return (
    (await requireService('PostgreSQL', checkPostgres)) ??
    (await requireService('Redis', checkRedis))
  );
}

export interface Instance extends ChildServer {
  name: string;
  env: Record<string, string>;
}

/** Starts one instance on the file's database; `env` adds to or overrides the shared settings. */
export async function startInstance(
  name: string,
  options: { env?: Record<string, string>; port?: number } = {},
): Promise<Instance> {
  const env = {
    DATABASE_URL: await postgresUrl(),
    REDIS_URL,
    DATABASE_POOL_SIZE: '4',
    UNLOAD_DELAY_MS: '2000',
    ...options.env,
  };
  const child = await spawnServer({ env, port: options.port });
  return { ...child, name, env };
}

/** Several instances, started together (the first start on an empty database races its migrations and admin). */
export async function startInstances(
  names: readonly string[],
  env: Record<string, string> = {},
): Promise<Instance[]> {
  return Promise.all(names.map((name) => startInstance(name, { env })));
}

/** SIGKILL, as a crash: no shutdown, no goodbye on Redis, locks released by PostgreSQL. */
export async function kill(instance: Instance): Promise<void> {
  instance.proc.kill('SIGKILL');
  await instance.exited;
}

/** The same instance again: same port, same settings. */
export function restart(instance: Instance): Promise<Instance> {
  return startInstance(instance.name, { env: instance.env, port: instance.port });
}

export async function adminCookie(instance: Instance): Promise<string> {
  return login(instance.url, 'admin', ADMIN_PASSWORD);
}

/** A JSON API call on one instance as the holder of `cookie`; throws on a non-2xx answer. */
export async function api<T>(
  instance: { url: string },
  cookie: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(`${instance.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', cookie, [CSRF_HEADER]: '1' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Creates a staff user through `instance` and signs them in there; returns their id and cookie. */
export async function createUser(
  instance: Instance,
  adminCookie: string,
  username: string,
): Promise<{ id: string; cookie: string; password: string }> {
  const password = `${username}-password-123`;
  const displayName = username.charAt(0).toUpperCase() + username.slice(1);
  const { user } = await api<{ user: { id: string } }>(instance, adminCookie, '/api/users', {
    method: 'POST',
    body: { username, displayName, role: 'staff', password },
  });
  return { id: user.id, password, cookie: await login(instance.url, username, password) };
}

/** How many instances are subscribed to the brief's channel right now. */
export async function subscribers(briefId: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const reply = (await redis.pubsub('NUMSUB', CHANNEL_PREFIX + briefId)) as [string, number];
    return Number(reply[1]);
  } finally {
    redis.disconnect();
  }
}

/** The merge of every update in `made`: the state nothing may be lost from. */
export function mergeOf(made: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of made) Y.applyUpdate(doc, u);
  return doc;
}

export class TcpProxy {
  readonly port: number;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private cutOff = false;

  private constructor(
    server: net.Server,
    port: number,
    private targets: () => number[],
  ) {
    this.server = server;
    this.port = port;
  }

  static async open(targets: () => number[], port?: number): Promise<TcpProxy> {
    const server = net.createServer();
    const chosen = port ?? (await freePort());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(chosen, '127.0.0.1', () => resolve());
    });
    const proxy = new TcpProxy(server, chosen, targets);
    server.on('connection', (socket) => proxy.accept(socket));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/collab`;
  }

  /** An outage: every proxied connection is dropped and new ones are refused until `restore`. */
  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.cutOff) {
      client.destroy();
      return;
    }
    this.sockets.add(client);
    client.on('error', () => undefined);
    client.on('close', () => this.sockets.delete(client));
    // Held until a target accepts; a client that sends first (HTTP) is paused meanwhile.
    client.pause();
    this.connect(client, [...this.targets()]);
  }

  private connect(client: net.Socket, targets: number[]): void {
    const port = targets.shift();
    if (port === undefined || client.destroyed) {
      client.destroy();
      return;
    }
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      if (this.cutOff || client.destroyed) {
        upstream.destroy();
        client.destroy();
        return;
      }
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      // Refused (the instance is down): try the next target.
      if (!connected) this.connect(client, targets);
      else client.destroy();
    });
  }
}
