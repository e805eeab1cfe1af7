import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const cache = new Map<string, Promise<LambdaHandler>>();

/** Imports a handler module the way Lambda would, and takes its exported `handler`. */
export function loadHandler(rootDir: string, name: string): Promise<LambdaHandler> {
  let loaded = cache.get(name);
  if (!loaded) {
    const url = pathToFileURL(resolve(rootDir, 'functions', 'handlers', `${name}.ts`)).href;
    loaded = import(url).then((module: { handler?: LambdaHandler }) => {
      if (typeof module.handler !== 'function')
        throw new Error(`functions/handlers/${name}.ts exports no handler`);
      return module.handler;
    });
    cache.set(name, loaded);
  }
  return loaded;
}
