// The emulators' worker thread starts here: a worker does not inherit the TypeScript loader of the thread
// that starts it, so this loads emulators-thread.ts through tsx, the loader `npm start` runs under.
import { tsImport } from 'tsx/esm/api';

await tsImport('./emulators-thread.ts', import.meta.url);
