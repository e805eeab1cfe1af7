import { DynamoDirectory } from '../../../functions/adapters/dynamo-directory.js';
import { DynamoDirectoryWriter } from '../../../functions/adapters/dynamo-directory-writer.js';
import { DynamoPayerList } from '../../../functions/adapters/dynamo-payer-list.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import { payer } from '../../support/case-records.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';
import { specialist } from '../../support/specialists.js';

const TABLE = 'concord-payer-list-test';
let table: DynaliteTable;
let db: ItemClient;

beforeAll(async () => {
  table = await dynaliteTable(TABLE);
  db = new ItemClient(table.raw);
}, 30_000);

afterAll(async () => {
  await table?.close();
});

describe('DynamoPayerList', () => {
  it("lists every payer the directory writer stored, by id and name only, and nothing else's", async () => {
    // Arrange
    const writer = new DynamoDirectoryWriter(db, TABLE);
    const payers = Array.from({ length: 40 }, (_, i) => payer(`payer-${i}`, { name: `Payer ${i}` }));
    await Promise.all(payers.map((p) => writer.putPayer(p)));
    await writer.putSpecialist(specialist('s-1', { cancerTypes: ['breast'] }));
    await writer.putPayer({ ...payers[0]!, name: 'Payer 0, renamed' });

    // Act
    const listed = await new DynamoPayerList(db, TABLE).payers();

    // Assert
    expect(listed).toHaveLength(40);
    expect(listed).toEqual(
      expect.arrayContaining([
        { payerId: 'payer-0', name: 'Payer 0, renamed' },
        { payerId: 'payer-39', name: 'Payer 39' },
      ]),
    );
    expect(await new DynamoDirectory(db, TABLE).getPayer('payer-1')).toEqual(payers[1]);
  });
});
