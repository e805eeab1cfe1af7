/**
 * Nothing does I/O at import time (STYLE.md §5; issue 8): every handler, bundled as deployed, is imported in a
 * fresh node process that refuses and records network and DNS attempts, SDK calls included, also those the
 * import only schedules. Fixtures that do reach out at import show that the probe catches them.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { compileChildProgram } from '../../bench/support/child-program.js';
import { bundleForLambda, type BundleEntry } from '../../bench/support/esbuild-lambda.js';
import { handlerEntry, lambdaHandlers } from '../../bench/support/handlers.js';
import type { ProbeReport } from '../../bench/support/import-probe.js';
import { REPO_ROOT } from '../../bench/support/repo.js';

const HANDLERS = lambdaHandlers();

/** Modules that reach out at import, each in a way the probe must catch. */
const FIXTURES: Record<string, string> = {
  'fetch-awaited': "await fetch('https://example.com/');",
  'dns-named-import': "import { lookup } from 'node:dns';\nlookup('example.com', () => {});",
  'https-after-import':
    "import https from 'node:https';\nsetTimeout(() => https.get('https://example.com/'), 20);",
};
/** Bundled like a handler: an SDK call made at import and not awaited. */
const SDK_CALL_AT_IMPORT = [
  "import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';",
  'new DynamoDBClient({}).send(new ListTablesCommand({})).catch(() => {});',
].join('\n');

// A fixed environment: a region and dummy keys let an SDK call get as far as its request; nothing of ours leaks.
const PROBE_ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'probe',
  AWS_SECRET_ACCESS_KEY: 'probe',
  AWS_MAX_ATTEMPTS: '1', // an SDK call refused once is enough; retries only slow the test
};

const run = promisify(execFile);
let dir: string;
let probe: string;

function modulePath(key: string): string {
  return join(dir, key, 'index.mjs');
}

function writeModule(key: string, code: Uint8Array | string): void {
  mkdirSync(dirname(modulePath(key)), { recursive: true });
  writeFileSync(modulePath(key), code);
}

async function probeImport(key: string): Promise<ProbeReport> {
  try {
    const { stdout } = await run(process.execPath, [probe, modulePath(key)], {
      env: { ...PROBE_ENV, HOME: dir },
      timeout: 20_000,
    });
    return JSON.parse(stdout) as ProbeReport;
  } catch (error) {
    throw new Error(`Importing ${key} did not finish cleanly (does it keep the event loop alive?)`, {
      cause: error,
    });
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concord-import-probe-'));
  probe = await compileChildProgram(join(REPO_ROOT, 'bench/support/import-probe.ts'), join(dir, 'probe.mjs'));
  const entries: BundleEntry[] = [
    ...HANDLERS.map((name) => ({ key: `handlers/${name}`, file: handlerEntry(name) })),
    { key: 'fixtures/sdk-call', source: SDK_CALL_AT_IMPORT },
  ];
  // Source maps change nothing the import does, and would double the build time.
  for (const [key, bundle] of await bundleForLambda(entries, { sourcemap: false }))
    writeModule(key, bundle.code);
  for (const [name, source] of Object.entries(FIXTURES)) writeModule(`fixtures/${name}`, source);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('importing a handler bundle', () => {
  test.each(HANDLERS)('%s: no network or DNS call, no error', async (name) => {
    const report = await probeImport(`handlers/${name}`);

    expect(report).toEqual({ attempts: [], laterErrors: [] });
  });
});

describe('the probe', () => {
  test.each([
    ['a fetch awaited at the top level', 'fixtures/fetch-awaited', /^fetch https:\/\/example\.com/],
    ['a DNS lookup through a named ES import', 'fixtures/dns-named-import', /^dns\.lookup example\.com$/],
    ['an HTTPS request made after the import returned', 'fixtures/https-after-import', /^https\.get /],
    ['an SDK call made at import, not awaited', 'fixtures/sdk-call', /dynamodb\.us-east-1\.amazonaws\.com/],
  ])('catches %s', async (_what, key, attempt) => {
    const report = await probeImport(key);

    expect(report.attempts).toEqual(expect.arrayContaining([expect.stringMatching(attempt)]));
  });
});
