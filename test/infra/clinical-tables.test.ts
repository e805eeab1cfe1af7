import * as packed from '../../functions/domain/clinical/clinical-tables-packed.js';
import { unpackJson } from '../../functions/shared/packed-json.js';
import { CLINICAL_TABLES } from '../../infra/clinical-tables.js';

describe('the packed clinical tables', () => {
  it('unpack to their sources (npm run clinical-tables)', () => {
    expect(Object.keys(packed).sort()).toEqual(Object.keys(CLINICAL_TABLES).sort());
    for (const [name, table] of Object.entries(CLINICAL_TABLES)) {
      expect(unpackJson(packed[name as keyof typeof packed])).toEqual(table);
    }
  });
});
