import { DynamoCaseStore } from '../adapters/dynamo-case-store.js';
import { DynamoDirectory } from '../adapters/dynamo-directory.js';
import { SecretsManagerSecrets } from '../adapters/secrets-manager-secrets.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { SfnWorkflow } from '../adapters/sfn-workflow.js';
import { dynamo, secretsManager, ses, stepFunctions } from './clients.js';
import { config, required } from './config.js';

/** Adapters over the module-scope clients, each built on first use (nothing happens at import). */
let cases: DynamoCaseStore | undefined;
let directory: DynamoDirectory | undefined;
let workflow: SfnWorkflow | undefined;
let secrets: SecretsManagerSecrets | undefined;
let mailer: SesMailer | undefined;

export const deps = {
  cases: () => (cases ??= new DynamoCaseStore(dynamo, required('tableName'))),
  directory: () => (directory ??= new DynamoDirectory(dynamo, required('tableName'))),
  workflow: () => (workflow ??= new SfnWorkflow(stepFunctions, required('stateMachineArn'))),
  secrets: () => (secrets ??= new SecretsManagerSecrets(secretsManager, config().secretId)),
  mailer: () => (mailer ??= new SesMailer(ses, config().senderEmail)),
};
