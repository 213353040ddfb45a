import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/package-root.ts';

describe('packageRoot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ai-news-root-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the nearest folder above holding a package.json, however deep the compiled file lies', () => {
    writeFileSync(join(dir, 'package.json'), '{}');
    const nested = join(dir, 'dist', 'src', 'knowledge');
    mkdirSync(nested, { recursive: true });
    expect(packageRoot(nested)).toBe(dir);
    expect(packageRoot(dir)).toBe(dir);
  });

  it('is this project for the bot itself', () => {
    expect(packageRoot()).toBe(process.cwd());
  });

  it('names the folder when there is no package.json above it', () => {
    const outside = mkdtempSync(join(tmpdir(), 'ai-news-no-root-'));
    try {
      expect(() => packageRoot(outside)).toThrow(/no package\.json/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
