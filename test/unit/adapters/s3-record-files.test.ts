import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { S3RecordFiles } from '../../../functions/adapters/s3-record-files.js';
import { checkRecord } from '../../../functions/domain/record-checks/check-record.js';
import { ObjectChangedError } from '../../../functions/shared/errors.js';
import { FILES } from '../../support/files.js';
import { HOSTILE_ZIP, cleanPdf } from '../../support/hostile-files.js';

const BUCKET = 'concord-records-test';
const KEY = 'cases/4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c4f/records/imaging/0b6e2a77-51c4-4d0e-8f3a-9d2c1b0a7e65';
const REDIRECT = 'http://127.0.0.1:3000/uploads/6r5vaDKjZzpHd8XuzZlyXU?sig=1796595204.lRpi0OKd3epl0sEpk9qSaU';
const NOW = new Date('2026-11-24T12:00:00.000Z');

let dataDir: string;
let server: S3rver;
let endpoint: string;
let s3: S3Client;
let files: S3RecordFiles;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-s3-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', directory: dataDir, silent: true });
  const { port } = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client(s3Options());
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  files = new S3RecordFiles(s3, BUCKET);
});

function s3Options(): S3ClientConfig {
  return {
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

afterAll(async () => {
  s3?.destroy();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  jest.useRealTimers();
});

/** Freezes Date only (the SDK signs with `new Date()`), leaving every timer real. */
function freezeClock(): void {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

async function objectBytes(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

describe('presignPut', () => {
  it('is a SigV4 query-signed PUT URL for the key, expiring as asked, signing content-type and content-length', async () => {
    // Act
    const url = new URL(await files.presignPut(KEY, 'application/pdf', 1_234, 900));

    // Assert
    expect(url.origin).toBe(endpoint);
    expect(decodeURIComponent(url.pathname)).toBe(`/${BUCKET}/${KEY}`);
    const query = url.searchParams;
    expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(query.get('X-Amz-Expires')).toBe('900');
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const signed = query.get('X-Amz-SignedHeaders')!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-type', 'content-length', 'host']));
    // The values travel as headers, bound by the signature, not as query parameters anyone could edit.
    expect(query.has('Content-Type')).toBe(false);
    expect(query.has('Content-Length')).toBe(false);
  });

  it('binds the signature to the type, the size and the expiry', async () => {
    // Arrange
    freezeClock();
    const signatureOf = async (contentType: string, sizeBytes: number, seconds: number) =>
      new URL(await files.presignPut(KEY, contentType, sizeBytes, seconds)).searchParams.get(
        'X-Amz-Signature',
      );

    // Act
    const base = await signatureOf('application/pdf', 1_234, 900);
    const again = await signatureOf('application/pdf', 1_234, 900);
    const otherSize = await signatureOf('application/pdf', 1_235, 900);
    const otherType = await signatureOf('image/png', 1_234, 900);
    const otherExpiry = await signatureOf('application/pdf', 1_234, 901);

    // Assert
    expect(again).toBe(base);
    expect(new Set([base, otherSize, otherType, otherExpiry]).size).toBe(4);
  });

  it('takes a plain HTTP PUT with the announced headers, and the file lands under the key', async () => {
    // Arrange
    const content = FILES.pdf();
    const url = await files.presignPut(KEY, 'application/pdf', content.length, 900);

    // Act
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf', 'Content-Length': String(content.length) },
      body: new Uint8Array(content),
    });

    // Assert
    expect(response.status).toBe(200);
    expect(await objectBytes(KEY)).toEqual(content);
  });
});

describe('presignForm', () => {
  const MAX = 5_000;

  it('posts to the bucket with the key, the redirect and a signed policy', async () => {
    // Act
    const form = await files.presignForm(KEY, MAX, 900, REDIRECT);

    // Assert
    expect(form.url).toBe(`${endpoint}/${BUCKET}`);
    expect(form.fields).toMatchObject({
      key: KEY,
      success_action_redirect: REDIRECT,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': expect.stringMatching(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/),
      'X-Amz-Date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
      Policy: expect.any(String),
    });
  });

  it('limits the size to 1 byte up to the maximum, pins the redirect and the key, and expires as asked', async () => {
    // Act
    const form = await files.presignForm(KEY, MAX, 900, REDIRECT);

    // Assert
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    const signedAt = form.fields['X-Amz-Date']!.replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    );
    expect(Date.parse(policy.expiration) - Date.parse(signedAt)).toBe(900_000);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, MAX],
        ['eq', '$success_action_redirect', REDIRECT],
        { key: KEY },
        { bucket: BUCKET },
      ]),
    );
    // No starts-with on the key: the form uploads to exactly one object.
    expect(JSON.stringify(policy.conditions)).not.toMatch(/starts-with/);
  });

  it('takes a multipart POST of the fields and a file, and redirects back (303) to the page', async () => {
    // Arrange
    const key = KEY.replace('/imaging/', '/lab-results/');
    const form = await files.presignForm(key, MAX, 900, REDIRECT);
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append('file', new Blob([new Uint8Array(FILES.text())], { type: 'text/plain' }), 'labs.txt');

    // Act
    const response = await fetch(form.url, { method: 'POST', body, redirect: 'manual' });

    // Assert
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT.split('?')[0]);
    expect(location.searchParams.get('sig')).toBe(new URL(REDIRECT).searchParams.get('sig'));
    expect(await objectBytes(key)).toEqual(FILES.text());
  });
});

describe('presignGet and remove', () => {
  const put = (key: string, content: Buffer, contentType?: string) =>
    s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: content, ContentType: contentType }));

  it('serves the file as an attachment under the name and type given, not as stored, and uncached', async () => {
    // Arrange: stored as the uploader announced it
    const key = `${KEY}-download`;
    await put(key, FILES.pdf(), 'text/html');

    // Act
    const url = await files.presignGet(
      key,
      { fileName: 'pathology-report-abc.pdf', contentType: 'application/pdf' },
      300,
    );
    const response = await fetch(url);

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="pathology-report-abc.pdf"',
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(FILES.pdf());
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('keeps a name that is not plain ASCII within its quotes', async () => {
    const url = new URL(
      await files.presignGet(
        KEY,
        { fileName: 'a"; filename=x.html\u202e.pdf', contentType: 'application/pdf' },
        60,
      ),
    );

    expect(url.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="a___filename_x.html_.pdf"',
    );
  });

  it('removes an object, after which open finds nothing', async () => {
    // Arrange
    const key = `${KEY}-doomed`;
    await put(key, FILES.windowsExe());

    // Act
    await files.remove(key);

    // Assert
    expect(await files.open(key)).toBeUndefined();
  });
});

describe('open: ranged reads', () => {
  const put = (key: string, content: Uint8Array) =>
    s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: content }));
  const content = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 13) % 256));

  it('answers the stored size, and any range of the bytes', async () => {
    // Arrange
    const key = `${KEY}-ranged`;
    await put(key, content);

    // Act
    const source = (await files.open(key))!;

    // Assert
    expect(source.size).toBe(content.length);
    expect(Buffer.from(await source.read(0, 10))).toEqual(content.subarray(0, 10));
    expect(Buffer.from(await source.read(12_345, 20_000))).toEqual(content.subarray(12_345, 32_345));
    expect(Buffer.from(await source.read(49_990, 100))).toEqual(content.subarray(49_990));
    expect(await source.read(50_000, 10)).toHaveLength(0);
  });

  it('answers size 0 and no bytes for an empty object', async () => {
    // Arrange
    const key = `${KEY}-open-empty`;
    await put(key, new Uint8Array());

    // Act
    const source = (await files.open(key))!;

    // Assert
    expect(source.size).toBe(0);
    expect(await source.read(0, 100)).toHaveLength(0);
  });

  it('answers undefined for an object that is not there', async () => {
    expect(await files.open(`${KEY}-open-missing`)).toBeUndefined();
  });

  it('fails a read once the object was replaced, rather than mix two files\u2019 bytes', async () => {
    // Arrange
    const key = `${KEY}-replaced`;
    await put(key, content);
    const source = (await files.open(key))!;
    await source.read(0, 100);
    await put(key, Buffer.concat([content, Buffer.from('appended')]));

    // Act / Assert
    await expect(source.read(100, 100)).rejects.toThrow(ObjectChangedError);
  });

  it('pins every read to the version it opened: If-Match its ETag, or the version asked for', async () => {
    // Arrange
    const key = `${KEY}-pinned`;
    const { ETag } = await put(key, content);
    const seen: Array<{ ifMatch?: string; versionId?: string }> = [];
    const client = new S3Client(s3Options());
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as { headers: Record<string, string>; query: Record<string, string> };
        if (context.commandName === 'GetObjectCommand') {
          seen.push({ ifMatch: request.headers['if-match'], versionId: request.query.versionId });
        }
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const pinned = new S3RecordFiles(client, BUCKET);

    // Act
    await (await pinned.open(key))!.read(0, 10);
    await (await pinned.open(key, 'null'))!.read(0, 10).catch(() => undefined);
    client.destroy();

    // Assert
    expect(seen).toEqual([
      { ifMatch: ETag, versionId: undefined },
      { ifMatch: undefined, versionId: 'null' },
    ]);
  });

  it('takes S3\u2019s refusal of a changed object (412 PreconditionFailed) for the change it is', async () => {
    // Arrange
    const key = `${KEY}-precondition`;
    await put(key, content);
    const client = new S3Client(s3Options());
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'GetObjectCommand') return next(args);
        throw Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
          name: 'PreconditionFailed',
        });
      },
      { step: 'initialize' },
    );

    // Act
    const source = (await new S3RecordFiles(client, BUCKET).open(key))!;

    // Assert
    await expect(source.read(0, 10)).rejects.toThrow(ObjectChangedError);
    client.destroy();
  });

  it('gives the record checks what they need: a hostile ZIP in the bucket is refused, a clean PDF accepted', async () => {
    // Arrange
    await put(`${KEY}-hostile`, HOSTILE_ZIP.withExecutable());
    await put(`${KEY}-clean`, await cleanPdf());

    // Act
    const hostile = await checkRecord((await files.open(`${KEY}-hostile`))!);
    const clean = await checkRecord((await files.open(`${KEY}-clean`))!);

    // Assert
    expect(hostile).toMatchObject({ accepted: false, code: 'executable', member: 'scan-2.jpg' });
    expect(clean).toEqual({ accepted: true, kind: 'pdf', mime: 'application/pdf', extension: 'pdf' });
  });
});
