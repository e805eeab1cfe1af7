/**
 * `npm run bench:profile -- bench/handler-latency.ts`: runs a benchmark under `node --cpu-prof` and says
 * where the CPU time went: self time by package (our code by folder, each npm package, node internals,
 * garbage collection), then the functions with the most self time. This is how a missed time budget is
 * explained rather than guessed at. Extra environment (BENCH_ROUNDS=1) passes through.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './support/repo.js';
import { formatTable } from './support/table.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const TOP = 25;

/** Where a function lives: a package of node_modules, a folder of ours, node itself, or V8's bookkeeping. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (module) return module[1]!;
  const own = relative(REPO_ROOT, path);
  return own.startsWith('..') ? path : own.split('/').slice(0, 2).join('/');
}

function summarize(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
  );
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const who = owner(url, functionName);
    if (who === '(idle)') continue;
    busy += ms;
    byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
    const where = `${functionName || '(anonymous)'} ${who}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + ms);
  }
  const share = (ms: number) => `${((100 * ms) / busy).toFixed(1)}%`;
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, ms]) => [name, (ms / 1000).toFixed(2), share(ms)]);
  console.warn(`CPU busy ${(busy / 1000).toFixed(1)} s (idle excluded). Self time by owner:\n`);
  console.warn(formatTable(['owner', 's', 'share'], top(byOwner)));
  console.warn('\nFunctions with the most self time:\n');
  console.warn(formatTable(['function', 's', 'share'], top(byFunction)));
}

const script = process.argv[2];
if (!script) throw new Error('usage: tsx bench/profile.ts <benchmark script>');
const dir = mkdtempSync(join(tmpdir(), 'concord-profile-'));
try {
  const child = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', script],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
  // One profile per thread, named CPU.<date>.<pid>.<thread id>.<seq>.cpuprofile: the main thread (0) first,
  // then the emulators' thread of the embedded stack, and any other.
  const threadOf = (file: string) => Number(file.split('.').at(-3));
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort((a, b) => threadOf(a) - threadOf(b));
  if (files.length === 0) throw new Error(`No profile written (exit ${child.status})`);
  for (const file of files) {
    const thread = threadOf(file) === 0 ? 'main thread' : `worker thread ${threadOf(file)}`;
    console.warn(`\n=== CPU profile of ${script}, ${thread}\n`);
    summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
