import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleIntake, intakeWith } from '../support/intake.js';
import { pollUntil } from '../support/poll.js';
import { submitIntake, type StackHandle } from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { agreeingOpinion, playReview } from '../support/stack/review.js';

const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(ROOT_DIR, 'node_modules', '.bin', 'tsx');
const DEMO_SEED = JSON.parse(readFileSync(join(ROOT_DIR, 'infra/local/demo-seed.json'), 'utf8')) as {
  payers: unknown[];
  specialists: unknown[];
};
const STEP_TIMEOUT_MS = 60_000;
const TERMINAL = new Set(['completed', 'closed', 'needs-attention']);

interface Created {
  caseId: string;
  accessToken: string;
}

interface CaseView {
  caseId: string;
  status: string;
  coverage?: { outcome: string; reason: string };
  timeline: Array<{ at: string; type: string; detail?: string }>;
}

/** Every entry under `dir`, with its permission bits, by path relative to `dir`. */
async function walk(dir: string, under = ''): Promise<Array<{ path: string; mode: number }>> {
  const entries = await readdir(join(dir, under), { withFileTypes: true });
  const found = await Promise.all(
    entries.map(async (entry) => {
      const path = under ? `${under}/${entry.name}` : entry.name;
      const own = { path, mode: (await stat(join(dir, path))).mode & 0o777 };
      return entry.isDirectory() ? [own, ...(await walk(dir, path))] : [own];
    }),
  );
  return found.flat();
}

/** The environment for the CLI: ours minus anything that would point it at other ports or data. */
function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CONCORD_|AWS_|PORT$)/.test(name)),
  );
  return {
    ...inherited,
    PORT: '0',
    CONCORD_SES_PORT: '0',
    CONCORD_DYNAMODB_PORT: '0',
    CONCORD_S3_PORT: '0',
    CONCORD_SFN_PORT: '0',
    CONCORD_SECRETS_PORT: '0',
    CONCORD_DATA_DIR: dataDir,
    AWS_LAMBDA_LOG_LEVEL: 'WARN',
  };
}

/** `npm start` as a child process, with what it printed. */
class Cli {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(dataDir: string) {
    // Its own process group, so cleanup reaches the node process tsx starts as well.
    this.child = spawn(TSX, ['infra/local/cli.ts', 'start'], {
      cwd: ROOT_DIR,
      env: cliEnv(dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = once(this.child, 'exit').then(
      ([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }),
      // `once` rejects on 'error' (e.g. tsx missing): report it as a failed exit rather than hang.
      () => ({ code: null, signal: null }),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the `ready` line (bounded), then reads the printed URLs. */
  async ready(): Promise<StackHandle['urls']> {
    await pollUntil(
      async () => {
        if (!this.running) throw new Error(`The CLI exited before it was ready:\n${this.stderr}`);
        return this.stdout;
      },
      (stdout) => /\bready\b/.test(stdout),
      { attempts: 400, intervalMs: 100, what: 'the CLI printing its ready line' },
    );
    const readyUrl = /ready.*?(http:\/\/127\.0\.0\.1:\d+)/.exec(this.stdout)?.[1];
    const api = /^API\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(this.stdout)?.[1];
    const sesInbox = /^SES inbox\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(this.stdout)?.[1];
    const dynamodb = /^DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(this.stdout)?.[1];
    if (!api || !sesInbox || !dynamodb || readyUrl !== api)
      throw new Error(`Unexpected CLI output:\n${this.stdout}`);
    return { api, sesInbox, dynamodb };
  }

  /** SIGTERM, then the exit (bounded). */
  async terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill('SIGTERM');
    const timeout = new Promise<never>((_, fail) => {
      const timer = setTimeout(() => fail(new Error('The CLI did not exit after SIGTERM')), 20_000);
      timer.unref();
    });
    return Promise.race([this.exited, timeout]);
  }

  /** Last resort for afterAll: the whole process group, by its id. */
  kill(): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function submit(api: string, body: unknown): Promise<Response> {
  return fetch(`${api}/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function view(api: string, { caseId, accessToken }: Created): Promise<CaseView> {
  const response = await fetch(`${api}/cases/${caseId}`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (response.status !== 200) throw new Error(`GET /cases/${caseId} answered ${response.status}`);
  return (await response.json()) as CaseView;
}

/**
 * Every required record arrives, then the coordinator approves the proposed specialist, who accepts
 * and gives an opinion agreeing with the first: what a case needs to complete.
 */
async function recordsAndReview(urls: StackHandle['urls'], theCase: Created): Promise<void> {
  await uploadRequiredRecords(urls.api, theCase.caseId, theCase.accessToken);
  await playReview({ urls }, theCase.caseId, agreeingOpinion(exampleIntake()));
}

function settled(api: string, theCase: Created): Promise<CaseView> {
  return pollUntil(
    () => view(api, theCase),
    (current) => TERMINAL.has(current.status),
    { attempts: 150, intervalMs: 100, what: `case ${theCase.caseId} reaching a final status` },
  );
}

describe('the local stack CLI (npm start)', () => {
  const clis: Cli[] = [];
  let dataDir: string;
  let first: Cli;
  let urls: StackHandle['urls'];
  let exampleCase: Created;
  let viewBeforeRestart: CaseView;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'concord-e2e-'));
  });

  afterAll(async () => {
    for (const cli of clis) if (cli.running) cli.kill();
    await Promise.all(clis.map((cli) => cli.exited));
    await rm(dataDir, { recursive: true, force: true });
  }, STEP_TIMEOUT_MS);

  it(
    'prints every URL and a ready line with the API URL, on free ports',
    async () => {
      // Arrange
      first = new Cli(dataDir);
      clis.push(first);

      // Act
      urls = await first.ready();

      // Assert
      for (const name of ['API', 'SES inbox', 'DynamoDB', 'S3', 'Step Functions', 'Secrets Manager']) {
        expect(first.stdout).toMatch(new RegExp(`^${name}\\s+http://127\\.0\\.0\\.1:[1-9]\\d*`, 'm'));
      }
      expect(first.stderr).toContain(
        `Seeded ${DEMO_SEED.payers.length} payers and ${DEMO_SEED.specialists.length} specialists`,
      );
      const health = await fetch(`${urls.api}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "takes API.md's example intake and shows the coverage decision in its status and timeline",
    async () => {
      // Arrange
      exampleCase = await submitIntake({ urls }, exampleIntake());

      // Act: the referring physician uploads every required record; a specialist reviews the case
      await recordsAndReview(urls, exampleCase);
      viewBeforeRestart = await settled(urls.api, exampleCase);

      // Assert
      expect(viewBeforeRestart.status).toBe('completed');
      expect(viewBeforeRestart.coverage).toEqual({ outcome: 'covered', reason: 'covered-by-plan' });
      const types = viewBeforeRestart.timeline.map((event) => event.type);
      expect(types[0]).toBe('case-received');
      expect(types.filter((type) => type === 'coverage-decided')).toHaveLength(1);
      expect(types.at(-1)).toBe('case-completed');
    },
    STEP_TIMEOUT_MS,
  );

  it('keeps the data directory to its owner: every directory 0700 and every file 0600, the emulators\u2019 too', async () => {
    // Arrange: the case above wrote to every store (table, records, executions, upload notices, the secret)
    const modes = await walk(dataDir);

    // Assert
    const kinds = new Set(modes.map(({ path }) => path.split('/')[0]));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['dynamodb', 's3', 'secrets.json', 'executions.json', 'pending-uploads.jsonl']),
    );
    expect(
      modes.filter(({ mode }) => mode & 0o077).map(({ path, mode }) => `${path} ${mode.toString(8)}`),
    ).toEqual([]);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('serves the SES inbox, with no coordinator alert for the example case', async () => {
    // Act
    const response = await fetch(`${urls.sesInbox}/store`);

    // Assert
    expect(response.status).toBe(200);
    const { emails } = (await response.json()) as { emails: Array<{ subject: string }> };
    const alerts = emails.filter((email) => email.subject.startsWith('Needs attention'));
    expect(alerts).toEqual([]);
  });

  it('rejects a bad intake with 400 naming each bad field', async () => {
    // Arrange
    const body = intakeWith(
      ['patient.dateOfBirth', '1968-02-30'],
      ['patient.state', 'XX'],
      ['referringPhysician.npi', '1234567890'],
      ['patient.nickname', 'Annie'],
    );

    // Act
    const response = await submit(urls.api, body);

    // Assert
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { status: number; errors: Array<{ path: string }> };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      'patient.dateOfBirth',
      'patient.nickname',
      'patient.state',
      'referringPhysician.npi',
    ]);
  });

  it(
    'stops cleanly on SIGTERM with exit code 0',
    async () => {
      // Act
      const exit = await first.terminate();

      // Assert
      expect(exit).toEqual({ code: 0, signal: null });
    },
    STEP_TIMEOUT_MS,
  );

  describe('started again on the same data directory', () => {
    let second: Cli;
    let secondUrls: StackHandle['urls'];
    let api: string;

    beforeAll(async () => {
      second = new Cli(dataDir);
      clis.push(second);
      secondUrls = await second.ready();
      ({ api } = secondUrls);
    }, STEP_TIMEOUT_MS);

    afterAll(async () => {
      if (second?.running) await second.terminate();
    }, STEP_TIMEOUT_MS);

    it('still has the case, readable with its token, with the same timeline', async () => {
      // Act
      const after = await view(api, exampleCase);

      // Assert
      expect(after).toEqual(viewBeforeRestart);
    });

    it('loaded the seed again without failing', () => {
      // Assert
      expect(second.stderr).toContain(
        `Seeded ${DEMO_SEED.payers.length} payers and ${DEMO_SEED.specialists.length} specialists`,
      );
    });

    it(
      'still resolves payers: a new acme-health intake is covered',
      async () => {
        // Arrange
        const newCase = await submitIntake({ urls: secondUrls }, exampleIntake());

        // Act
        await recordsAndReview(secondUrls, newCase);
        const settledView = await settled(api, newCase);

        // Assert
        expect(newCase.caseId).not.toBe(exampleCase.caseId);
        expect(settledView.coverage).toEqual({ outcome: 'covered', reason: 'covered-by-plan' });
        expect(settledView.status).toBe('completed');
      },
      STEP_TIMEOUT_MS,
    );

    it(
      'stops cleanly again',
      async () => {
        // Act
        const exit = await second.terminate();

        // Assert
        expect(exit).toEqual({ code: 0, signal: null });
      },
      STEP_TIMEOUT_MS,
    );
  });
});
