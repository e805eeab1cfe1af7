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

/** Every setting; each is read from `CONCORD_` + its name in CONSTANT_CASE (s3ForcePathStyle: CONCORD_S3_FORCE_PATH_STYLE). */
const ConfigSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    tableName: z.optional(z.string()),
    recordsBucket: z.optional(z.string()),
    stateMachineArn: z.optional(z.string()),
    secretId: z._default(z.string(), 'concord/link-signing'),
    /** How long a function keeps the signing keys it read before reading them again. */
    secretCacheSeconds: int(0, HOUR, 5 * 60),
    publicUrl: z._default(
      z.pipe(
        httpUrl(),
        z.transform((url) => url.replace(/\/+$/, '')),
      ),
      'http://127.0.0.1:3000',
    ),
    coordinatorEmail: z._default(email(), 'coordinator@concord.local'),
    senderEmail: z._default(email(), 'no-reply@concord.local'),
    s3ForcePathStyle: z._default(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((flag) => flag === 'true'),
      ),
      false,
    ),
    idempotencyTtlSeconds: seconds(DAY),
    /** How long an approval waits before each reminder, and after the last one. */
    approvalTimeoutSeconds: seconds(2 * DAY),
    approvalReminders: int(0, 10, 2),
    /** The CMS-0057-F prior-authorization clock, by urgency. */
    priorAuthExpeditedSeconds: seconds(3 * DAY),
    priorAuthRoutineSeconds: seconds(7 * DAY),
    /** Records: how long before each reminder, how many reminders, the per-file limit, upload-link lifetime. */
    recordsReminderSeconds: seconds(3 * DAY),
    recordsReminders: int(0, 10, 3),
    recordMaxBytes: int(1, 5 * 1024 ** 3, 200 * 1024 * 1024),
    /**
     * `required`: a record counts only once the malware scan found no threat (the CDK app sets it, with
     * GuardDuty scanning the bucket); `off`: the structural checks decide alone (domain/record-checks/malware-scan.ts).
     */
    malwareScan: z._default(z.enum(['required', 'off']), 'off'),
    uploadUrlSeconds: int(60, 7 * DAY, 15 * 60),
    /** A specialist's time for an opinion before each reminder, and after the last (then: rematch). */
    opinionSlaSeconds: seconds(7 * DAY),
    opinionReminders: int(0, 10, 1),
    /** How long a record's download link in the case packet works. */
    downloadUrlSeconds: int(30, HOUR, 5 * 60),
    /**
     * How long a link granted to a person works (status and report to the patient and physician, the claim to
     * the insurer); a coordinator can take links back sooner, and the patient or physician can ask for a new one.
     */
    linkGrantSeconds: int(60, 365 * DAY, 14 * DAY),
    /** How long an intake waits for its submitter to confirm their email address before it is deleted. */
    confirmationSeconds: int(1, 7 * DAY, DAY),
    /** Intakes per submitter address per day, unconfirmed ones included (each emails a confirmation). */
    intakesPerAddress: int(1, 1000, 3),
    /** Fresh status links one address may ask for per day (POST /links). */
    linkRequestsPerAddress: int(1, 1000, 3),
    /** How often the expired unconfirmed intakes are deleted (the local stack's timer; hourly on AWS). */
    sweepSeconds: int(1, DAY, HOUR),
    /** The opinion cap, the first opinion included (2–4): a fifth is never sought. */
    maxOpinions: int(2, 4, 3),
    /** The console's OpenID Connect provider: Cognito on AWS, the embedded provider locally. */
    oidcIssuer: z.optional(issuerUrl()),
    /** The console's own client (authorization code with PKCE, no secret). */
    oidcClientId: z.optional(word()),
    oidcScopes: z._default(
      z.string().check(z.regex(/(^|\s)openid(\s|$)/, 'Must include openid')),
      'openid email profile',
    ),
    /** The issuer's key set; by default `<issuer>/.well-known/jwks.json`, where Cognito serves it. */
    oidcJwksUri: z.optional(httpUrl()),
    /** The ID token claim listing a person's groups (their roles). */
    oidcRolesClaim: z._default(word(), 'cognito:groups'),
    /** When set, programs' access tokens must name it in `aud` (Cognito's carry no `aud`: leave it unset). */
    oidcApiAudience: z.optional(word()),
    /** Programs' roles are their token's scopes with this prefix (`concord/coordinator`). */
    oidcApiScopePrefix: z._default(word(), 'concord/'),
    /** A console session's life between renewals through the provider's refresh. */
    consoleSessionSeconds: int(60, DAY, 15 * 60),
    /** A console sign-in's whole life, renewals included. */
    consoleSessionMaxSeconds: int(300, 7 * DAY, 12 * HOUR),
  }),
);

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

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

/** Every environment variable a setting is read from. */
export function configVariables(): string[] {
  return Object.keys(ConfigSchema._zod.innerType.shape).map(configVariable);
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const settings = Object.fromEntries(
    Object.entries(env)
      .filter(([variable]) => variable.startsWith(PREFIX))
      .map(([variable, value]) => [nameOf(variable), value]),
  );
  const parsed = ConfigSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${configVariable(issue.path[0] ?? '')} (${issue.message})`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join(', ')}`);
  }
  return parsed.data;
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

/**
 * The table's name alone, as `required('tableName')` reads it (its setting is a plain string), without parsing
 * every other setting: a function that reads nothing else then bundles no zod (~22 KB), as the intake page,
 * which carries both languages' words, cannot afford to.
 */
export function tableName(): string {
  const value = process.env[configVariable('tableName')];
  if (!value) throw new ConfigError('Missing configuration: tableName');
  return value;
}
