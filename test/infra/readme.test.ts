import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configVariables } from '../../functions/shared/config.js';

const root = process.cwd();
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('README', () => {
  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });

  it('documents every configuration variable the code reads', () => {
    // Arrange
    const code = [...sources(join(root, 'functions')), ...sources(join(root, 'infra'))]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const variables = new Set([...(code.match(/\b(CONCORD_[A-Z_]+|PORT)\b/g) ?? []), ...configVariables()]);

    // Act
    const missing = [...variables].filter((name) => !readme.includes(`\`${name}\``));

    // Assert
    expect(variables.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
