import { existsSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSecrets } from '../../../functions/adapters/secrets-manager-secrets.js';
import { SecretsManagerVersions } from '../../../functions/adapters/secrets-manager-versions.js';
import { signLink } from '../../../functions/domain/signed-link.js';
import { ROTATION_STEPS, secretKeys, type RotationStep } from '../../../functions/domain/signing-keys.js';
import { SigningSecretError } from '../../../functions/shared/errors.js';
import { rotateSigningKey } from '../../../functions/use-cases/rotate-signing-key.js';
import { verifyLinkSignature } from '../../../functions/use-cases/link-signatures.js';
import { SecretStore } from '../../../infra/local/secret-store.js';
import { secretsEndpoint } from '../../../infra/local/secrets-endpoint.js';
import { close, listen } from '../../../infra/local/servers.js';

/**
 * The rotation use-case through the Secrets Manager adapters, against the local stack's Secrets Manager, which
 * keeps versions and labels as AWS does and runs RotateSecret's four steps through the same use-case.
 */
const SECRET_ID = 'concord/link-signing';
const PLAIN = 'plain-secret-from-before-rotation-0123456789abcdef';

let dataDir: string;
let server: Server | undefined;
let client: SecretsManagerClient;
let store: SecretStore;
/** Fails the next rotation step of this name, once. */
let failStep: RotationStep | undefined;

const versions = () => new SecretsManagerVersions(client, SECRET_ID);
const step = (name: RotationStep, token: string) => rotateSigningKey(name, token, versions());

async function startEndpoint(plain?: string): Promise<void> {
  if (plain !== undefined) writeFileSync(join(dataDir, 'link-signing.secret'), plain);
  store = new SecretStore(join(dataDir, 'secrets.json'), join(dataDir, 'link-signing.secret'));
  server = secretsEndpoint(SECRET_ID, store, async ({ Step, ClientRequestToken }) => {
    if (Step === failStep) {
      failStep = undefined;
      throw Object.assign(new Error('step failed'), { name: 'StepFailed' });
    }
    await step(Step as RotationStep, ClientRequestToken);
  });
  const port = await listen(server, 0);
  client = new SecretsManagerClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}

async function value(stage: string): Promise<string | undefined> {
  return versions().value({ stage });
}

async function rotate(): Promise<string> {
  const { VersionId } = await client.send(new RotateSecretCommand({ SecretId: SECRET_ID }));
  return VersionId!;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-secrets-'));
});

afterEach(async () => {
  client?.destroy();
  if (server) await close(server);
  server = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe('rotating the signing key', () => {
  it('rotates the plain secret of an existing deployment into a keyed version, keeping its identity', async () => {
    await startEndpoint(PLAIN);

    const token = await rotate();

    const current = (await value('AWSCURRENT'))!;
    expect(await value('AWSPREVIOUS')).toBe(PLAIN);
    expect(secretKeys(current).identity).toEqual(Buffer.from(PLAIN));
    expect(secretKeys(current).link.kid).toMatch(/^[A-Za-z0-9_-]{8}$/);
    const { VersionIdsToStages } = await client.send(new DescribeSecretCommand({ SecretId: SECRET_ID }));
    expect(VersionIdsToStages).toEqual({ 'local-1': ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
  });

  it('lets a link signed before a rotation verify after it, and one signed after it verify at once', async () => {
    await startEndpoint(PLAIN);
    const secrets = new SecretsManagerSecrets(client, SECRET_ID, 300);
    const later = Math.floor(Date.now() / 1000) + 600;
    const before = signLink((await secrets.keys()).current, 'id-1', 'approvals', later);
    const stale = new SecretsManagerSecrets(client, SECRET_ID, 300);
    await stale.keys();

    await rotate();

    const fresh = new SecretsManagerSecrets(client, SECRET_ID, 300);
    const after = signLink((await fresh.keys()).current, 'id-1', 'approvals', later);
    expect(after.startsWith(`${(await fresh.keys()).current.kid}.`)).toBe(true);
    for (const reader of [fresh, stale]) {
      for (const sig of [before, after])
        await expect(verifyLinkSignature(reader, 'id-1', 'approvals', sig)).resolves.toEqual({
          expired: false,
        });
    }
    // The stale reader read the keys again for the link it did not know: it now signs with the new key too.
    expect((await stale.keys()).current.kid).toBe((await fresh.keys()).current.kid);
  });

  it('keeps the link of two rotations back out, and the identity through both', async () => {
    await startEndpoint(PLAIN);
    const plainLink = signLink(
      secretKeys(PLAIN).link,
      'id-1',
      'approvals',
      Math.floor(Date.now() / 1000) + 600,
    );

    await rotate();
    await rotate();

    const secrets = new SecretsManagerSecrets(client, SECRET_ID, 300);
    const ring = await secrets.keys();
    expect(ring.accepted).toHaveLength(2);
    expect(ring.identity).toEqual(Buffer.from(PLAIN));
    await expect(verifyLinkSignature(secrets, 'id-1', 'approvals', plainLink)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('makes each step safe to repeat: Secrets Manager retries a step that fails', async () => {
    await startEndpoint(PLAIN);
    failStep = 'testSecret';
    await expect(rotate()).rejects.toMatchObject({ name: 'StepFailed' });
    const token = Object.entries(store.stages()).find(([, stages]) => stages.includes('AWSPENDING'))![0];
    const pending = await versions().value({ versionId: token });

    for (const name of ROTATION_STEPS) {
      await step(name, token);
      await step(name, token);
    }

    expect(await versions().value({ versionId: token })).toBe(pending);
    expect(await value('AWSCURRENT')).toBe(pending);
    expect(await value('AWSPREVIOUS')).toBe(PLAIN);
    // A step for a version already current changes nothing.
    await step('createSecret', token);
    expect(await value('AWSCURRENT')).toBe(pending);
  });

  it('refuses in testSecret a pending version that would change the identity, and leaves the current one', async () => {
    await startEndpoint(PLAIN);
    store.startRotation('bad-token-0000000000000000000000000000');
    store.put(
      'bad-token-0000000000000000000000000000',
      JSON.stringify({
        format: 'concord-keys/1',
        identity: 'another-identity-0123456789abcdef',
        kid: 'k2',
        link: PLAIN,
      }),
      ['AWSPENDING'],
    );

    await step('createSecret', 'bad-token-0000000000000000000000000000');
    await expect(step('testSecret', 'bad-token-0000000000000000000000000000')).rejects.toThrow(
      new SigningSecretError('The pending version changes the identity key'),
    );

    expect(await value('AWSCURRENT')).toBe(PLAIN);
  });

  it('refuses a token that names no version, or a version not pending rotation', async () => {
    await startEndpoint(PLAIN);

    await expect(step('createSecret', 'no-such-version-000000000000000000000')).rejects.toBeInstanceOf(
      SigningSecretError,
    );
    store.put('other-version-00000000000000000000000', PLAIN, ['LABEL']);
    await expect(step('createSecret', 'other-version-00000000000000000000000')).rejects.toBeInstanceOf(
      SigningSecretError,
    );
  });
});

describe('the local Secrets Manager', () => {
  it('takes over a data directory from before rotation: its secret stays current, its old file goes', async () => {
    await startEndpoint(PLAIN);

    expect(await value('AWSCURRENT')).toBe(PLAIN);
    expect(existsSync(join(dataDir, 'link-signing.secret'))).toBe(false);
  });

  it('gives a new data directory a keyed version, and keeps versions and labels across restarts', async () => {
    await startEndpoint();
    const first = (await value('AWSCURRENT'))!;
    expect(secretKeys(first).link.kid).toBeDefined();
    await rotate();
    const rotated = await value('AWSCURRENT');
    client.destroy();
    await close(server!);

    await startEndpoint();

    expect(await value('AWSCURRENT')).toBe(rotated);
    expect(await value('AWSPREVIOUS')).toBe(first);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('answers a value with no version or no value as Secrets Manager does', async () => {
    await startEndpoint();
    store.startRotation('pending-0000000000000000000000000000000');

    await expect(
      client.send(new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: 'AWSPREVIOUS' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: 'AWSPENDING' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: 'another-secret' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
