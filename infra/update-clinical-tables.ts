/** Rewrites functions/domain/clinical/clinical-tables-packed.ts from its sources (`npm run clinical-tables`). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clinicalTablesModule } from './clinical-tables.js';

const path = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  'functions/domain/clinical/clinical-tables-packed.ts',
);
const module = clinicalTablesModule();
const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
if (module !== current) writeFileSync(path, module);
process.stdout.write(`${path}: ${module === current ? 'up to date' : 'written'}\n`);
