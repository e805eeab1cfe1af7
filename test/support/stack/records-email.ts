import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { singleLinkIn, type SesEmail, type StackHandle } from './inbox.js';

/** The local stack's records bucket (infra/local/stack.ts). */
export const RECORDS_BUCKET = 'concord-records';

/** The first records request of a case (not a reminder), optionally to one address. */
export const isRecordsRequest =
  (caseId: string, to?: string) =>
  (email: SesEmail): boolean =>
    email.subject.startsWith(`Records needed: case ${caseId}`) &&
    !/reminder/i.test(email.subject) &&
    (to === undefined || email.destination.to.includes(to));

/** Reminder `n` of a case's records request. */
export const isRecordsReminder =
  (caseId: string, n: number) =>
  (email: SesEmail): boolean =>
    email.subject === `Records needed: case ${caseId} — reminder ${n}`;

/** Every records email of a case, first request and reminders. */
export const isAnyRecordsEmail =
  (caseId: string) =>
  (email: SesEmail): boolean =>
    email.subject.startsWith(`Records needed: case ${caseId}`);

/** The single upload link in an email (`<api>/uploads/<id>?sig=…`), the same in its text and HTML parts. */
export function uploadLinkIn(stack: StackHandle, email: SesEmail): string {
  return singleLinkIn(stack, email, 'uploads', 'upload');
}

/** The "Still missing: …" line of a records email, or undefined. */
export const stillMissing = (email: SesEmail): string | undefined =>
  /Still missing: [^\n]*/.exec(email.body.text ?? '')?.[0];

/** Whether an object is in the stack's records bucket (HEAD, straight to the emulator). */
export async function objectExists(stack: { urls: { s3: string } }, key: string): Promise<boolean> {
  const s3 = new S3Client({
    endpoint: stack.urls.s3,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  try {
    await s3.send(new HeadObjectCommand({ Bucket: RECORDS_BUCKET, Key: key }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFound') return false;
    throw error;
  } finally {
    s3.destroy();
  }
}
