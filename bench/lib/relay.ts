/**
 * The relay harness behind workloads 1–3: rooms of one writer and N readers,
 * all lean clients in this process, so send and receipt times come from the
 * same clock (performance.now()).
 *
 * Writers append single characters. Each update is built by hand
 * (appendCharUpdate) and identified on arrival by its Yjs id (client, clock),
 * read from the first bytes of the update: no decoding, no Y.Doc, so the load
 * generator spends its time on sockets rather than on Yjs.
 */
import type { ServerProcess } from './servers.ts';
import { appendCharUpdate, forEachStructRange, LeanClient } from './protocol.ts';
import { CpuMeter, MachineMeter, pool, Samples, sleep, type LatencySummary } from './stats.ts';

const ROOT = 'bench';
let nextClient = 1 + Math.floor(Math.random() * 1e9);

class Writer {
  readonly client = nextClient++;
  clock = 0;
  sendTimes = new Float64Array(4096);
  intervalMs = Infinity;
  nextAt = Infinity;
  sentInWindow = 0;
  sentTotal = 0;
  readers: Reader[] = [];

  constructor(
    readonly conn: LeanClient,
    readonly room: string,
    private readonly harness: RelayHarness,
  ) {}

  send(n: number, now: number): void {
    const frames: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const clock = this.clock++;
      if (clock >= this.sendTimes.length) {
        const bigger = new Float64Array(this.sendTimes.length * 2);
        bigger.set(this.sendTimes);
        this.sendTimes = bigger;
      }
      this.sendTimes[clock] = now;
      frames.push(
        this.conn.updateFrame(appendCharUpdate(this.client, clock, ROOT, 97 + (clock % 26))),
      );
    }
    this.sentTotal += n;
    if (now >= this.harness.windowStart) this.sentInWindow += n;
    this.conn.ws.writeFrames(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  }
}

class Reader {
  receivedInWindow = 0;
  receivedTotal = 0;
  conn!: LeanClient;
  constructor(
    readonly writer: Writer,
    private readonly harness: RelayHarness,
  ) {}

  onUpdate = (buf: Buffer, start: number): void => {
    forEachStructRange(buf, start, this.range);
  };

  private readonly range = (client: number, clock: number, length: number): void => {
    const w = this.writer;
    if (client !== w.client) return;
    const now = performance.now();
    for (let c = clock; c < clock + length; c++) {
      this.receivedTotal++;
      const sentAt = w.sendTimes[c];
      if (sentAt >= this.harness.windowStart) {
        this.harness.samples.push(now - sentAt);
        this.receivedInWindow++;
      }
    }
  };
}

export interface WindowResult {
  /** Every sample so far: this window's, and with `accumulate` the earlier windows' too. */
  latency: LatencySummary;
  /** This window's samples alone. */
  windowLatency: LatencySummary;
  /** Updates the writers sent in the window, and per second. */
  sent: number;
  sentPerSecond: number;
  /** Deliveries expected (sent × readers of the room) and received. */
  expected: number;
  received: number;
  dropped: number;
  /** Load generator CPU during the window, fraction of one core. */
  loadgenCpu: number;
  /** Server CPU during the window, fraction of one core. */
  serverCpu: number;
  /** CPU other processes on the machine used during the window, in cores. */
  otherCpu: number;
  /** Whether every delivery had arrived before the drain timeout. */
  drained: boolean;
}

export class RelayHarness {
  readonly writers: Writer[] = [];
  readonly readers: Reader[] = [];
  readonly samples = new Samples();
  windowStart = Infinity;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  private constructor(readonly server: ServerProcess) {}

  /** Connects `rooms` rooms of one writer and `readersPerRoom` readers, all synced. */
  static async create(
    server: ServerProcess,
    rooms: number,
    readersPerRoom: number,
    roomNames?: string[],
  ): Promise<RelayHarness> {
    const h = new RelayHarness(server);
    const names = roomNames ?? (await server.createRooms(rooms));
    const endpoint = server.endpoint;
    // Writers first, then readers; bounded concurrency so connects do not time out.
    await pool(names, 64, async (room) => {
      const conn = new LeanClient({ endpoint, room });
      const writer = new Writer(conn, room, h);
      h.writers.push(writer);
      await conn.synced;
    });
    const slots = h.writers.flatMap((w) => Array.from({ length: readersPerRoom }, () => w));
    await pool(slots, 64, async (writer) => {
      const reader = new Reader(writer, h);
      reader.conn = new LeanClient({ endpoint, room: writer.room, onUpdate: reader.onUpdate });
      writer.readers.push(reader);
      h.readers.push(reader);
      await reader.conn.synced;
    });
    return h;
  }

  /**
   * Sets every writer's pace. `perWriterPerSecond` updates a second each;
   * phases spread evenly over one interval (or at random), so the total is smooth.
   */
  setRate(perWriterPerSecond: number, phases: 'even' | 'random' = 'even'): void {
    const interval = 1000 / perWriterPerSecond;
    const now = performance.now();
    this.writers.forEach((w, i) => {
      w.intervalMs = interval;
      const phase =
        phases === 'even' ? (i / this.writers.length) * interval : Math.random() * interval;
      w.nextAt = now + phase;
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      if (!this.running) return;
      const now = performance.now();
      for (const w of this.writers) {
        if (now < w.nextAt) continue;
        const n = Math.floor((now - w.nextAt) / w.intervalMs) + 1;
        w.nextAt += n * w.intervalMs;
        w.send(n, now);
      }
      this.timer = setTimeout(tick, 1);
    };
    tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Runs the writers for `warmupMs` (not counted), then measures `durationMs`,
   * then stops sending and waits up to `drainMs` for outstanding deliveries;
   * whatever has not arrived by then counts as dropped.
   */
  async measure(
    durationMs: number,
    warmupMs: number,
    drainMs: number,
    options: { accumulate?: boolean } = {},
  ): Promise<WindowResult> {
    if (!options.accumulate) this.samples.clear();
    this.windowStart = Infinity;
    for (const w of this.writers) w.sentInWindow = 0;
    for (const r of this.readers) r.receivedInWindow = 0;
    this.start();
    await sleep(warmupMs);
    const loadgen = new CpuMeter();
    const machine = new MachineMeter();
    const serverCpu0 = this.server.cpuSeconds();
    const t0 = performance.now();
    const firstSample = this.samples.n;
    this.windowStart = t0;
    await sleep(durationMs);
    this.stop();
    const elapsed = performance.now() - t0;
    const loadgenCpu = loadgen.read();
    const serverCpu = (this.server.cpuSeconds() - serverCpu0) / (elapsed / 1000);
    const otherCpu = Math.max(0, machine.busyCores() - loadgenCpu - serverCpu);
    let expected = 0;
    for (const w of this.writers) expected += w.sentInWindow * w.readers.length;
    const received = () => this.readers.reduce((n, r) => n + r.receivedInWindow, 0);
    const deadline = performance.now() + drainMs;
    while (received() < expected && performance.now() < deadline) await sleep(10);
    const got = received();
    const sent = this.writers.reduce((n, w) => n + w.sentInWindow, 0);
    this.windowStart = Infinity;
    return {
      latency: this.samples.summary(),
      windowLatency: this.samples.summary(firstSample),
      sent,
      sentPerSecond: sent / (elapsed / 1000),
      expected,
      received: got,
      dropped: Math.max(0, expected - got),
      loadgenCpu,
      serverCpu,
      otherCpu,
      drained: got >= expected,
    };
  }

  /** Waits until every update ever sent has reached every reader (or the timeout). */
  async settle(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    const behind = () => {
      let missing = 0;
      for (const w of this.writers) {
        for (const r of w.readers) missing += w.sentTotal - r.receivedTotal;
      }
      return missing;
    };
    while (behind() > 0 && performance.now() < deadline) await sleep(20);
    return behind() === 0;
  }

  close(): void {
    this.stop();
    for (const w of this.writers) w.conn.terminate();
    for (const r of this.readers) r.conn.terminate();
  }
}
