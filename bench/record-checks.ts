/**
 * Record checks (issue 20, part 1): what the checker adds to a Lambda bundle, and what checking a large
 * record costs. Figures only, no budgets: the bundle figure is for the lead's documented exception for
 * record-uploaded; times depend on the machine (a Lambda reads from S3, slower than this local disk).
 *
 * Each large file is written to a temporary folder and checked in a process of its own
 * (bench/support/record-check-probe.ts), reading it in ranges as from S3; its peak RSS includes Node itself,
 * printed apart (the same probe on a one-line text file). Each is checked again with a 64 MiB heap: what the
 * checks keep alive is small, and V8 collects what they drop once it must.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { objectStream, pdf, type PdfObject } from '../test/support/pdf-writer.js';
import { zip, type ZipMember } from '../test/support/zip-writer.js';
import { bundleForLambda } from './support/esbuild-lambda.js';
import { REPO_ROOT } from './support/repo.js';
import { kb } from './support/stats.js';
import { formatTable } from './support/table.js';

const MiB = 1024 * 1024;
const CHECKER = `import { checkRecord } from './functions/domain/record-checks/check-record.ts';
import { displayName } from './functions/domain/record-checks/display-name.ts';
export const handler = (source, name) => Promise.all([checkRecord(source), displayName(name)]);`;

async function bundleCost(): Promise<void> {
  const bundles = await bundleForLambda([
    { key: 'checker', source: CHECKER },
    { key: 'baseline', source: 'export const handler = () => 0;' },
  ]);
  const checker = bundles.get('checker')!;
  const added = checker.bytes - bundles.get('baseline')!.bytes;
  const byPackage = new Map<string, number>();
  for (const [path, bytes] of checker.inputs) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.replace(/\/[^/]+$/, '/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
  }
  const rows = [...byPackage].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
  console.warn(`The checker adds ${kb(added)} KB to a bundle (minified, as deployed); by input:\n`);
  console.warn(
    formatTable(
      ['input', 'KB'],
      rows.map(([name, bytes]) => [name, kb(bytes)]),
    ),
  );
}

/** A 1 MiB block of random bytes: image data, which neither compresses nor holds a name by chance. */
const noise = randomBytes(MiB);

const LARGE_FILES: Record<string, () => Buffer> = {
  'PDF, 200 MiB: 200 image streams and an object stream of 500 objects': () =>
    pdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      ...Array.from({ length: 200 }, (): PdfObject => ({
        dict: `<< /Type /XObject /Subtype /Image /Length ${MiB} >>`,
        stream: noise,
      })),
      objectStream(
        Array.from({ length: 500 }, (_, i) => [
          1_000 + i,
          `<< /Type /Annot /Subtype /Link /Rect [0 0 ${i} 10] >>`,
        ]),
      ),
    ]),
  'ZIP, 200 MiB: 400 DICOM files, stored': () =>
    zip(
      Array.from({ length: 400 }, (_, i): ZipMember => ({
        name: `SE1/IM${String(i).padStart(4, '0')}.dcm`,
        content: Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), noise.subarray(0, MiB / 2)]),
        method: 'stored',
      })),
    ),
  'ZIP, 200 MiB: two 100 MiB PDFs, deflated (read whole)': () => {
    const member = pdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      ...Array.from({ length: 100 }, (): PdfObject => ({ dict: `<< /Length ${MiB} >>`, stream: noise })),
    ]);
    return zip([
      { name: 'a.pdf', content: member },
      { name: 'b.pdf', content: member },
    ]);
  },
  'Text, 200 MiB of lab results (read whole)': () =>
    Buffer.from(
      Array.from(
        { length: 200 * 1024 },
        (_, i) => `Line ${i}: CBC within normal limits; BP < 120/80; `.padEnd(1023, '.') + '\n',
      ).join(''),
    ),
};

interface ProbeResult {
  verdict: string;
  ms: number;
  maxRssBytes: number;
  reads: number;
  bytesRead: number;
}

/** A heap this small holds what the checks keep; by default V8 lets garbage pile up far past it. */
const SMALL_HEAP = '--max-old-space-size=64';

function probe(file: string, nodeFlags: string[] = []): ProbeResult {
  const child = spawnSync(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(REPO_ROOT, 'bench/support/record-check-probe.ts'), file],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  if (child.status !== 0) throw new Error(`The probe failed on ${file}:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ProbeResult;
}

async function largeFiles(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'concord-record-checks-'));
  try {
    const baselineFile = join(folder, 'one-line.txt');
    await writeFile(baselineFile, 'Lab results: normal\n');
    const baseline = probe(baselineFile);
    const rows: string[][] = [];
    for (const [title, build] of Object.entries(LARGE_FILES)) {
      const file = join(folder, 'large');
      const bytes = build();
      await writeFile(file, bytes);
      const result = probe(file);
      const small = probe(file, [SMALL_HEAP]);
      const mb = (n: number) => (n / MiB).toFixed(0);
      rows.push([
        title,
        mb(bytes.length),
        result.verdict,
        (result.ms / 1000).toFixed(2),
        (bytes.length / MiB / (result.ms / 1000)).toFixed(0),
        mb(result.maxRssBytes),
        mb(result.maxRssBytes - baseline.maxRssBytes),
        small.verdict === result.verdict ? mb(small.maxRssBytes - baseline.maxRssBytes) : 'failed',
        String(result.reads),
        mb(result.bytesRead),
      ]);
    }
    console.warn(
      `\nChecking large records (one process each; a one-line text file peaks at ${(baseline.maxRssBytes / MiB).toFixed(0)} MiB RSS):\n`,
    );
    console.warn(
      formatTable(
        [
          'file',
          'MiB',
          'verdict',
          's',
          'MiB/s',
          'peak RSS MiB',
          'over baseline',
          `over baseline, ${SMALL_HEAP}`,
          'reads',
          'MiB read',
        ],
        rows,
      ),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await bundleCost();
await largeFiles();
