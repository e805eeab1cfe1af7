import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_IDS } from '../../functions/domain/clinical/rules.js';
import { gradingTable, withGradingTable } from '../../infra/grading-table.js';

const README = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'README.md');

describe('the README grading table', () => {
  it('has a row per grading rule, with its dimension, level, what it detects and its source', () => {
    const rows = gradingTable().slice(2);

    expect(rows).toHaveLength(RULE_IDS.length);
    expect(rows[0]).toMatch(
      /^\| `not-cancer` \| diagnosis \| major \| One opinion finds cancer .* \| Kronz /,
    );
    expect(rows.find((row) => row.includes('`grade-tier`'))).toContain('grade group 1 \\| 2 \\| 3 \\| 4-5');
  });

  it('is in step with the rules (npm run grading-table)', async () => {
    const readme = readFileSync(README, 'utf8');

    expect(await withGradingTable(readme, README)).toBe(readme);
  });
});
