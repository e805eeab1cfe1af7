/** The deployment's settings, read from CDK context and checked at synthesis. */
import type { Construct } from 'constructs';
import { ConfigError, configVariable, parseConfig, type Config } from '../../functions/shared/config.js';

export const DEFAULT_SENDER_DOMAIN = 'concord.example.org';

/** Deployment settings, read from CDK context (`cdk synth -c senderDomain=…`). */
export interface ConcordSettings {
  /** Base URL put into emailed links; defaults to the API stage URL. */
  readonly publicUrl?: string;
  /** The SES domain identity emails are sent from. */
  readonly senderDomain: string;
  /** The From address; must be in senderDomain. */
  readonly senderEmail: string;
  readonly coordinatorEmail: string;
  /** Subscribed to the alarm topic when given. */
  readonly alarmEmail?: string;
  /**
   * Reserved concurrency of every function: caps cost and blast radius. 0 reserves none, for accounts whose
   * Lambda concurrency quota is too small to reserve any (Lambda keeps 100 unreserved).
   */
  readonly reservedConcurrency: number;
  /**
   * Timing and size settings the functions read (functions/shared/config.ts), as environment variables:
   * only those given in context, so the defaults stay in the code.
   */
  readonly functionEnvironment: Readonly<Record<string, string>>;
  /** Source-mapped stack traces in the logs, at a cost to every cold start (infra/aws/lambda-bundling.ts). */
  readonly sourceMaps: boolean;
  /** Days between rotations of the link-signing key (signingKeyRotationDays). */
  readonly signingKeyRotationDays: number;
  /**
   * The deployer's own OpenID Connect provider for the console (Entra ID, Okta…), as the console functions'
   * OpenID variables (CONCORD_OIDC_ISSUER and the rest); absent: a Cognito user pool in the stateful stack (constructs/console-users.ts).
   */
  readonly consoleIdentity?: Readonly<Record<string, string>>;
  /** The Cognito hosted sign-in domain's prefix (default `concord-<account id>`). */
  readonly cognitoDomainPrefix?: string;
}

const DAY = 24 * 60 * 60;
export const DEFAULT_SIGNING_KEY_ROTATION_DAYS = 90;

/** How long each kind of emailed link stays valid at most, in seconds, with these function settings. */
export function linkLifetimes(config: Config): Record<string, number> {
  return {
    approval: config.approvalTimeoutSeconds * (config.approvalReminders + 1),
    'prior authorization': Math.max(config.priorAuthExpeditedSeconds, config.priorAuthRoutineSeconds),
    records: config.recordsReminderSeconds * (config.recordsReminders + 1),
    assignment: config.opinionSlaSeconds * (config.opinionReminders + 1),
    confirmation: config.confirmationSeconds,
    'granted status, report or claim': config.linkGrantSeconds,
  };
}

/**
 * Days between key rotations. A link verifies while its key is the current or the previous version, so for at
 * least one rotation interval after it is signed, less the day Secrets Manager takes the liberty of (it rotates
 * on the scheduled day, at an hour of its choosing): the interval must exceed the longest link's life by a day.
 * Unset, it is 90 days, or that minimum when it is more.
 */
function signingKeyRotationDays(scope: Construct, functionEnvironment: Record<string, string>): number {
  const [kind, seconds] = Object.entries(linkLifetimes(parseConfig(functionEnvironment))).reduce((a, b) =>
    b[1] > a[1] ? b : a,
  );
  const needed = Math.ceil(seconds / DAY) + 1;
  const value: unknown = scope.node.tryGetContext('signingKeyRotationDays');
  if (value === undefined || value === null || value === '')
    return Math.max(DEFAULT_SIGNING_KEY_ROTATION_DAYS, needed);
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 1000)
    throw new Error('Context value signingKeyRotationDays must be a whole number of days from 1 to 1000');
  if (days < needed) {
    throw new Error(
      `signingKeyRotationDays=${days} is too short: the ${kind} link lives up to ${seconds} s, so links would stop ` +
        `verifying before they expire; rotate every ${needed} days or more, or shorten the links`,
    );
  }
  return days;
}

/**
 * The context keys that point the console at the deployer's own OpenID Connect provider instead of Cognito:
 * `oidcIssuer` and `oidcClientId` together (a public client with code + PKCE, redirect
 * `<publicUrl>/console/callback`), and optionally the roles claim, keys, audience, scope prefix and scopes.
 */
export const CONSOLE_IDENTITY_CONTEXT = [
  'oidcIssuer',
  'oidcClientId',
  'oidcRolesClaim',
  'oidcJwksUri',
  'oidcApiAudience',
  'oidcApiScopePrefix',
  'oidcScopes',
] as const satisfies ReadonlyArray<keyof Config>;

function consoleIdentityFromContext(scope: Construct): Record<string, string> | undefined {
  const environment: Record<string, string> = {};
  for (const key of CONSOLE_IDENTITY_CONTEXT) {
    const value = contextString(scope, key);
    if (value === undefined) continue;
    const variable = configVariable(key);
    try {
      parseConfig({ [variable]: value });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new Error(`Context value ${key}=${value} is not a valid ${variable}`, { cause: error });
    }
    environment[variable] = value;
  }
  if (Object.keys(environment).length === 0) return undefined;
  if (!environment[configVariable('oidcIssuer')] || !environment[configVariable('oidcClientId')])
    throw new Error('Context values oidcIssuer and oidcClientId go together: the console needs both');
  return environment;
}

/**
 * The function settings that can be set from context (`cdk deploy -c approvalTimeoutSeconds=86400`), by
 * context key: the environment variable each one sets. Values are checked with the functions' own schema.
 */
export const FUNCTION_SETTINGS_CONTEXT: Readonly<Partial<Record<keyof Config, string>>> = Object.fromEntries(
  (
    [
      'approvalTimeoutSeconds',
      'approvalReminders',
      'priorAuthExpeditedSeconds',
      'priorAuthRoutineSeconds',
      'recordsReminderSeconds',
      'recordsReminders',
      'recordMaxBytes',
      'uploadUrlSeconds',
      'opinionSlaSeconds',
      'opinionReminders',
      'downloadUrlSeconds',
      'maxOpinions',
      'linkGrantSeconds',
      'confirmationSeconds',
      'intakesPerAddress',
      'linkRequestsPerAddress',
    ] as const satisfies ReadonlyArray<keyof Config>
  ).map((key) => [key, configVariable(key)]),
);

function functionEnvironmentFromContext(scope: Construct): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, variable] of Object.entries(FUNCTION_SETTINGS_CONTEXT)) {
    const value: unknown = scope.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') continue;
    // `-c key=value` gives a string; cdk.json may give a number.
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`Context value ${key} must be a number`);
    }
    const text = String(value);
    try {
      parseConfig({ [variable]: text });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const message = `Context value ${key}=${text} is not a valid ${variable} (functions/shared/config.ts)`;
      throw new Error(message, { cause: error });
    }
    environment[variable] = text;
  }
  return environment;
}

/** A yes/no context value: `-c key=true` gives a string, cdk.json a boolean. */
function contextFlag(scope: Construct, key: string): boolean {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context value ${key} must be true or false`);
}

function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context value ${key} must be a string`);
  return value;
}

export function settingsFromContext(scope: Construct): ConcordSettings {
  const senderDomain = contextString(scope, 'senderDomain') ?? DEFAULT_SENDER_DOMAIN;
  const senderEmail = contextString(scope, 'senderEmail') ?? `no-reply@${senderDomain}`;
  if (!senderEmail.toLowerCase().endsWith(`@${senderDomain.toLowerCase()}`)) {
    throw new Error(`senderEmail ${senderEmail} is not in the SES identity's domain ${senderDomain}`);
  }
  const concurrency = Number(scope.node.tryGetContext('reservedConcurrency') ?? 10);
  if (!Number.isInteger(concurrency) || concurrency < 0) {
    throw new Error('Context value reservedConcurrency must be a non-negative integer');
  }
  const functionEnvironment = functionEnvironmentFromContext(scope);
  return {
    publicUrl: contextString(scope, 'publicUrl'),
    senderDomain,
    senderEmail,
    coordinatorEmail: contextString(scope, 'coordinatorEmail') ?? `coordinator@${senderDomain}`,
    alarmEmail: contextString(scope, 'alarmEmail'),
    reservedConcurrency: concurrency,
    functionEnvironment,
    sourceMaps: contextFlag(scope, 'sourceMaps'),
    signingKeyRotationDays: signingKeyRotationDays(scope, functionEnvironment),
    consoleIdentity: consoleIdentityFromContext(scope),
    cognitoDomainPrefix: contextString(scope, 'cognitoDomainPrefix'),
  };
}
