import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../../functions/adapters/ses-mailer.js';

/** A client that answers every command at once and keeps what it was asked. */
function recordingClient() {
  const inputs: unknown[] = [];
  const client = new SESv2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  client.middlewareStack.add(
    () => async (args) => {
      inputs.push(args.input);
      return { output: { $metadata: {} } as never, response: {} };
    },
    { step: 'initialize', name: 'answerAtOnce' },
  );
  return { client, inputs };
}

describe('SesMailer', () => {
  it('tags an email about a case with its id, so a bounce finds the case, and an email about none with nothing', async () => {
    // Arrange
    const { client, inputs } = recordingClient();
    const mailer = new SesMailer(client, 'no-reply@concord.local');
    const email = { to: ['ana@example.org'], subject: 'S', text: 'T', html: '<p>T</p>' };

    // Act
    await mailer.send({ ...email, caseId: '3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f' });
    await mailer.send(email);

    // Assert
    expect(inputs[0]).toMatchObject({
      EmailTags: [{ Name: 'case', Value: '3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f' }],
    });
    expect(inputs[1]).not.toHaveProperty('EmailTags');
  });
});
