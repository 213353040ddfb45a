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
  // The image compiles these directories to dist/ and installs dependencies only (npm ci --omit=dev).
  const compiled = ['src', 'commands'];
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies: Record<string, string>;
    scripts: Record<string, string>;
  };
  const dockerfile = readFileSync('Dockerfile', 'utf8');

  it('needs nothing from devDependencies at run time', () => {
    const imported = new Map<string, string>();
    for (const file of compiled.flatMap(sources)) {
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

  it('compiles every source directory and copies every directory the bot reads at run time', () => {
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
    for (const dir of compiled) {
      expect(build.include).toContain(dir);
      expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    }
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    // The compiled bot finds data/ and seeds/ from the folder holding package.json.
    for (const path of ['package.json', 'data', 'seeds'])
      expect(dockerfile).toMatch(new RegExp(`^COPY ${path} `, 'm'));
  });

  it('runs the compiled bot with production dependencies only, as PID 1 without npm or tsx', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    const command = JSON.parse(/^CMD (.*)$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(command[0]).toBe('node');
    expect(command.at(-1)).toBe('dist/src/main.js');
    // What npm run start:prod runs, Node options included, is what the container runs.
    expect(pkg.scripts['start:prod']).toBe(command.join(' '));
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });
});
