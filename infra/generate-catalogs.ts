/**
 * `npm run catalogs`: checks the message catalogs (every language has English's ids, each message the same
 * arguments) and writes functions/views/i18n/catalogs.ts, the parsed messages the functions format, so no
 * function bundles the ICU parser. test/unit/views/catalogs.test.ts fails when the file is out of step.
 */
import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { CATALOGS_MODULE, catalogsModuleSource, checkCatalogs, readSourceCatalogs } from './catalogs.js';

const { parsed, problems } = checkCatalogs(readSourceCatalogs());
if (problems.length) {
  process.stderr.write(`The catalogs have problems:\n${problems.map((p) => `  ${p}\n`).join('')}`);
  process.exit(1);
}
const options = (await prettier.resolveConfig(CATALOGS_MODULE)) ?? {};
const source = await prettier.format(catalogsModuleSource(parsed), { ...options, filepath: CATALOGS_MODULE });
writeFileSync(CATALOGS_MODULE, source);
process.stdout.write(`${CATALOGS_MODULE}: written\n`);
