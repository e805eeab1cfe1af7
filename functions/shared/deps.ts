import { DynamoAssignmentStore } from '../adapters/dynamo-assignment-store.js';
import { DynamoCapacityLedger } from '../adapters/dynamo-capacity-ledger.js';
import { DynamoCallbackStore } from '../adapters/dynamo-callback-store.js';
import { DynamoCaseStore } from '../adapters/dynamo-case-store.js';
import { DynamoDirectory } from '../adapters/dynamo-directory.js';
import { DynamoOutbox } from '../adapters/dynamo-outbox.js';
import { DynamoRecordStore } from '../adapters/dynamo-record-store.js';
import { S3RecordFiles } from '../adapters/s3-record-files.js';
import { SecretsManagerSecrets } from '../adapters/secrets-manager-secrets.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { SfnTaskCallbacks } from '../adapters/sfn-task-callbacks.js';
import { SfnWorkflow } from '../adapters/sfn-workflow.js';
import type { CallbackPorts } from '../use-cases/callbacks.js';
import { dynamo, s3, secretsManager, ses, stepFunctions } from './clients.js';
import { config, required } from './config.js';
import { once } from './once.js';

const mailer = once(() => new SesMailer(ses(), config().senderEmail));

export const deps = {
  cases: once(() => new DynamoCaseStore(dynamo(), required('tableName'))),
  directory: once(() => new DynamoDirectory(dynamo(), required('tableName'))),
  workflow: once(() => new SfnWorkflow(stepFunctions(), required('stateMachineArn'))),
  secrets: once(() => new SecretsManagerSecrets(secretsManager(), config().secretId)),
  outbox: once(() => new DynamoOutbox(dynamo(), required('tableName'), mailer())),
  callbacks: once(() => new DynamoCallbackStore(dynamo(), required('tableName'))),
  records: once(() => new DynamoRecordStore(dynamo(), required('tableName'))),
  files: once(() => new S3RecordFiles(s3(), required('recordsBucket'))),
  tasks: once(() => new SfnTaskCallbacks(stepFunctions())),
  assignments: once(() => new DynamoAssignmentStore(dynamo(), required('tableName'))),
  capacity: once(() => new DynamoCapacityLedger(dynamo(), required('tableName'))),
};

export const callbackDeps = once((): CallbackPorts => ({
  cases: deps.cases(),
  callbacks: deps.callbacks(),
  outbox: deps.outbox(),
  tasks: deps.tasks(),
  secrets: deps.secrets(),
  directory: deps.directory(),
  records: deps.records(),
  assignments: deps.assignments(),
  capacity: deps.capacity(),
  settings: config(),
}));

/** The callback ports plus the records bucket, for the handlers that see files. */
export const recordDeps = once(() => ({ ...callbackDeps(), files: deps.files(), settings: config() }));

/** What the report links read: the case, its opinions, and the signing key. */
export const reportDeps = once(() => ({
  cases: deps.cases(),
  assignments: deps.assignments(),
  secrets: deps.secrets(),
}));
