/**
 * Writes workflows/second-opinion.asl.json from its description, workflows/second-opinion.ts (`npm run asl`).
 * The JSON stays the one definition both places run, readable in Workflow Studio;
 * test/workflows/asl-generated.test.ts fails when it is out of step.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { SECOND_OPINION } from '../workflows/second-opinion.js';
import { ASL_PATH } from './routes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const path = join(root, ASL_PATH);

/** The file's text: the description as JSON, formatted as the repository formats JSON. */
export async function aslText(): Promise<string> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(JSON.stringify(SECOND_OPINION, null, 2), { ...options, filepath: path });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(path, await aslText());
  process.stdout.write(`${path}: written\n`);
}
