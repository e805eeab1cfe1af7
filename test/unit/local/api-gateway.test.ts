import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGateway } from '../../../infra/local/api-gateway.js';
import { close, listen } from '../../../infra/local/servers.js';

const ELEVEN_MB = 11 * 1024 * 1024;

let server: Server;
let port: number;
const invoked: string[] = [];

beforeAll(async () => {
  server = apiGateway(
    [
      { method: 'GET', path: '/health', handler: 'health' },
      { method: 'POST', path: '/cases', handler: 'create-case' },
    ],
    async (handler): Promise<APIGatewayProxyResult> => {
      invoked.push(handler);
      return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"status":"ok"}' };
    },
  );
  port = await listen(server, 0);
});

afterAll(async () => {
  await close(server);
});

/** The body of a chunked message, once all of it is in `raw`; undefined before. */
function dechunk(raw: Buffer): string | undefined {
  const parts: Buffer[] = [];
  for (let at = 0; ;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return raw.length >= lineEnd + 4 ? Buffer.concat(parts).toString('utf8') : undefined;
    if (raw.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** Reads one HTTP response from the socket: its head and its body (by Content-Length, or chunked). */
function readResponse(socket: Socket): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((done, fail) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffered.subarray(0, end).toString('latin1');
      const rest = buffered.subarray(end + 4);
      const length = /content-length:\s*(\d+)/i.exec(head)?.[1];
      const body =
        length === undefined
          ? dechunk(rest)
          : rest.length >= Number(length)
            ? rest.toString('utf8')
            : undefined;
      if (body === undefined) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      done({ status: Number(head.split(' ')[1]), headers: head, body });
    };
    const onClose = () => fail(new Error('The connection closed before a response'));
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

describe('the local API gateway', () => {
  it('answers a body over 10 MB with 413 and keeps the keep-alive connection usable for the next request', async () => {
    // Arrange
    const socket = connect(port, '127.0.0.1');
    await new Promise((done) => socket.once('connect', done));
    socket.on('error', () => undefined);

    // Act: an oversized intake, then a health check on the same connection
    socket.write(
      `POST /cases HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${ELEVEN_MB}\r\nConnection: keep-alive\r\n\r\n`,
    );
    socket.write(Buffer.alloc(ELEVEN_MB, 0x20));
    const tooLarge = await readResponse(socket);
    socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
    const health = await readResponse(socket);
    socket.destroy();

    // Assert
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(health.status).toBe(200);
    expect(health.body).toBe('{"status":"ok"}');
    expect(invoked).toEqual(['health']);
  });
});
