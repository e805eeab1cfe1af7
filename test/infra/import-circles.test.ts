/**
 * The house has no circle (README, Layout): no file of functions/ reaches itself through its imports, type
 * imports included. The directions between rooms are eslint.config.js's; a circle inside one room is this
 * test's. Imports are read with TypeScript's own pre-processor.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = join(process.cwd(), 'functions');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The files of functions/ that a file imports (or re-exports from). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
}

/** Every circle, each as the files it passes through (depth-first, each circle found from its first file). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      found.push([...path.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

describe('the imports of functions/', () => {
  const graph = new Map(sources(ROOT).map((file) => [file, importsOf(file)]));

  it('are read (the pre-processor finds the imports a file has)', () => {
    const handler = join(ROOT, 'handlers', 'approval-link.ts');
    expect(graph.get(handler)).toContain(join(ROOT, 'links', 'link-handler.ts'));
  });

  it('form no circle', () => {
    const named = circles(graph).map((circle) => circle.map((file) => relative(ROOT, file)).join(' -> '));

    expect(named).toEqual([]);
  });

  it('a circle would be found', () => {
    const [a, b, c] = ['a.ts', 'b.ts', 'c.ts'];

    expect(
      circles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [a]],
        ]),
      ),
    ).toEqual([[a, b, c, a]]);
  });
});
