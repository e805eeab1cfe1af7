/** The single table's keys (DESIGN.md §4), shared by the CDK stack and the local bootstrap. */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Epoch seconds after which DynamoDB may delete an item (idempotency claims). */
  ttlAttribute: 'expiresAt',
} as const;
