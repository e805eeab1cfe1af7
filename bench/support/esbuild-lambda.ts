/**
 * Bundles modules the way the CDK bundles our Lambdas: NodejsFunction runs esbuild with the options of
 * LAMBDA_BUNDLING (infra/aws/lambda-bundling.ts), which these are built from, and a target named after the
 * runtime (nodejs22.x: node22).
 */
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ESBUILD_ALIASES, LAMBDA_BUNDLING, LAMBDA_RUNTIME } from '../../infra/aws/lambda-bundling.js';
import { REPO_ROOT } from './repo.js';

export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  minify: LAMBDA_BUNDLING.minify,
  sourcemap: LAMBDA_BUNDLING.sourceMap,
  sourcesContent: LAMBDA_BUNDLING.sourcesContent,
  format: LAMBDA_BUNDLING.format === OutputFormat.ESM ? 'esm' : 'cjs',
  platform: 'node',
  target: LAMBDA_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1'),
  mainFields: [...LAMBDA_BUNDLING.mainFields],
  banner: { js: LAMBDA_BUNDLING.banner },
  external: [...LAMBDA_BUNDLING.externalModules],
  alias: { ...ESBUILD_ALIASES },
  logLevel: 'warning',
} as const satisfies esbuild.BuildOptions;

/** A module to bundle: a file, or source text resolved from the repository root. */
export type BundleEntry = { key: string; file: string } | { key: string; source: string };

export interface Bundle {
  key: string;
  /** The bundle as deployed (index.mjs, which the CDK names the file). */
  code: Uint8Array;
  /** Its source map (index.mjs.map), shipped beside it. */
  map?: Uint8Array;
  bytes: number;
  /** esbuild's bytesInOutput, by input path relative to the repository root. */
  inputs: ReadonlyMap<string, number>;
}

const VIRTUAL = 'bench-entry';

/** Entries given as source text, resolved as if they lived at the repository root. */
function virtualEntries(sources: ReadonlyMap<string, string>): esbuild.Plugin {
  return {
    name: VIRTUAL,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${VIRTUAL}:`) }, (args) => ({
        path: args.path.slice(VIRTUAL.length + 1),
        namespace: VIRTUAL,
      }));
      build.onLoad({ filter: /.*/, namespace: VIRTUAL }, (args) => ({
        contents: sources.get(args.path),
        resolveDir: REPO_ROOT,
        loader: 'js',
      }));
    },
  };
}

/**
 * Bundles every entry in one esbuild run (each output is what a build of that entry alone gives, byte for
 * byte; one run parses shared modules once). Nothing is written.
 */
export async function bundleForLambda(
  entries: readonly BundleEntry[],
  options: { external?: string[]; sourcemap?: boolean } = {},
): Promise<Map<string, Bundle>> {
  const sources = new Map(entries.flatMap((e) => ('source' in e ? [[e.key, e.source] as const] : [])));
  const outdir = join(REPO_ROOT, '.bench-bundles'); // never written: write is false
  const result = await esbuild.build({
    ...LAMBDA_BUILD_OPTIONS,
    external: options.external ?? [...LAMBDA_BUILD_OPTIONS.external],
    sourcemap: options.sourcemap ?? LAMBDA_BUILD_OPTIONS.sourcemap,
    absWorkingDir: REPO_ROOT,
    entryPoints: entries.map((e) => ({
      in: 'file' in e ? e.file : `${VIRTUAL}:${e.key}`,
      out: `${e.key}/index`,
    })),
    outdir,
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    plugins: [virtualEntries(sources)],
  });
  const bundles = new Map<string, Bundle>();
  for (const { key } of entries) {
    const path = join(outdir, key, 'index.mjs');
    const file = result.outputFiles.find((f) => f.path === path);
    const meta = result.metafile.outputs[`.bench-bundles/${key}/index.mjs`];
    if (!file || !meta) throw new Error(`esbuild gave no output for ${key}`);
    const inputs = new Map(
      Object.entries(meta.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]),
    );
    const map = result.outputFiles.find((f) => f.path === `${path}.map`)?.contents;
    bundles.set(key, { key, code: file.contents, map, bytes: meta.bytes, inputs });
  }
  return bundles;
}
