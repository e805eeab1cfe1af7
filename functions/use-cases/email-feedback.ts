import { contactWithAddress } from '../domain/contacts.js';
import type { CaseStore, Outbox, Suppressions } from '../domain/ports.js';
import type { EmailFeedback } from '../schemas/email-feedback.js';
import { logger } from '../shared/logger.js';
import { undeliverableAlertEmail } from '../views/emails/coordinator.js';

export interface EmailFeedbackPorts {
  cases: CaseStore;
  outbox: Outbox;
  suppressions: Suppressions;
  settings: { coordinatorEmail: string };
}

/** The addresses an event says to stop writing to: a permanent bounce's, or a complaint's. */
function undeliverableAddresses({ detail }: EmailFeedback): {
  addresses: string[];
  reason: 'BOUNCE' | 'COMPLAINT';
} {
  if (detail.eventType === 'Complaint')
    return {
      addresses: (detail.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress),
      reason: 'COMPLAINT',
    };
  // A transient bounce (a full mailbox, a slow server) may clear: SES retries it, and so does not this.
  if (detail.bounce?.bounceType !== 'Permanent') return { addresses: [], reason: 'BOUNCE' };
  return { addresses: detail.bounce.bouncedRecipients.map((r) => r.emailAddress), reason: 'BOUNCE' };
}

/**
 * A bounce or complaint (SES, through EventBridge): the address goes on the account's suppression list, and
 * when the message named its case (its `case` tag) and the address is a contact of that case, the contact is
 * marked undeliverable (nothing more is sent to it) and the coordinator is told, once per contact. Logs and
 * the alert name the case and the contact's role, never the address.
 */
export async function handleEmailFeedback(event: EmailFeedback, ports: EmailFeedbackPorts): Promise<void> {
  const { addresses, reason } = undeliverableAddresses(event);
  const caseId = event.detail.mail.tags?.case?.[0];
  for (const address of addresses) {
    await ports.suppressions.suppress(address, reason);
    const record = caseId ? await ports.cases.get(caseId) : undefined;
    const contact = record && contactWithAddress(record.intake, address);
    if (!record || !contact) {
      logger.warn('Email feedback for no contact of a case', { caseId, reason });
      continue;
    }
    const undeliverable = [...new Set([...(record.undeliverable ?? []), contact.role])];
    await ports.cases.recordStep(
      record.caseId,
      `undeliverable:${contact.role}`,
      { undeliverable },
      { type: 'contact-undeliverable', detail: `${contact.role}: ${reason.toLowerCase()}`, actor: 'concord' },
      record,
    );
    await ports.outbox.sendOnce(
      record.caseId,
      `undeliverable:${contact.role}`,
      undeliverableAlertEmail(ports.settings.coordinatorEmail, record.caseId, contact.role, reason),
    );
  }
}
