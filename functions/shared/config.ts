import * as z from 'zod/mini';

/** Longest wait any timer may have: a day under the local runner's setTimeout ceiling (2^31 ms ≈ 24.8 days). */
export const MAX_WAIT_SECONDS = 24 * 24 * 60 * 60;

const int = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);
const seconds = (fallback: number) => int(1, MAX_WAIT_SECONDS, fallback);
// Plain patterns rather than zod's format schemas (z.email, z.url: ~2 KB more in every function) for three
// settings the deployer gives, which are checked again when the stack is synthesized.
const email = () => z.string().check(z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Must be an email address'));
const httpUrl = () => z.string().check(z.regex(/^https?:\/\/[^\s/]+\S*$/, 'Must be an http(s) URL'));
/** An OpenID issuer: https, or http on this machine's loopback address only (the embedded provider). */
const issuerUrl = () =>
  z
    .string()
    .check(
      z.regex(
        /^(https:\/\/[^\s/]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?)(\/\S*)?$/,
        'Must be an https URL (http only on 127.0.0.1 or localhost)',
      ),
    );
/** One word, no spaces (an id, a claim name, a prefix). */
const word = () => z.string().check(z.regex(/^\S+$/, 'Must be one word, no spaces'));
const HOUR = 60 * 60;
const DAY = 24 * HOUR;

const PREFIX = 'CONCORD_';
/** The environment variable a setting is read from: `CONCORD_` + its name in CONSTANT_CASE. */
export const configVariable = (name: PropertyKey) =>
  PREFIX +
  String(name)
    .replace(/[A-Z]/g, (letter) => `_${letter}`)
    .toUpperCase();
const nameOf = (variable: string) =>
  variable
    .slice(PREFIX.length)
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const problemsOf = (issues: readonly z.core.$ZodIssue[]) =>
  `Invalid configuration: ${issues.map((issue) => `${configVariable(issue.path[0] ?? '')} (${issue.message})`).join(', ')}`;

/** A setting: called, it answers its value, parsed from its own variable once per cold start. */
export interface Setting<S extends z.ZodMiniType> {
  (): z.output<S>;
  key: string;
  schema: () => S;
}

/**
 * Each setting is its own export, so a function bundles the schemas of the settings it reads and no other
 * (all of them cost every function ~2 KB); `parseConfig` reads them all, for the stacks and `load-settings`.
 */
function setting<S extends z.ZodMiniType>(key: string, schema: () => S): Setting<S> {
  let read: { value: z.output<S> } | undefined;
  const value = () => {
    if (!read) {
      const parsed = z.object({ [key]: schema() }).safeParse({ [key]: process.env[configVariable(key)] });
      if (!parsed.success) throw new ConfigError(problemsOf(parsed.error.issues));
      read = { value: parsed.data[key] as z.output<S> };
    }
    return read.value;
  };
  return Object.assign(value, { key, schema });
}

/** Every setting; each is read from `CONCORD_` + its name in CONSTANT_CASE (s3ForcePathStyle: CONCORD_S3_FORCE_PATH_STYLE). */
export const recordsBucket = /* @__PURE__ */ setting('recordsBucket', () => z.optional(z.string()));
export const stateMachineArn = /* @__PURE__ */ setting('stateMachineArn', () => z.optional(z.string()));
export const secretId = /* @__PURE__ */ setting('secretId', () =>
  z._default(z.string(), 'concord/link-signing'),
);
/** How long a function keeps the signing keys it read before reading them again. */
export const secretCacheSeconds = /* @__PURE__ */ setting('secretCacheSeconds', () => int(0, HOUR, 5 * 60));
export const publicUrl = /* @__PURE__ */ setting('publicUrl', () =>
  z._default(
    z.pipe(
      httpUrl(),
      z.transform((url) => url.replace(/\/+$/, '')),
    ),
    'http://127.0.0.1:3000',
  ),
);
export const coordinatorEmail = /* @__PURE__ */ setting('coordinatorEmail', () =>
  z._default(email(), 'coordinator@concord.local'),
);
export const senderEmail = /* @__PURE__ */ setting('senderEmail', () =>
  z._default(email(), 'no-reply@concord.local'),
);
export const s3ForcePathStyle = /* @__PURE__ */ setting('s3ForcePathStyle', () =>
  z._default(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((flag) => flag === 'true'),
    ),
    false,
  ),
);
export const idempotencyTtlSeconds = /* @__PURE__ */ setting('idempotencyTtlSeconds', () => seconds(DAY));
/** How long an approval waits before each reminder, and after the last one. */
export const approvalTimeoutSeconds = /* @__PURE__ */ setting('approvalTimeoutSeconds', () =>
  seconds(2 * DAY),
);
export const approvalReminders = /* @__PURE__ */ setting('approvalReminders', () => int(0, 10, 2));
/** The CMS-0057-F prior-authorization clock, by urgency. */
export const priorAuthExpeditedSeconds = /* @__PURE__ */ setting('priorAuthExpeditedSeconds', () =>
  seconds(3 * DAY),
);
export const priorAuthRoutineSeconds = /* @__PURE__ */ setting('priorAuthRoutineSeconds', () =>
  seconds(7 * DAY),
);
/** Records: how long before each reminder, how many reminders, the per-file limit, upload-link lifetime. */
export const recordsReminderSeconds = /* @__PURE__ */ setting('recordsReminderSeconds', () =>
  seconds(3 * DAY),
);
export const recordsReminders = /* @__PURE__ */ setting('recordsReminders', () => int(0, 10, 3));
export const recordMaxBytes = /* @__PURE__ */ setting('recordMaxBytes', () =>
  int(1, 5 * 1024 ** 3, 200 * 1024 * 1024),
);
/**
 * `required`: a record counts only once the malware scan found no threat (the CDK app sets it, with
 * GuardDuty scanning the bucket); `off`: the structural checks decide alone (domain/record-checks/malware-scan.ts).
 */
export const malwareScan = /* @__PURE__ */ setting('malwareScan', () =>
  z._default(z.enum(['required', 'off']), 'off'),
);
export const uploadUrlSeconds = /* @__PURE__ */ setting('uploadUrlSeconds', () => int(60, 7 * DAY, 15 * 60));
/** A specialist's time for an opinion before each reminder, and after the last (then: rematch). */
export const opinionSlaSeconds = /* @__PURE__ */ setting('opinionSlaSeconds', () => seconds(7 * DAY));
export const opinionReminders = /* @__PURE__ */ setting('opinionReminders', () => int(0, 10, 1));
/** How long a record's download link in the case packet works. */
export const downloadUrlSeconds = /* @__PURE__ */ setting('downloadUrlSeconds', () => int(30, HOUR, 5 * 60));
/**
 * How long a link granted to a person works (status and report to the patient and physician, the claim to
 * the insurer); a coordinator can take links back sooner, and the patient or physician can ask for a new one.
 */
export const linkGrantSeconds = /* @__PURE__ */ setting('linkGrantSeconds', () =>
  int(60, 365 * DAY, 14 * DAY),
);
/** How long an intake waits for its submitter to confirm their email address before it is deleted. */
export const confirmationSeconds = /* @__PURE__ */ setting('confirmationSeconds', () => int(1, 7 * DAY, DAY));
/** Intakes per submitter address per day, unconfirmed ones included (each emails a confirmation). */
export const intakesPerAddress = /* @__PURE__ */ setting('intakesPerAddress', () => int(1, 1000, 3));
/** Fresh status links one address may ask for per day (POST /links). */
export const linkRequestsPerAddress = /* @__PURE__ */ setting('linkRequestsPerAddress', () =>
  int(1, 1000, 3),
);
/** How often the expired unconfirmed intakes are deleted (the local stack's timer; hourly on AWS). */
export const sweepSeconds = /* @__PURE__ */ setting('sweepSeconds', () => int(1, DAY, HOUR));
/** The opinion cap, the first opinion included (2–4): a fifth is never sought. */
export const maxOpinions = /* @__PURE__ */ setting('maxOpinions', () => int(2, 4, 3));
/** The console's OpenID Connect provider: Cognito on AWS, the embedded provider locally. */
export const oidcIssuer = /* @__PURE__ */ setting('oidcIssuer', () => z.optional(issuerUrl()));
/** The console's own client (authorization code with PKCE, no secret). */
export const oidcClientId = /* @__PURE__ */ setting('oidcClientId', () => z.optional(word()));
export const oidcScopes = /* @__PURE__ */ setting('oidcScopes', () =>
  z._default(z.string().check(z.regex(/(^|\s)openid(\s|$)/, 'Must include openid')), 'openid email profile'),
);
/** The issuer's key set; by default `<issuer>/.well-known/jwks.json`, where Cognito serves it. */
export const oidcJwksUri = /* @__PURE__ */ setting('oidcJwksUri', () => z.optional(httpUrl()));
/** The ID token claim listing a person's groups (their roles). */
export const oidcRolesClaim = /* @__PURE__ */ setting('oidcRolesClaim', () =>
  z._default(word(), 'cognito:groups'),
);
/** When set, programs' access tokens must name it in `aud` (Cognito's carry no `aud`: leave it unset). */
export const oidcApiAudience = /* @__PURE__ */ setting('oidcApiAudience', () => z.optional(word()));
/** Programs' roles are their token's scopes with this prefix (`concord/coordinator`). */
export const oidcApiScopePrefix = /* @__PURE__ */ setting('oidcApiScopePrefix', () =>
  z._default(word(), 'concord/'),
);
/** A console session's life between renewals through the provider's refresh. */
export const consoleSessionSeconds = /* @__PURE__ */ setting('consoleSessionSeconds', () =>
  int(60, DAY, 15 * 60),
);
/** A console sign-in's whole life, renewals included. */
export const consoleSessionMaxSeconds = /* @__PURE__ */ setting('consoleSessionMaxSeconds', () =>
  int(300, 7 * DAY, 12 * HOUR),
);

const SETTINGS = {
  /** Read apart, without zod (`tableName()`, below). */
  tableName: { schema: () => z.optional(z.string()) },
  recordsBucket,
  stateMachineArn,
  secretId,
  secretCacheSeconds,
  publicUrl,
  coordinatorEmail,
  senderEmail,
  s3ForcePathStyle,
  idempotencyTtlSeconds,
  approvalTimeoutSeconds,
  approvalReminders,
  priorAuthExpeditedSeconds,
  priorAuthRoutineSeconds,
  recordsReminderSeconds,
  recordsReminders,
  recordMaxBytes,
  malwareScan,
  uploadUrlSeconds,
  opinionSlaSeconds,
  opinionReminders,
  downloadUrlSeconds,
  linkGrantSeconds,
  confirmationSeconds,
  intakesPerAddress,
  linkRequestsPerAddress,
  sweepSeconds,
  maxOpinions,
  oidcIssuer,
  oidcClientId,
  oidcScopes,
  oidcJwksUri,
  oidcRolesClaim,
  oidcApiAudience,
  oidcApiScopePrefix,
  consoleSessionSeconds,
  consoleSessionMaxSeconds,
};
type Settings = typeof SETTINGS;

export type Config = { [K in keyof Settings]: z.output<ReturnType<Settings[K]['schema']>> };

/** Every environment variable a setting is read from. */
export function configVariables(): string[] {
  return Object.keys(SETTINGS).map(configVariable);
}

/** Every setting at once, each problem named. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const settings = Object.fromEntries(
    Object.entries(env)
      .filter(([variable]) => variable.startsWith(PREFIX))
      .map(([variable, value]) => [nameOf(variable), value]),
  );
  const schema = z.object(
    Object.fromEntries(Object.entries(SETTINGS).map(([key, { schema }]) => [key, schema()])),
  );
  const parsed = schema.safeParse(settings);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error.issues));
  return parsed.data as Config;
}

let cached: Config | undefined;

/** Every setting, parsed once per cold start (what `load-settings` answers); a function reads one by its export. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** A setting without a default, which this function cannot do without. */
export function required<S extends z.ZodMiniType>(read: Setting<S>): NonNullable<z.output<S>> {
  const value = read();
  if (value === undefined) throw new ConfigError(`Missing configuration: ${read.key}`);
  return value as NonNullable<z.output<S>>;
}

/**
 * The table's name (its setting is a plain string) read without zod: a function that reads nothing else then
 * bundles no zod (~22 KB), as the intake page, which carries both languages' words, cannot afford to.
 */
export function tableName(): string {
  const value = process.env[configVariable('tableName')];
  if (!value) throw new ConfigError('Missing configuration: tableName');
  return value;
}
