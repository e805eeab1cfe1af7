/** Which Lambdas there are: every deployed function, plus any handler file not wired into the stack yet. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_UPLOADED_FUNCTION, ROUTES, WORKFLOW_FUNCTIONS } from '../../infra/routes.js';
import { REPO_ROOT } from './repo.js';

const HANDLERS_DIR = join(REPO_ROOT, 'functions', 'handlers');

/** Handler names (file names under functions/handlers without extension), sorted. */
export function lambdaHandlers(): string[] {
  const deployed = [
    ...ROUTES.map((route) => route.handler),
    ...Object.values(WORKFLOW_FUNCTIONS),
    RECORD_UPLOADED_FUNCTION,
  ];
  // A handler being written may exist before infra/routes.ts deploys it: measure it all the same.
  const files = readdirSync(HANDLERS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length));
  return [...new Set([...deployed, ...files])].sort();
}

export function handlerEntry(name: string): string {
  return join(HANDLERS_DIR, `${name}.ts`);
}
