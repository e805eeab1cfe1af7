import { createServer, type IncomingMessage, type Server } from 'node:http';

export type Operation = (input: Record<string, unknown>) => unknown;

const MAX_BODY = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('Request too large'), { name: 'ValidationException' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A server for the AWS JSON protocol (`X-Amz-Target: <Service>.<Operation>`), enough for the
 * SDK v3 clients of the emulated services. Errors answer 400 with `__type` set to their name.
 */
export function awsJsonServer(targetPrefix: string, operations: Readonly<Record<string, Operation>>): Server {
  return createServer((request, response) => {
    void (async () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(`${targetPrefix}.`)
        ? operations[target.slice(targetPrefix.length + 1)]
        : undefined;
      try {
        if (!operation)
          throw Object.assign(new Error(`Unsupported operation ${target}`), {
            name: 'UnknownOperationException',
          });
        const body = await readBody(request);
        const result = await operation(body ? (JSON.parse(body) as Record<string, unknown>) : {});
        response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(result ?? {}));
      } catch (error) {
        const { name, message } = error as Error;
        response.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: name, message }));
      }
    })();
  });
}
