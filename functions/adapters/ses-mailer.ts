import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail } from '../domain/ports.js';

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
  ) {}

  async send(email: OutgoingEmail): Promise<void> {
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: email.to },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              Html: { Data: email.html, Charset: 'UTF-8' },
            },
            Attachments: email.attachments?.map((attachment) => ({
              FileName: attachment.fileName,
              ContentType: attachment.contentType,
              ContentDisposition: 'ATTACHMENT',
              RawContent: Buffer.from(attachment.content, 'utf8'),
            })),
          },
        },
      }),
    );
  }
}
