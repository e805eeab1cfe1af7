import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const SUPPRESSION_PATH = '/v2/email/suppression/addresses';

/**
 * The SES emulator (aws-ses-v2-local) has no suppression list. This answers SESv2 PutSuppressedDestination
 * on its port, as AWS does (200, `{}`), and keeps the list in memory, readable at `GET /suppressed` as
 * `{ "addresses": [{ "emailAddress", "reason" }] }`; every other request goes to the emulator as before.
 */
export function withSuppressionList(server: Server): void {
  const listeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  const suppressed = new Map<string, string>();
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'PUT' && req.url === SUPPRESSION_PATH) {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const { EmailAddress, Reason } = JSON.parse(body || '{}') as {
          EmailAddress?: string;
          Reason?: string;
        };
        const ok = typeof EmailAddress === 'string' && (Reason === 'BOUNCE' || Reason === 'COMPLAINT');
        if (ok) suppressed.set(EmailAddress.toLowerCase(), Reason);
        res
          .writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json' })
          .end(ok ? '{}' : '{"message":"Bad request"}');
      });
      return;
    }
    if (req.method === 'GET' && req.url === '/suppressed') {
      const addresses = [...suppressed].map(([emailAddress, reason]) => ({ emailAddress, reason }));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ addresses }));
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}
