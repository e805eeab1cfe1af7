import { readFile } from 'node:fs/promises';
import type { DynamoDirectoryWriter } from '../../functions/adapters/dynamo-directory-writer.js';
import { SeedFileSchema, type SeedFile } from '../../functions/schemas/directory.js';
import { parseOrThrow } from '../../functions/shared/validation.js';

export const DEMO_SEED_FILE = new URL('./demo-seed.json', import.meta.url).pathname;

/** A seed file, read and validated whole (the directory, and the local identity provider's staff). */
export async function readSeedFile(file: string): Promise<SeedFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read seed file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseOrThrow(SeedFileSchema, raw, `seed file ${file}`);
}

/** Loads a directory seed file: validated whole before anything is written, then upserted by id. */
export async function loadSeed(
  file: string,
  directory: DynamoDirectoryWriter,
): Promise<{ payers: number; specialists: number }> {
  const seed = await readSeedFile(file);
  for (const payer of seed.payers) await directory.putPayer(payer);
  for (const specialist of seed.specialists) await directory.putSpecialist(specialist);
  return { payers: seed.payers.length, specialists: seed.specialists.length };
}
