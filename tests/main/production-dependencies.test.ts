import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The package a bare import specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

describe('the production image', () => {
  // The Docker image installs dependencies only (npm ci --omit=dev) and copies these directories.
  const shipped = ['src', 'commands'];
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };

  it('needs nothing from devDependencies at run time', () => {
    const imported = new Map<string, string>();
    for (const file of shipped.flatMap(sources)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^'.][^']*)'/gm)) {
        const specifier = match[1] as string;
        if (!specifier.startsWith('node:')) imported.set(packageOf(specifier), file);
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    for (const [name, file] of imported) {
      expect(pkg.dependencies, `${file} imports ${name}`).toHaveProperty(name);
    }
  });

  it('copies every directory the bot reads at run time', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    for (const dir of [...shipped, 'data', 'seeds']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "src\/main.ts"\]$/m);
  });
});
