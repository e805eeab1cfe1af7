/**
 * Checks one file the way record-uploaded will, in a process of its own, and prints what it cost as JSON:
 * `node --import tsx bench/support/record-check-probe.ts <file>`. The file is read in ranges, as S3 is.
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { ByteSource } from '../../functions/domain/ports.js';
import { checkRecord } from '../../functions/domain/record-checks/check-record.js';
import { DEFAULT_LIMITS } from '../../functions/domain/record-checks/limits.js';

const file = await open(process.argv[2]!);
const { size } = await file.stat();
let reads = 0;
let bytesRead = 0;
const source: ByteSource = {
  size,
  async read(offset, length) {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
    const { bytesRead: got } = await file.read(buffer, 0, buffer.length, offset);
    reads += 1;
    bytesRead += got;
    return buffer.subarray(0, got);
  },
};
const started = performance.now();
const verdict = await checkRecord(source, { ...DEFAULT_LIMITS, maxBytes: 1024 ** 3 });
const ms = performance.now() - started;
await file.close();
process.stdout.write(
  `${JSON.stringify({
    verdict: verdict.accepted ? `accepted: ${verdict.kind}` : `refused: ${verdict.code}`,
    ms,
    maxRssBytes: peakRss(),
    reads,
    bytesRead,
  })}\n`,
);

/**
 * This process's peak RSS: Linux's VmHWM, which exec starts afresh (getrusage's maxRSS keeps the parent's
 * peak across fork and exec, and the parent held the file being checked). Elsewhere, getrusage's.
 */
function peakRss(): number {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
