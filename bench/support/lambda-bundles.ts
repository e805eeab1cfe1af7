/**
 * Every Lambda bundled as deployed, each beside the bare SDK bundle of the SDK names it imports, built in the
 * same run so SDK and esbuild versions match.
 */
import { bundleForLambda, type Bundle } from './esbuild-lambda.js';
import { handlerEntry, lambdaHandlers } from './handlers.js';
import { bareSdkSource, ownSourceFiles, sdkImportsOf, type SdkImports } from './sdk-imports.js';

export interface LambdaBundle {
  name: string;
  bundle: Bundle;
  sdkImports: SdkImports;
  /** The bare SDK bundle of sdkImports (shared by the functions that import the same names). */
  bareSdk: Bundle;
}

export interface BuildOptions {
  /** Handlers to build; all of them by default. */
  names?: readonly string[];
  /** Packages left out of the bundles (the runtime-provided SDK: `@aws-sdk/*`). */
  external?: string[];
}

export async function buildLambdaBundles(options: BuildOptions = {}): Promise<LambdaBundle[]> {
  const names = options.names ?? lambdaHandlers();
  const handlers = await bundleForLambda(
    names.map((name) => ({ key: `handlers/${name}`, file: handlerEntry(name) })),
    options,
  );
  const imports = new Map(
    names.map((name) => [name, sdkImportsOf(ownSourceFiles(bundle(handlers, name).inputs))]),
  );
  // Functions importing the same SDK names share one bare bundle.
  const sources = [...new Set([...imports.values()].map(bareSdkSource))];
  const bare = await bundleForLambda(
    sources.map((source, index) => ({ key: `bare-sdk/${index + 1}`, source })),
    options,
  );
  return names.map((name) => {
    const sdkImports = imports.get(name)!;
    return {
      name,
      bundle: bundle(handlers, name),
      sdkImports,
      bareSdk: bare.get(`bare-sdk/${sources.indexOf(bareSdkSource(sdkImports)) + 1}`)!,
    };
  });
}

function bundle(bundles: ReadonlyMap<string, Bundle>, name: string): Bundle {
  const found = bundles.get(`handlers/${name}`);
  if (!found) throw new Error(`No bundle for ${name}`);
  return found;
}
