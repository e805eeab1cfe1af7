/**
 * The AWS SDK names our code imports, by package, read from the source of the files a bundle kept. A "bare
 * SDK" bundle that imports exactly these names, bundled alone, is what the SDK costs that function: the rest
 * of the function's bundle is ours.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './repo.js';

/** Package → the value names imported from it (an empty set: imported for its side effects). */
export type SdkImports = ReadonlyMap<string, ReadonlySet<string>>;

export function isSdkPackage(specifier: string): boolean {
  return specifier.startsWith('@aws-sdk/') || specifier.startsWith('@smithy/');
}

/** Our own source files among a bundle's inputs: those outside node_modules that left code in the output. */
export function ownSourceFiles(inputs: ReadonlyMap<string, number>): string[] {
  return [...inputs]
    .filter(([path, bytes]) => bytes > 0 && !path.includes('node_modules/') && /\.[cm]?[jt]s$/.test(path))
    .map(([path]) => path);
}

function addImports(file: string, into: Map<string, Set<string>>): void {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(REPO_ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !isSdkPackage(specifier.text)) continue;
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : statement;
    if (clause?.isTypeOnly) continue; // types only: nothing of the package is bundled
    const names = into.get(specifier.text) ?? new Set<string>();
    into.set(specifier.text, names);
    if (!clause) continue; // a side-effect import
    const bindings = ts.isImportClause(clause) ? clause.namedBindings : clause.exportClause;
    const named = bindings && (ts.isNamedImports(bindings) || ts.isNamedExports(bindings));
    if (!named || (ts.isImportClause(clause) && clause.name)) {
      // A namespace or default import does not say what it uses: the bare bundle could not match it fairly.
      throw new Error(`${file}: import named bindings from ${specifier.text}, so its bundle can be measured`);
    }
    for (const element of bindings.elements) {
      if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
    }
  }
}

export function sdkImportsOf(files: readonly string[]): SdkImports {
  const imports = new Map<string, Set<string>>();
  for (const file of files) addImports(file, imports);
  return imports;
}

/** An entry module that imports and keeps exactly these names, and nothing of ours. */
export function bareSdkSource(imports: SdkImports): string {
  return [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pkg, names]) =>
      names.size === 0 ? `import '${pkg}';` : `export { ${[...names].sort().join(', ')} } from '${pkg}';`,
    )
    .join('\n');
}

/** `client-dynamodb (ConditionalCheckFailedException, DynamoDBClient); lib-dynamodb (…)`. */
export function describeSdkImports(imports: SdkImports): string {
  if (imports.size === 0) return 'none';
  return [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pkg, names]) => `${pkg.replace(/^@aws-sdk\//, '')} (${[...names].sort().join(', ')})`)
    .join('; ');
}
