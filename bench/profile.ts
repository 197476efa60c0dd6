/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the
 * most self time, and self time grouped by where the code lives (a package in
 * node_modules, a server file, Node internals, GC, idle).
 *
 *   npx tsx bench/profile.ts <file.cpuprofile> [top=25]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './lib/paths.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  name: string;
  where: string;
  selfMs: number;
  /** Share of the non-idle time. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idleMs: number;
  top: ProfileEntry[];
  byArea: Array<{ area: string; selfMs: number; share: number }>;
}

function shortUrl(url: string): string {
  if (!url) return '';
  let p = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (p.startsWith(REPO_ROOT + path.sep)) p = path.relative(REPO_ROOT, p);
  return p;
}

function areaOf(frame: ProfileNode['callFrame']): string {
  const { functionName, url } = frame;
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(program)') return '(program: native, outside JS)';
    return functionName || '(native)';
  }
  const p = shortUrl(url);
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  if (nm) return nm[1];
  if (p.startsWith('node:')) return 'node internals';
  if (p.startsWith('server/') || p.startsWith('shared/') || p.startsWith('bench/')) {
    return p.replace(/:\d+.*$/, '');
  }
  return p;
}

/**
 * `window` limits the analysis to samples taken between two instants of the
 * monotonic clock, in microseconds (process.hrtime.bigint() / 1000n in any
 * process on the machine: V8 stamps profiles with the same CLOCK_MONOTONIC),
 * so that start-up is left out.
 */
export function analyzeProfile(
  file: string,
  topN = 25,
  window?: { fromUs: number; toUs: number },
): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) byId.set(n.id, n);
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window.fromUs || t > window.toUs)) continue;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const area = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const entry = fn.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    fn.set(key, entry);
    const a = areaOf(frame);
    area.set(a, (area.get(a) ?? 0) + us);
  }
  const busy = Math.max(1, total - idle);
  return {
    file,
    totalMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    top: [...fn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({
        name: e.name,
        where: e.where,
        selfMs: Math.round(e.us / 100) / 10,
        share: e.us / busy,
      })),
    byArea: [...area.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([a, us]) => ({ area: a, selfMs: Math.round(us / 1000), share: us / busy })),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const lines = [
    `${path.basename(s.file)}: ${s.totalMs} ms sampled, ${s.idleMs} ms idle`,
    '  self time by area (share of non-idle):',
    ...s.byArea.map(
      (a) =>
        `    ${(a.share * 100).toFixed(1).padStart(5)}%  ${String(a.selfMs).padStart(6)} ms  ${a.area}`,
    ),
    '  top functions by self time:',
    ...s.top.map(
      (e) =>
        `    ${(e.share * 100).toFixed(1).padStart(5)}%  ${e.selfMs.toFixed(1).padStart(8)} ms  ${e.name}  ${e.where}`,
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx bench/profile.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(formatProfile(analyzeProfile(file, Number(top ?? 25))) + '\n');
}
