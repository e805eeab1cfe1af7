import { PutSuppressedDestinationCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Suppressions } from '../domain/ports.js';

/** The SES account-level suppression list (SESv2 PutSuppressedDestination; adding an address again is harmless). */
export class Sesv2Suppressions implements Suppressions {
  constructor(private readonly ses: SESv2Client) {}

  async suppress(address: string, reason: 'BOUNCE' | 'COMPLAINT'): Promise<void> {
    await this.ses.send(new PutSuppressedDestinationCommand({ EmailAddress: address, Reason: reason }));
  }
}
