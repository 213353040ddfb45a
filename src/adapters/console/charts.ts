import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplyImage } from '../../core/reply.ts';

/** Where the console and `npm run ask` write the pictures of replies (var/ is runtime state, ignored by git). */
export const CHARTS_DIR = join('var', 'charts');

/**
 * Writes a reply's picture as a PNG under `dir` and returns its path, or the reason it could not. The
 * name carries a hash of the bytes: asking again for the same chart rewrites the same file.
 */
export function saveChart(image: ReplyImage, dir = CHARTS_DIR): { path: string } | { error: string } {
  const hash = createHash('sha256').update(image.png).digest('hex').slice(0, 10);
  const path = join(dir, `${image.fileName.replace(/\.png$/i, '')}-${hash}.png`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, image.png);
    return { path };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
