import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Records kept on disk by key. The file is a log, one JSON record per line, the last line of a key winning:
 * a change appends one line. (Rewriting every record on every change, as the executions file once did, cost
 * O(records) per change: measured, the 5,000th batch of 500 executions took 24 s of the stack's one thread,
 * the first 1.5 s.) Opening compacts the log to one line per key. A line torn by a crash mid-append is the
 * last one and is skipped: that key is as its previous line left it. A file in the executions' earlier
 * format (one JSON array) is read as well. `keep` says which records stay, in memory and in the file: a
 * record it drops is written (a crash right after still knows it) and forgotten at the next compaction.
 */
export class KeyedLog<T> {
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly file: string,
    private readonly keyOf: (record: T) => string,
    private readonly keep: (record: T) => boolean = () => true,
  ) {
    if (!existsSync(file)) return;
    for (const record of readRecords<T>(readFileSync(file, 'utf8'))) this.remember(record);
    this.compact();
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  values(): T[] {
    return [...this.byKey.values()];
  }

  put(record: T): void {
    this.remember(record);
    appendFileSync(this.file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  }

  private remember(record: T): void {
    const key = this.keyOf(record);
    if (this.keep(record)) this.byKey.set(key, record);
    else this.byKey.delete(key);
  }

  private compact(): void {
    // Write then rename, so a crash mid-write never leaves a torn file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(
      tmp,
      this.values()
        .map((record) => `${JSON.stringify(record)}\n`)
        .join(''),
      { mode: 0o600 },
    );
    renameSync(tmp, this.file);
  }
}

function readRecords<T>(text: string): T[] {
  if (text.trimStart().startsWith('[')) return JSON.parse(text) as T[];
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.flatMap((line, index) => {
    try {
      return [JSON.parse(line) as T];
    } catch (error) {
      // Only the last line can be torn (by a crash mid-append); damage anywhere else is not ours to guess at.
      if (index === lines.length - 1) return [];
      throw error;
    }
  });
}
