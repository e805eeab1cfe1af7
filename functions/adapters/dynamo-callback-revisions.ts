import type { CallbackRevisions } from '../domain/ports.js';
import { DynamoCallbackStore } from './dynamo-callback-store.js';

/** A coordinator's revisions of a pending callback: a re-send counted, a deadline moved. Each is a conditional write. */
export class DynamoCallbackRevisions extends DynamoCallbackStore implements CallbackRevisions {
  async countResend(callbackId: string, resends: number): Promise<boolean> {
    const item = await this.conditionalUpdate(
      callbackId,
      'SET resends = :next',
      { ':next': resends + 1, ':seen': resends },
      resends === 0 ? '(attribute_not_exists(resends) OR resends = :seen)' : 'resends = :seen',
    );
    return item !== undefined;
  }

  async extend(callbackId: string, deadline: number): Promise<boolean> {
    const item = await this.conditionalUpdate(
      callbackId,
      'SET deadline = :deadline, dueAt = :dueAt',
      { ':deadline': deadline, ':dueAt': new Date(deadline * 1000).toISOString() },
      '(attribute_not_exists(deadline) OR deadline < :deadline)',
    );
    return item !== undefined;
  }
}
