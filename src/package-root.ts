import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const roots = new Map<string, string>();

/**
 * The nearest folder at or above `from` that holds a package.json. Files the bot reads at run time
 * (seeds/, data/) are found from here, so the TypeScript sources and the compiled copy under dist/
 * read the same files.
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  const cached = roots.get(from);
  if (cached !== undefined) return cached;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      roots.set(from, dir);
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json in ${from} or any folder above it`);
  }
}
