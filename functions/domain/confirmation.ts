/**
 * Confirmation (issue 20 §3): an intake waits, stored, until the person who submitted it confirms their own
 * address from the link emailed to them; only then does anyone else hear of it. Unconfirmed, it expires.
 */

/** The step key (and timeline event suffix) of the confirmation. */
export const CONFIRMED_STEP = 'confirmed';
/** The purpose a confirmation link is signed for. */
export const CONFIRMATION_PURPOSE = 'confirmation';
/** The outbox keys of what goes out before confirmation: only the confirmation email itself. */
export const CONFIRMATION_MESSAGE = 'confirmation';
/** The quota of intakes per submitter address per day. */
export const INTAKE_QUOTA = 'intake';
