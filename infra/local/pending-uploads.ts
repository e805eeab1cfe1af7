import { randomUUID } from 'node:crypto';
import type { S3Event } from 'aws-lambda';
import { KeyedLog } from './keyed-log.js';

export interface UploadNotification {
  id: string;
  event: S3Event;
  delivered?: true;
}

/**
 * The bucket's ObjectCreated notifications not yet handled, kept on disk as Lambda keeps an asynchronous
 * invocation until it succeeds (and then in its dead-letter queue): one whose handler ran out of attempts,
 * or that a hard kill of the stack cut short, is delivered again on the next start. Handled ones are dropped
 * when the file is next compacted. What is lost is only a notification still in transit from the emulators'
 * thread when the process dies.
 */
export class PendingUploads extends KeyedLog<UploadNotification> {
  constructor(file: string) {
    super(
      file,
      (notification) => notification.id,
      (notification) => !notification.delivered,
    );
  }

  add(event: S3Event): UploadNotification {
    const notification = { id: randomUUID(), event };
    this.put(notification);
    return notification;
  }

  delivered({ id, event }: UploadNotification): void {
    this.put({ id, event, delivered: true });
  }
}
