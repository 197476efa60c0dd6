/** Percentiles, CPU accounting and number formatting. */
import fs from 'node:fs';

/** A growable array of latencies (ms) with percentile summaries. */
export class Samples {
  private values = new Float64Array(1 << 14);
  n = 0;

  push(v: number): void {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.n++] = v;
  }

  clear(): void {
    this.n = 0;
  }

  /** Percentiles of the samples pushed since the `from`th (all of them by default). */
  summary(from = 0): LatencySummary {
    const sorted = this.values.slice(from, this.n).sort();
    const n = sorted.length;
    const at = (p: number) =>
      n === 0 ? NaN : sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i];
    return {
      n,
      p50: at(50),
      p99: at(99),
      p999: at(99.9),
      max: n ? sorted[n - 1] : NaN,
      mean: n ? sum / n : NaN,
    };
  }
}

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Measures this process's CPU use over a window, as a fraction of one core. */
export class CpuMeter {
  private cpu = process.cpuUsage();
  private wall = performance.now();

  reset(): void {
    this.cpu = process.cpuUsage();
    this.wall = performance.now();
  }

  /** Fraction of one core (1.0 = one core fully busy) since reset. */
  read(): number {
    const d = process.cpuUsage(this.cpu);
    const wallMs = performance.now() - this.wall;
    return wallMs > 0 ? (d.user + d.system) / 1000 / wallMs : 0;
  }
}

export function round(v: number, digits = 2): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

export function bytes(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1024 ** 3) return `${(v / 1024 ** 3).toFixed(2)} GiB`;
  if (a >= 1024 ** 2) return `${(v / 1024 ** 2).toFixed(1)} MiB`;
  if (a >= 1024) return `${(v / 1024).toFixed(1)} KiB`;
  return `${v.toFixed(0)} B`;
}

export function rate(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k/s`;
  return `${v.toFixed(0)}/s`;
}

export function pct(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '—';
}

export const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec));

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The whole machine's CPU use, from /proc/stat, in cores. The benchmark
 * subtracts what the server and the load generator used, to report how much
 * other processes took (the machine is shared; figures taken under
 * contention are flagged).
 */
export class MachineMeter {
  private start = readProcStat();

  reset(): void {
    this.start = readProcStat();
  }

  busyCores(): number {
    const now = readProcStat();
    const total = now.total - this.start.total;
    if (total <= 0) return 0;
    return ((now.busy - this.start.busy) / total) * now.cores;
  }
}

function readProcStat(): { busy: number; total: number; cores: number } {
  try {
    const text = fs.readFileSync('/proc/stat', 'utf8');
    const line = text.slice(0, text.indexOf('\n'));
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
    const busy = user + nice + system + irq + softirq + (steal ?? 0);
    const cores = (text.match(/^cpu\d+ /gm) ?? []).length || 1;
    return { busy, total: busy + idle + (iowait ?? 0), cores };
  } catch {
    return { busy: 0, total: 0, cores: 1 };
  }
}
