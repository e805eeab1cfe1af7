/**
 * The composition root: one lazily built adapter per export, each on the SDK client it needs. Handlers import
 * this module as a namespace (`import * as deps`) and call what they use (`deps.cases()`); every factory is a
 * pure call, so a bundle keeps only the adapters, and SDK clients, its handler reaches (issue 8: each function
 * imports only the clients it uses). Keep new factories top-level and pure, never in a shared object literal.
 */
import { DynamoAssignmentStore } from '../adapters/dynamo-assignment-store.js';
import { DynamoCapacityLedger } from '../adapters/dynamo-capacity-ledger.js';
import { DynamoCallbackRevisions } from '../adapters/dynamo-callback-revisions.js';
import { DynamoCallbackStore } from '../adapters/dynamo-callback-store.js';
import { DynamoCallbackWaits } from '../adapters/dynamo-callback-waits.js';
import { DynamoCaseIntake } from '../adapters/dynamo-case-intake.js';
import { DynamoCaseReads } from '../adapters/dynamo-case-reads.js';
import { DynamoCaseStore } from '../adapters/dynamo-case-store.js';
import { DynamoDirectory } from '../adapters/dynamo-directory.js';
import { DynamoOutbox } from '../adapters/dynamo-outbox.js';
import { DynamoGrants } from '../adapters/dynamo-grants.js';
import { DynamoPayerList } from '../adapters/dynamo-payer-list.js';
import { DynamoQuotas } from '../adapters/dynamo-quotas.js';
import { DynamoRecordStore } from '../adapters/dynamo-record-store.js';
import { DynamoUnconfirmedCases } from '../adapters/dynamo-unconfirmed-cases.js';
import { ItemClient } from '../adapters/item-client.js';
import { S3RecordDownloads } from '../adapters/s3-record-downloads.js';
import { S3RecordFiles } from '../adapters/s3-record-files.js';
import { SecretsManagerSecrets } from '../adapters/secrets-manager-secrets.js';
import { SecretsManagerVersions } from '../adapters/secrets-manager-versions.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { Sesv2Suppressions } from '../adapters/sesv2-suppressions.js';
import { SfnTaskCallbacks } from '../adapters/sfn-task-callbacks.js';
import { SfnWorkflow } from '../adapters/sfn-workflow.js';
import type { DecisionPorts } from '../links/decision-link.js';
import type { CallbackPorts, CallbackSettings, RevisionPorts, WaitPorts } from '../use-cases/callbacks.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { s3 } from '../shared/clients/s3.js';
import { secretsManager } from '../shared/clients/secrets-manager.js';
import { ses } from '../shared/clients/ses.js';
import { stepFunctions } from '../shared/clients/step-functions.js';
import * as setting from '../shared/config.js';
import { required, tableName } from '../shared/config.js';
import { once } from '../shared/once.js';

const items = /* @__PURE__ */ once(() => new ItemClient(dynamo()));
const mailer = /* @__PURE__ */ once(() => new SesMailer(ses(), setting.senderEmail()));

export const cases = /* @__PURE__ */ once(() => new DynamoCaseStore(items(), tableName()));
export const caseReads = /* @__PURE__ */ once(() => new DynamoCaseReads(items(), tableName()));
export const caseIntake = /* @__PURE__ */ once(() => new DynamoCaseIntake(items(), tableName()));
export const directory = /* @__PURE__ */ once(() => new DynamoDirectory(items(), tableName()));
export const payerList = /* @__PURE__ */ once(() => new DynamoPayerList(items(), tableName()));
export const workflow = /* @__PURE__ */ once(
  () => new SfnWorkflow(stepFunctions(), required(setting.stateMachineArn)),
);
export const secrets = /* @__PURE__ */ once(
  () => new SecretsManagerSecrets(secretsManager(), setting.secretId(), setting.secretCacheSeconds()),
);
/** The versions of the secret a rotation event names (the rotation function's only port). */
export const secretVersions = (secretId: string) => new SecretsManagerVersions(secretsManager(), secretId);
export const outbox = /* @__PURE__ */ once(() => new DynamoOutbox(items(), tableName(), mailer()));
export const callbacks = /* @__PURE__ */ once(() => new DynamoCallbackStore(items(), tableName()));
/** The callbacks with the writes that keep their waits (dynamo-callback-waits.ts). */
export const callbackWaits = /* @__PURE__ */ once(() => new DynamoCallbackWaits(items(), tableName()));
/** The callbacks with a coordinator's revisions (dynamo-callback-revisions.ts). */
export const callbackRevisions = /* @__PURE__ */ once(
  () => new DynamoCallbackRevisions(items(), tableName()),
);
export const records = /* @__PURE__ */ once(() => new DynamoRecordStore(items(), tableName()));
export const files = /* @__PURE__ */ once(() => new S3RecordFiles(s3(), required(setting.recordsBucket)));
export const downloads = /* @__PURE__ */ once(
  () => new S3RecordDownloads(s3(), required(setting.recordsBucket)),
);
export const tasks = /* @__PURE__ */ once(() => new SfnTaskCallbacks(stepFunctions()));
export const assignments = /* @__PURE__ */ once(() => new DynamoAssignmentStore(items(), tableName()));
export const capacity = /* @__PURE__ */ once(() => new DynamoCapacityLedger(items(), tableName()));

/** What the callbacks read of the settings: where links point, who is told, how many reminders. */
const callbackSettings = (): CallbackSettings => ({
  publicUrl: setting.publicUrl(),
  coordinatorEmail: setting.coordinatorEmail(),
  approvalReminders: setting.approvalReminders(),
  recordsReminders: setting.recordsReminders(),
  opinionReminders: setting.opinionReminders(),
});

export const callbackDeps = /* @__PURE__ */ once((): CallbackPorts => ({
  cases: cases(),
  callbacks: callbacks(),
  outbox: outbox(),
  tasks: tasks(),
  secrets: secrets(),
  directory: directory(),
  records: records(),
  assignments: assignments(),
  settings: callbackSettings(),
}));

/** What the specialist's opinion link takes: callbackDeps without the directory and the records it never reads. */
export const opinionDeps = /* @__PURE__ */ once(() => ({
  cases: cases(),
  callbacks: callbacks(),
  outbox: outbox(),
  tasks: tasks(),
  secrets: secrets(),
  assignments: assignments(),
}));

/** What the coordinator's and the insurer's decision links take: the callback, the case, who was proposed. */
export const decisionDeps = /* @__PURE__ */ once((): DecisionPorts => ({
  cases: cases(),
  callbacks: callbacks(),
  tasks: tasks(),
  secrets: secrets(),
  assignments: assignments(),
  directory: directory(),
}));

/** The callback ports with the store that keeps the wait: the request step and its timer. */
export const waitDeps = /* @__PURE__ */ once((): WaitPorts => ({
  ...callbackDeps(),
  callbacks: callbackWaits(),
}));

/** The callback ports with a coordinator's revisions: re-sending a link. */
export const revisionDeps = /* @__PURE__ */ once((): RevisionPorts => ({
  ...callbackDeps(),
  callbacks: callbackRevisions(),
}));

/** The callback ports plus the records bucket, for the handlers that see files. */
export const recordDeps = /* @__PURE__ */ once(() => ({
  ...callbackDeps(),
  files: files(),
  settings: {
    ...callbackSettings(),
    recordMaxBytes: setting.recordMaxBytes(),
    malwareScan: setting.malwareScan(),
  },
}));

/** What the records page reads: its link, the case, the checklist, the tests asked for, and the bucket to presign. */
export const uploadPageDeps = /* @__PURE__ */ once(() => ({
  cases: cases(),
  callbacks: callbacks(),
  secrets: secrets(),
  records: records(),
  assignments: assignments(),
  files: files(),
  settings: {
    publicUrl: setting.publicUrl(),
    recordMaxBytes: setting.recordMaxBytes(),
    uploadUrlSeconds: setting.uploadUrlSeconds(),
  },
}));

/** What the specialist's case packet reads: the link, the case, its records, and their files to presign. */
export const packetDeps = /* @__PURE__ */ once(() => ({
  cases: caseReads(),
  callbacks: callbacks(),
  secrets: secrets(),
  assignments: assignments(),
  records: records(),
  files: downloads(),
  settings: { downloadUrlSeconds: setting.downloadUrlSeconds() },
}));

/** What the report links read: the case, its opinions, and the signing key. */
export const reportDeps = /* @__PURE__ */ once(() => ({
  cases: caseReads(),
  grants: grants(),
  assignments: assignments(),
  secrets: secrets(),
}));

export const grants = /* @__PURE__ */ once(() => new DynamoGrants(items(), tableName()));
export const quotas = /* @__PURE__ */ once(() => new DynamoQuotas(items(), tableName()));
export const unconfirmedCases = /* @__PURE__ */ once(() => new DynamoUnconfirmedCases(items(), tableName()));

/** What grants a link to a person: the grants, the signing key, the base URL and the links' lifetime. */
export const grantDeps = /* @__PURE__ */ once(() => ({
  grants: grants(),
  secrets: secrets(),
  settings: { publicUrl: setting.publicUrl(), linkGrantSeconds: setting.linkGrantSeconds() },
}));

/** What stores an intake and emails its confirmation (POST /cases and the intake form alike). */
export const intakeDeps = /* @__PURE__ */ once(() => ({
  cases: caseIntake(),
  outbox: outbox(),
  quotas: quotas(),
  secrets: secrets(),
  settings: {
    idempotencyTtlSeconds: setting.idempotencyTtlSeconds(),
    confirmationSeconds: setting.confirmationSeconds(),
    intakesPerAddress: setting.intakesPerAddress(),
    publicUrl: setting.publicUrl(),
  },
}));

/** What the confirmation link reads and moves: the unconfirmed case, the workflow it starts. */
export const confirmationDeps = /* @__PURE__ */ once(() => ({
  cases: unconfirmedCases(),
  workflow: workflow(),
  secrets: secrets(),
}));

/** What the status page reads: the grant, the case and its timeline, a records request waiting on the reader. */
export const statusDeps = /* @__PURE__ */ once(() => ({
  grants: grants(),
  cases: caseReads(),
  callbacks: callbacks(),
  secrets: secrets(),
  settings: { publicUrl: setting.publicUrl() },
}));

/** "Email me my link again": the case, a new grant, the mailer, the per-address count. */
export const linkRequestDeps = /* @__PURE__ */ once(() => ({
  ...grantDeps(),
  settings: { ...grantDeps().settings, linkRequestsPerAddress: setting.linkRequestsPerAddress() },
  cases: cases(),
  mailer: mailer(),
  quotas: quotas(),
}));

/** What the sweeper of unconfirmed intakes deletes: the cases, their records and files. */
export const expiryDeps = /* @__PURE__ */ once(() => ({
  cases: unconfirmedCases(),
  records: records(),
  files: files(),
}));

/** A bounce or complaint: the suppression list, the case, the coordinator's alert. */
export const emailFeedbackDeps = /* @__PURE__ */ once(() => ({
  cases: cases(),
  outbox: outbox(),
  suppressions: new Sesv2Suppressions(ses()),
  settings: { coordinatorEmail: setting.coordinatorEmail() },
}));
