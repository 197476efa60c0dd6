/**
 * Turns results into the comparison table (Markdown, printed and written to
 * bench/README.md), the goal list with measured ratios, and the JSON file.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { ColdLoadSize } from '../workloads/coldLoad.ts';
import type { DurabilityRun } from '../workloads/durability.ts';
import type { MemoryResult, PerUnit } from '../workloads/memory.ts';
import type { OwnFeature } from '../workloads/own.ts';
import type { MaxRateResult, RelayLatencyResult } from '../workloads/relay.ts';
import type { ProfileSummary } from '../profile.ts';
import { BENCH_DIR } from './paths.ts';
import { SERVER_KINDS, SERVER_LABEL, type ServerKind } from './protocol.ts';
import { bytes, ms, rate, round } from './stats.ts';

type PerServer<T> = Partial<Record<ServerKind, T>>;

export interface Results {
  date: string;
  mode: 'full' | 'quick';
  durationSeconds: number;
  machine: Record<string, unknown>;
  packages: Record<string, string>;
  servers: Record<string, string>;
  workloads: {
    relayLight?: PerServer<RelayLatencyResult>;
    /** Workload 1's zero-work relay (bench/servers/relayFloor.ts), measured beside the servers. */
    relayLightFloor?: RelayLatencyResult;
    relayManyRooms?: PerServer<RelayLatencyResult>;
    /** Workload 2's zero-work relay, measured beside the servers. */
    relayManyRoomsFloor?: RelayLatencyResult;
    maxRate?: Record<string, PerServer<MaxRateResult>>;
    coldLoad?: ColdLoadSize[];
    memory?: MemoryResult;
    durability?: DurabilityRun[];
    own?: OwnFeature[];
  };
  ratios: Record<string, number | null>;
  goals: Goal[];
  loadGenerator: { peakCpu: number | null; note: string };
  contention: { peakOtherCores: number | null; note: string };
  profiles?: Array<{ name: string; summary: ProfileSummary }>;
  errors: Record<string, string>;
  notes: string[];
}

export interface Goal {
  goal: string;
  measured: string;
  ratio: number | null;
  met: boolean | null;
}

const PEERS: ServerKind[] = ['hocuspocus', 'ywsref'];

function bestPeer<T>(
  m: PerServer<T> | undefined,
  value: (t: T) => number,
  lowerIsBetter: boolean,
): number | null {
  if (!m) return null;
  const vals = PEERS.map((k) => m[k])
    .filter((v): v is NonNullable<typeof v> => v !== undefined)
    .map(value);
  const finite = vals.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  return lowerIsBetter ? Math.min(...finite) : Math.max(...finite);
}

function ratioOf(
  m: PerServer<unknown> | undefined,
  value: (t: never) => number,
  lowerIsBetter: boolean,
): number | null {
  const f = value as (t: unknown) => number;
  const b = m?.briefdesk;
  const peer = bestPeer(m, f, lowerIsBetter);
  if (b === undefined || peer === null || peer === 0) return null;
  const v = f(b);
  return Number.isFinite(v) ? round(v / peer, 3) : null;
}

const x = (r: number | null) => (r === null ? '—' : `${r.toFixed(2)}×`);

/** Ratios of Briefdesk to the better peer (latency, memory: lower wins; rate: higher wins). */
export function computeRatios(r: Results['workloads']): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const lat = (name: string, m?: PerServer<RelayLatencyResult>, floor?: RelayLatencyResult) => {
    if (!m) return;
    out[`${name}.p50`] = ratioOf(m, (t: RelayLatencyResult) => t.latency.p50, true);
    out[`${name}.p99`] = ratioOf(m, (t: RelayLatencyResult) => t.latency.p99, true);
    out[`${name}.p999`] = ratioOf(m, (t: RelayLatencyResult) => t.latency.p999, true);
    if (!floor) return;
    // Briefdesk ÷ the zero-work relay, as cold load is given against Yjs's floor.
    const b = m.briefdesk?.latency;
    for (const p of ['p50', 'p99', 'p999'] as const) {
      const f = floor.latency[p];
      out[`${name}.vsFloor.${p}`] =
        b && Number.isFinite(b[p]) && Number.isFinite(f) && f > 0 ? round(b[p] / f, 3) : null;
    }
  };
  lat('relayLight', r.relayLight, r.relayLightFloor);
  lat('relayManyRooms', r.relayManyRooms, r.relayManyRoomsFloor);
  for (const [key, m] of Object.entries(r.maxRate ?? {})) {
    out[`maxRate.${key}`] = ratioOf(m, (t: MaxRateResult) => t.maxRate, false);
  }
  for (const size of r.coldLoad ?? []) {
    out[`coldLoad.${size.size}.vsBetterPeer`] = ratioOf(
      size.servers,
      (t: { medianMs: number }) => t.medianMs,
      true,
    );
    const b = size.servers.briefdesk?.medianMs;
    out[`coldLoad.${size.size}.vsFloorGcOff`] = b ? round(b / size.floor.gcOff.coldMs, 3) : null;
    out[`coldLoad.${size.size}.vsFloorGcOn`] = b ? round(b / size.floor.gcOn.coldMs, 3) : null;
  }
  if (r.memory) {
    for (const [label, m] of Object.entries(r.memory.perBrief)) {
      out[`memory.perBrief.${label}.rss`] = ratioOf(m, (t: PerUnit) => t.rssPer, true);
      out[`memory.perBrief.${label}.heap`] = ratioOf(m, (t: PerUnit) => t.heapPer, true);
    }
    out['memory.perConnection.rss'] = ratioOf(
      r.memory.perConnection,
      (t: PerUnit) => t.rssPer,
      true,
    );
    out['memory.perConnection.heap'] = ratioOf(
      r.memory.perConnection,
      (t: PerUnit) => t.heapPer,
      true,
    );
  }
  return out;
}

export function computeGoals(
  r: Results['workloads'],
  ratios: Record<string, number | null>,
): Goal[] {
  const goals: Goal[] = [];
  if (r.relayManyRooms) {
    const ratio = ratios['relayManyRooms.p99'];
    goals.push({
      goal: 'Workload 2 p99 at most half the better peer’s',
      measured:
        `p99 ${ms(r.relayManyRooms.briefdesk?.latency.p99 ?? NaN)} vs ${ms(bestPeer(r.relayManyRooms, (t) => t.latency.p99, true) ?? NaN)}` +
        (r.relayManyRoomsFloor
          ? ` (zero-work relay floor ${ms(r.relayManyRoomsFloor.latency.p99)})`
          : ''),
      ratio,
      met: ratio === null ? null : ratio <= 0.5,
    });
  }
  if (r.maxRate) {
    const keys = Object.keys(r.maxRate);
    const rs = keys.map((k) => ratios[`maxRate.${k}`]);
    const worst = rs.every((v) => v !== null) && rs.length ? Math.min(...(rs as number[])) : null;
    goals.push({
      goal: 'Workload 3 at least twice the better peer’s rate (each fan-out)',
      measured: keys
        .map((k) => `${k.replace('fanout', 'fan-out ')}: ${x(ratios[`maxRate.${k}`])}`)
        .join(', '),
      ratio: worst,
      met: worst === null ? null : worst >= 2,
    });
  }
  for (const size of r.coldLoad ?? []) {
    const ratio = ratios[`coldLoad.${size.size}.vsFloorGcOff`];
    goals.push({
      goal: `Cold load (${size.size === 'trace' ? 'trace' : '100× trace'}) within 1.3× of Yjs’s floor`,
      measured:
        `${ms(size.servers.briefdesk?.medianMs ?? NaN)} vs floor ${ms(size.floor.gcOff.coldMs)} (gc off, as Briefdesk keeps history); ` +
        `vs gc-on floor ${ms(size.floor.gcOn.coldMs)}: ${x(ratios[`coldLoad.${size.size}.vsFloorGcOn`])}`,
      ratio,
      met: ratio === null ? null : ratio <= 1.3,
    });
  }
  if (r.memory) {
    for (const label of Object.keys(r.memory.perBrief)) {
      const ratio = ratios[`memory.perBrief.${label}.rss`];
      const m = r.memory.perBrief[label];
      goals.push({
        goal: `Memory per ${label === 'x100' ? '100× trace' : label} brief no more than the lighter peer’s (RSS)`,
        measured: `${bytes(m.briefdesk?.rssPer ?? NaN)} vs ${bytes(bestPeer(m, (t) => t.rssPer, true) ?? NaN)} (heap ${x(ratios[`memory.perBrief.${label}.heap`])})`,
        ratio,
        met: ratio === null ? null : ratio <= 1,
      });
    }
    const life = r.memory.lifecycle.briefdesk;
    if (life) {
      goals.push({
        goal: `Heap after ${life.cycles} connect/disconnect cycles over ${life.briefs} briefs within 10% of baseline (issue 3)`,
        measured: `${bytes(life.before.heapUsed)} → ${bytes(life.after.heapUsed)}`,
        ratio: life.heapRatio,
        met: life.heapRatio <= 1.1,
      });
    }
  }
  const safe = r.durability?.find((d) => d.kind === 'briefdesk' && !d.label.includes('UNSAFE'));
  if (safe) {
    goals.push({
      goal: 'Zero updates lost in workload 6',
      measured:
        `${safe.lostEdits ?? '?'} of ${safe.receivedEdits ?? '?'} received edits lost ` +
        `(${safe.lost} of ${safe.received} relayed messages)`,
      ratio: null,
      met: safe.lost === 0 && (safe.lostEdits ?? 0) === 0,
    });
  }
  return goals;
}

// ---- the table ---------------------------------------------------------------

interface Row {
  workload: string;
  figure: string;
  cells: PerServer<string>;
  ratio: string;
}

function cellsOf<T>(m: PerServer<T> | undefined, f: (t: T) => string): PerServer<string> {
  const out: PerServer<string> = {};
  for (const k of SERVER_KINDS) {
    const v = m?.[k];
    if (v !== undefined) out[k] = f(v);
  }
  return out;
}

/** Each window's own p99, in the order measured. */
function perWindow(t: RelayLatencyResult): string {
  return (t.windowP99 ?? []).map((v) => ms(v)).join(' / ');
}

export function tableRows(res: Results): Row[] {
  const r = res.workloads;
  const rows: Row[] = [];
  const lat = (
    w: string,
    m: PerServer<RelayLatencyResult> | undefined,
    floor: RelayLatencyResult | undefined,
    key: string,
  ) => {
    if (!m) return;
    const n = m.briefdesk?.latency.n ?? Object.values(m)[0]?.latency.n ?? 0;
    rows.push({
      workload: w,
      figure: 'p50',
      cells: cellsOf(m, (t) => ms(t.latency.p50)),
      ratio: x(res.ratios[`${key}.p50`]),
    });
    rows.push({
      workload: w,
      figure: 'p99',
      cells: cellsOf(m, (t) => ms(t.latency.p99)),
      ratio: x(res.ratios[`${key}.p99`]),
    });
    rows.push({
      workload: w,
      figure: 'p99 of each window, in the order measured',
      cells: cellsOf(m, (t) => perWindow(t)),
      ratio: '',
    });
    rows.push({
      workload: w,
      figure: `p99.9 (${n} samples)`,
      cells: cellsOf(m, (t) => ms(t.latency.p999)),
      ratio: x(res.ratios[`${key}.p999`]),
    });
    rows.push({
      workload: w,
      figure: 'dropped',
      cells: cellsOf(m, (t) => `${t.dropped} of ${t.expected}`),
      ratio: '',
    });
    if (!floor) return;
    // In Briefdesk's column, as the cold load's Yjs floor is.
    const f = floor.latency;
    const dropped = floor.dropped ? `, dropped ${floor.dropped} of ${floor.expected}` : '';
    const vs = (p: string) => x(res.ratios[`${key}.vsFloor.${p}`]);
    const floorWindows = floor.windowP99?.length ? `; p99 of each window ${perWindow(floor)}` : '';
    rows.push({
      workload: w,
      figure: 'relay floor (zero-work ws relay) p50 / p99 / p99.9',
      cells: { briefdesk: `${ms(f.p50)} / ${ms(f.p99)} / ${ms(f.p999)}${dropped}${floorWindows}` },
      ratio: `Briefdesk ÷ floor: ${vs('p50')} / ${vs('p99')} / ${vs('p999')}`,
    });
  };
  lat('1 relay, 1 brief × 2, 10/s', r.relayLight, r.relayLightFloor, 'relayLight');
  lat(
    '2 relay, 500 briefs × 3, 1/s each',
    r.relayManyRooms,
    r.relayManyRoomsFloor,
    'relayManyRooms',
  );
  for (const [key, m] of Object.entries(r.maxRate ?? {})) {
    rows.push({
      workload: '3 max rate, p99 < 50 ms, 0 dropped',
      figure: key.replace('fanout', 'fan-out '),
      cells: cellsOf(m, (t) =>
        t.maxRate ? `${rate(t.maxRate)} (${rate(t.deliveries)} deliv.)` : 'none passed',
      ),
      ratio: x(res.ratios[`maxRate.${key}`]),
    });
  }
  for (const size of r.coldLoad ?? []) {
    const name = size.size === 'trace' ? 'trace' : '100× trace';
    rows.push({
      workload: '4 cold load to first full sync',
      figure: `${name} (${bytes(size.stateBytes)})`,
      cells: cellsOf(size.servers, (t) => `${ms(t.medianMs)}${t.verified ? '' : ' ✗'}`),
      ratio: x(res.ratios[`coldLoad.${size.size}.vsBetterPeer`]),
    });
    rows.push({
      workload: '4 cold load to first full sync',
      figure: `${name}: Yjs floor, cold, gc off / on`,
      cells: { briefdesk: `${ms(size.floor.gcOff.coldMs)} / ${ms(size.floor.gcOn.coldMs)}` },
      ratio: `Briefdesk ÷ floor: ${x(res.ratios[`coldLoad.${size.size}.vsFloorGcOff`])} / ${x(res.ratios[`coldLoad.${size.size}.vsFloorGcOn`])}`,
    });
  }
  if (r.memory) {
    for (const [label, m] of Object.entries(r.memory.perBrief)) {
      const n = Object.values(m)[0]?.count ?? 0;
      rows.push({
        workload: '5 memory per loaded brief (RSS / heap)',
        figure: `${label === 'x100' ? '100× trace' : label} (N=${n})`,
        cells: cellsOf(m, (t) => `${bytes(t.rssPer)} / ${bytes(t.heapPer)}`),
        ratio: x(res.ratios[`memory.perBrief.${label}.rss`]),
      });
    }
    const c = r.memory.perConnection;
    if (Object.keys(c).length)
      rows.push({
        workload: '5 memory per idle connection (RSS / heap)',
        figure: `N=${Object.values(c)[0]?.count ?? 0}`,
        cells: cellsOf(c, (t) => `${bytes(t.rssPer)} / ${bytes(t.heapPer)}`),
        ratio: x(res.ratios['memory.perConnection.rss']),
      });
    const cyc = (key: 'cycles' | 'lifecycle', what: 'rss' | 'heap') => {
      const m = r.memory![key];
      const first = Object.values(m)[0];
      if (!first) return;
      rows.push({
        workload: `5 after connect/disconnect cycles vs baseline`,
        figure: `${what === 'rss' ? 'RSS' : 'heap'}, ${first.cycles} cycles / ${first.briefs} briefs`,
        cells: cellsOf(m, (t) =>
          what === 'rss'
            ? `×${t.rssRatio.toFixed(2)} (${bytes(t.before.rss)}→${bytes(t.after.rss)})`
            : `×${t.heapRatio.toFixed(2)} (${bytes(t.before.heapUsed)}→${bytes(t.after.heapUsed)})`,
        ),
        ratio: '',
      });
    };
    cyc('cycles', 'rss');
    cyc('cycles', 'heap');
    cyc('lifecycle', 'heap');
  }
  if (r.durability) {
    const byKind = (pred: (d: DurabilityRun) => boolean) => r.durability!.find(pred);
    const fmt = (d: DurabilityRun) =>
      `${d.lostEdits ?? '?'} of ${d.receivedEdits ?? '?'} edits (${d.lost} of ${d.received} messages)`;
    const cells: PerServer<string> = {};
    const safe = byKind((d) => d.kind === 'briefdesk' && !d.label.includes('UNSAFE'));
    if (safe) cells.briefdesk = fmt(safe);
    const h = byKind((d) => d.kind === 'hocuspocus');
    if (h) cells.hocuspocus = fmt(h);
    const y = byKind((d) => d.kind === 'ywsref');
    if (y) cells.ywsref = `${fmt(y)} (no persistence)`;
    rows.push({
      workload: '6 SIGKILL mid-replay',
      figure: 'received, then lost',
      cells,
      ratio: '',
    });
    const unsafe = byKind((d) => d.label.includes('UNSAFE'));
    if (unsafe) {
      rows.push({
        workload: '6 SIGKILL mid-replay',
        figure: 'Briefdesk, UNSAFE_RELAY_BEFORE_COMMIT=1',
        cells: { briefdesk: fmt(unsafe) },
        ratio: '',
      });
    }
  }
  for (const f of r.own ?? []) {
    rows.push({
      workload: '7 Briefdesk’s own',
      figure: f.name,
      cells: {
        briefdesk: f.available
          ? (f.summary ?? `${ms(f.wallMs ?? NaN)} wall`)
          : (f.note ?? f.error ?? 'n/a'),
      },
      ratio: '',
    });
  }
  if (res.loadGenerator.peakCpu !== null) {
    rows.push({
      workload: 'load generator',
      figure: 'peak CPU in any window (one core = 100%)',
      cells: { briefdesk: `${(res.loadGenerator.peakCpu * 100).toFixed(0)}%` },
      ratio: '',
    });
  }
  return rows;
}

export function markdownTable(res: Results): string {
  const head = [
    'Workload',
    'Figure',
    ...SERVER_KINDS.map((k) => SERVER_LABEL[k]),
    'Briefdesk ÷ better peer',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of tableRows(res)) {
    lines.push(
      `| ${[row.workload, row.figure, ...SERVER_KINDS.map((k) => row.cells[k] ?? ''), row.ratio].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function goalsTable(goals: Goal[]): string {
  const lines = ['| Goal | Measured | Ratio | Met |', '|---|---|---|---|'];
  for (const g of goals) {
    lines.push(
      `| ${g.goal} | ${g.measured} | ${x(g.ratio)} | ${g.met === null ? '—' : g.met ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

/** A plain-text table for the terminal. */
export function textTable(res: Results): string {
  const head = [
    'Workload',
    'Figure',
    ...SERVER_KINDS.map((k) => SERVER_LABEL[k]),
    'B ÷ better peer',
  ];
  const body = tableRows(res).map((r) => [
    r.workload,
    r.figure,
    ...SERVER_KINDS.map((k) => r.cells[k] ?? ''),
    r.ratio,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Replaces the results section of bench/README.md with this run's tables,
 * formatted by Prettier so that `npm run format:check` stays clean.
 */
export async function updateReadme(res: Results, jsonName: string): Promise<void> {
  const file = path.join(BENCH_DIR, 'README.md');
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a === -1 || b === -1) return;
  const m = res.machine as { cpuModel?: string; cpus?: number; node?: string; os?: string };
  const block = [
    START,
    '',
    `Latest full run: ${res.date.slice(0, 10)}, ${res.durationSeconds} s, ${m.cpus} × ${m.cpuModel}, ${m.os}, Node ${m.node} ` +
      `(\`bench/results/${jsonName}\`). ${res.contention.note}`,
    '',
    '### Goals',
    '',
    goalsTable(res.goals),
    '',
    '### All figures',
    '',
    markdownTable(res),
    '',
    END,
  ].join('\n');
  const updated = text.slice(0, a) + block + text.slice(b + END.length);
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
}
