/**
 * Rewrites the state-machine diagram in README.md from the ASL (`npm run diagram`). The README
 * keeps the diagram between the lines `<!-- asl-diagram:start -->` and `<!-- asl-diagram:end -->`.
 * An argument names another Markdown file to update instead (e.g. a scratch copy).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aslToMermaid, updateReadmeDiagram } from './asl-diagram.js';
import { ASL_PATH } from './routes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = resolve(process.argv[2] ?? join(root, 'README.md'));

const diagram = aslToMermaid(JSON.parse(readFileSync(join(root, ASL_PATH), 'utf8')));
const readme = readFileSync(readmePath, 'utf8');
const updated = updateReadmeDiagram(readme, diagram);
if (updated === readme) {
  process.stdout.write(`${readmePath}: the diagram of ${ASL_PATH} is up to date\n`);
} else {
  writeFileSync(readmePath, updated);
  process.stdout.write(`${readmePath}: the diagram of ${ASL_PATH} was updated\n`);
}
