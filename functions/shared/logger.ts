/**
 * Structured logs: one JSON object per line on stdout, carrying IDs only (never names, emails, diagnoses or
 * record contents).
 *
 * Written by hand rather than with Powertools Logger, which does the same and more but costs ~21 KB and
 * 4–15 ms of cold import in every function (issue 8's budgets are 60 KB and 15 ms for all of our code).
 * Lambda's own advanced logging controls supply the rest: the JSON log format, and the level the function
 * is configured with (AWS_LAMBDA_LOG_LEVEL), which this honours. Lines go straight to stdout, as Powertools
 * writes them, so Lambda keeps each as the JSON object it is instead of wrapping it in a `message`.
 */

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 } as const;
type Level = keyof typeof LEVELS;
export type LogAttributes = Record<string, unknown>;

function configuredLevel(): number {
  const name = (process.env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase();
  return LEVELS[name as Level] ?? LEVELS.INFO;
}

/** Errors become their name, message and stack (JSON.stringify would give `{}`). */
function serializable(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

export class Logger {
  private keys: LogAttributes = {};

  constructor(private readonly service: string) {}

  /** Keys added to every later line until `resetKeys` (a case id, the request id). */
  appendKeys(keys: LogAttributes): void {
    Object.assign(this.keys, keys);
  }

  resetKeys(): void {
    this.keys = {};
  }

  debug(message: string, attributes?: LogAttributes): void {
    this.write('DEBUG', message, attributes);
  }

  info(message: string, attributes?: LogAttributes): void {
    this.write('INFO', message, attributes);
  }

  warn(message: string, attributes?: LogAttributes): void {
    this.write('WARN', message, attributes);
  }

  error(message: string, attributes?: LogAttributes): void {
    this.write('ERROR', message, attributes);
  }

  private write(level: Level, message: string, attributes: LogAttributes = {}): void {
    if (LEVELS[level] < configuredLevel()) return;
    const line = {
      timestamp: new Date().toISOString(),
      level,
      service: this.service,
      message,
      ...this.keys,
      ...attributes,
    };
    process.stdout.write(`${JSON.stringify(line, serializable)}\n`);
  }
}

export const logger = new Logger('concord');
