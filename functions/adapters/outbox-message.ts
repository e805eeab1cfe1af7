import type { OutboxMessage, OutgoingEmail } from '../domain/ports.js';

/**
 * A message named ahead of its send: `sent` is the read already under way, and `send` hands its answer on, so
 * the outbox does not look again.
 */
export function outboxMessage(
  sent: Promise<boolean>,
  send: (email: OutgoingEmail, sent: boolean) => Promise<boolean>,
): OutboxMessage {
  // A caller that stops before sending (a failed write beside the read) leaves no unhandled rejection.
  sent.catch(() => undefined);
  return { wasSent: () => sent, send: async (email) => send(email, await sent) };
}
