import * as z from 'zod/mini';

/** Longest wait any timer may have: a day under the local runner's setTimeout ceiling (2^31 ms ≈ 24.8 days). */
export const MAX_WAIT_SECONDS = 24 * 24 * 60 * 60;

const seconds = (fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_WAIT_SECONDS)), fallback);

const EnvSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    CONCORD_TABLE_NAME: z.optional(z.string()),
    CONCORD_RECORDS_BUCKET: z.optional(z.string()),
    CONCORD_STATE_MACHINE_ARN: z.optional(z.string()),
    CONCORD_SECRET_ID: z._default(z.string(), 'concord/link-signing'),
    CONCORD_PUBLIC_URL: z._default(z.url(), 'http://127.0.0.1:3000'),
    CONCORD_COORDINATOR_EMAIL: z._default(z.email(), 'coordinator@concord.local'),
    CONCORD_SENDER_EMAIL: z._default(z.email(), 'no-reply@concord.local'),
    CONCORD_S3_FORCE_PATH_STYLE: z._default(z.enum(['true', 'false']), 'false'),
    CONCORD_IDEMPOTENCY_TTL_SECONDS: seconds(24 * 60 * 60),
    CONCORD_APPROVAL_TIMEOUT_SECONDS: seconds(48 * 60 * 60),
    CONCORD_PRIOR_AUTH_EXPEDITED_SECONDS: seconds(72 * 60 * 60),
    CONCORD_PRIOR_AUTH_ROUTINE_SECONDS: seconds(7 * 24 * 60 * 60),
    CONCORD_RECORDS_REMINDER_SECONDS: seconds(3 * 24 * 60 * 60),
    CONCORD_RECORDS_REMINDERS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10)), 3),
    CONCORD_RECORD_MAX_BYTES: z._default(
      z.coerce.number().check(z.int(), z.minimum(1), z.maximum(5 * 1024 ** 3)),
      200 * 1024 * 1024,
    ),
    CONCORD_UPLOAD_URL_SECONDS: z._default(
      z.coerce.number().check(z.int(), z.minimum(60), z.maximum(7 * 24 * 3600)),
      15 * 60,
    ),
    CONCORD_APPROVAL_REMINDERS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10)), 2),
    CONCORD_OPINION_SLA_SECONDS: seconds(7 * 24 * 60 * 60),
    CONCORD_OPINION_REMINDERS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10)), 1),
    CONCORD_DOWNLOAD_URL_SECONDS: z._default(
      z.coerce.number().check(z.int(), z.minimum(30), z.maximum(3600)),
      5 * 60,
    ),
    CONCORD_REPORT_LINK_SECONDS: z._default(
      z.coerce.number().check(z.int(), z.minimum(60), z.maximum(365 * 24 * 3600)),
      90 * 24 * 60 * 60,
    ),
    // Every opinion counts, the first included; a fifth is never sought.
    CONCORD_MAX_OPINIONS: z._default(z.coerce.number().check(z.int(), z.minimum(2), z.maximum(4)), 3),
  }),
);

export interface Config {
  tableName?: string;
  recordsBucket?: string;
  stateMachineArn?: string;
  secretId: string;
  publicUrl: string;
  coordinatorEmail: string;
  senderEmail: string;
  s3ForcePathStyle: boolean;
  idempotencyTtlSeconds: number;
  /** How long an approval waits before each reminder, and after the last one. */
  approvalTimeoutSeconds: number;
  approvalReminders: number;
  /** The CMS-0057-F prior-authorization clock, by urgency. */
  priorAuthExpeditedSeconds: number;
  priorAuthRoutineSeconds: number;
  /** Records: how long before each reminder, how many reminders, the per-file limit, upload-link lifetime. */
  recordsReminderSeconds: number;
  recordsReminders: number;
  recordMaxBytes: number;
  uploadUrlSeconds: number;
  /** A specialist's time for an opinion before each reminder, and after the last (then: rematch). */
  opinionSlaSeconds: number;
  opinionReminders: number;
  /** How long a record's download link in the case packet works. */
  downloadUrlSeconds: number;
  /** How long the emailed link to the final report works. */
  reportLinkSeconds: number;
  /** The opinion cap, the first opinion included (2–4). */
  maxOpinions: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new ConfigError(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  return {
    tableName: e.CONCORD_TABLE_NAME,
    recordsBucket: e.CONCORD_RECORDS_BUCKET,
    stateMachineArn: e.CONCORD_STATE_MACHINE_ARN,
    secretId: e.CONCORD_SECRET_ID,
    publicUrl: e.CONCORD_PUBLIC_URL.replace(/\/+$/, ''),
    coordinatorEmail: e.CONCORD_COORDINATOR_EMAIL,
    senderEmail: e.CONCORD_SENDER_EMAIL,
    s3ForcePathStyle: e.CONCORD_S3_FORCE_PATH_STYLE === 'true',
    idempotencyTtlSeconds: e.CONCORD_IDEMPOTENCY_TTL_SECONDS,
    approvalTimeoutSeconds: e.CONCORD_APPROVAL_TIMEOUT_SECONDS,
    approvalReminders: e.CONCORD_APPROVAL_REMINDERS,
    priorAuthExpeditedSeconds: e.CONCORD_PRIOR_AUTH_EXPEDITED_SECONDS,
    priorAuthRoutineSeconds: e.CONCORD_PRIOR_AUTH_ROUTINE_SECONDS,
    recordsReminderSeconds: e.CONCORD_RECORDS_REMINDER_SECONDS,
    recordsReminders: e.CONCORD_RECORDS_REMINDERS,
    recordMaxBytes: e.CONCORD_RECORD_MAX_BYTES,
    uploadUrlSeconds: e.CONCORD_UPLOAD_URL_SECONDS,
    opinionSlaSeconds: e.CONCORD_OPINION_SLA_SECONDS,
    opinionReminders: e.CONCORD_OPINION_REMINDERS,
    downloadUrlSeconds: e.CONCORD_DOWNLOAD_URL_SECONDS,
    maxOpinions: e.CONCORD_MAX_OPINIONS,
    reportLinkSeconds: e.CONCORD_REPORT_LINK_SECONDS,
  };
}

let cached: Config | undefined;

/** The environment, parsed once per cold start. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

export function required<K extends keyof Config>(key: K): NonNullable<Config[K]> {
  const value = config()[key];
  if (value === undefined) throw new ConfigError(`Missing configuration: ${key}`);
  return value as NonNullable<Config[K]>;
}
