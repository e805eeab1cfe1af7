/** The single table's keys (DESIGN.md §4), shared by the CDK stack and the local bootstrap. */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /**
   * Work queues on the CASE item, by partition: QUEUE#open and QUEUE#finished (the console's queue), and
   * QUEUE#unconfirmed (intakes waiting for their submitter, by expiry, for the sweeper that deletes them).
   */
  gsi2: { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Epoch seconds after which DynamoDB may delete an item (idempotency claims). */
  ttlAttribute: 'expiresAt',
} as const;

/** Every global secondary index of the table, each projecting ALL. */
export const TABLE_INDEXES = [TABLE_KEYS.gsi1, TABLE_KEYS.gsi2] as const;
