/**
 * Child programs (a timed import, an import probe) are TypeScript here and run by plain `node`: compiled
 * once with esbuild, so no loader sits between node and the module being measured.
 */
import * as esbuild from 'esbuild';

export async function compileChildProgram(entry: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * The child's environment: ours, minus our NODE_OPTIONS (which would load tsx or another loader into it),
 * plus `extra` (NODE_OPTIONS as a Lambda function's environment would set them, say).
 */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return { ...env, ...extra };
}
