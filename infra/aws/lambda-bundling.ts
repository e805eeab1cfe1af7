import { fileURLToPath } from 'node:url';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository root (this file lives in infra/aws/): handler entries, the lock file, the ASL. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * Modules every bundle takes in place of another. The ICU message parser (~27 KB with its skeleton parser) is
 * needed only by `npm run catalogs`: the functions format messages parsed at build time, so they bundle the
 * parser's no-parser entry (its types and helpers), as formatjs documents for precompiled messages.
 */
export const ESBUILD_ALIASES: Readonly<Record<string, string>> = {
  '@formatjs/icu-messageformat-parser': '@formatjs/icu-messageformat-parser/no-parser.js',
};

/**
 * How every function is bundled. bench/support/esbuild-lambda.ts builds its esbuild options from this, so the
 * sizes and import times measured are those of what is deployed.
 *
 * Each bundle ships with its source map, without the sources in it (they are in the repository at the
 * deployed commit): 0.8 MB instead of 2–2.5 MB beside a ~500 KB bundle. Node does not apply it unless told
 * to (SOURCE_MAPS_NODE_OPTIONS).
 */
export const LAMBDA_BUNDLING = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: nodejs.OutputFormat.ESM,
  mainFields: ['module', 'main'],
  logLevel: nodejs.LogLevel.WARNING,
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  // The SDK v3 is bundled (DESIGN.md §6): faster imports than the runtime's copy, and a pinned version.
  externalModules: [],
  esbuildArgs: { '--alias': Object.entries(ESBUILD_ALIASES).map(([from, to]) => `${from}=${to}`) },
} as const satisfies nodejs.BundlingOptions;

/**
 * NODE_OPTIONS that make stack traces name TypeScript files and lines: set only with `-c sourceMaps=true`.
 * Node then reads and parses every bundle's source map at import. Measured with Node 20: assignment-link's
 * import 31–41 ms slower with the maps as shipped (bench/cold-import.ts prints it); with the sources in
 * them, opinion-link's was 85 ms slower.
 */
export const SOURCE_MAPS_NODE_OPTIONS = '--enable-source-maps';
