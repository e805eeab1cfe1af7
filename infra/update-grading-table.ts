/** Rewrites the grading table in README.md from the grading rules (`npm run grading-table`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withGradingTable } from './grading-table.js';

const readmePath = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = await withGradingTable(readme, readmePath);
if (updated !== readme) writeFileSync(readmePath, updated);
process.stdout.write(
  `${readmePath}: the grading table ${updated === readme ? 'is up to date' : 'was updated'}\n`,
);
